/// Removes secrets from every text Conform writes: console, JUnit attributes and bodies,
/// transcripts. Credentials headers are always masked by name; any value that came from a
/// credential variable is masked wherever it appears (also base64-encoded, as in Basic auth).
public struct Redactor: Sendable {
    public static let mask = "[REDACTED]"
    /// Headers whose value is always secret, whatever it holds.
    public static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    private let secrets: [String]

    /// `secrets` are the raw values (tokens, passwords); very short values are ignored, as
    /// masking every "a" in a report would make it unreadable and protect nothing.
    public init(secrets: [String]) {
        var all = Set<String>()
        for secret in secrets where secret.count >= 4 {
            all.insert(secret)
            all.insert(Self.base64(secret))
        }
        // Longest first, so a secret containing another is masked whole.
        self.secrets = all.sorted { $0.count > $1.count }
    }

    public static let none = Redactor(secrets: [])

    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.mask)
        }
        return result
    }

    /// A header line's value as it may be shown.
    public func redactHeader(name: String, value: String) -> String {
        Self.secretHeaders.contains(name.lowercased()) ? Self.mask : redact(value)
    }

    public static func base64(_ text: String) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let bytes = Array(text.utf8)
        var output = ""
        var index = 0
        while index + 2 < bytes.count {
            let n = (UInt32(bytes[index]) << 16) | (UInt32(bytes[index + 1]) << 8) | UInt32(bytes[index + 2])
            output += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            output += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = (UInt32(bytes[index]) << 16) | (UInt32(bytes[index + 1]) << 8)
            output += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)]]
        }
        // Without padding: inside "user:secret" the secret's own encoding is not aligned to
        // the whole value's, so the full Authorization value is masked by header name instead.
        return output
    }
}
