import ConformHTTP
import Foundation

/// Removes secrets from every text Conform writes: console, JUnit attributes and bodies,
/// transcripts. Credentials headers are always masked by name; any value that came from a
/// credential variable is masked wherever it appears (also base64-encoded, as in Basic auth).
public struct Redactor: Sendable {
    public static let mask = "[REDACTED]"
    /// Headers whose value is always secret, whatever it holds.
    public static let secretHeaders = Set(HTTPHeaders.sensitiveNames.map { $0.lowercased() })

    private let secrets: [String]
    /// `secretHeaders` and the target's own (an API key header), lowercased.
    private let headerNames: Set<String>

    /// `secrets` are the raw values (tokens, passwords); very short values are ignored, as
    /// masking every "a" in a report would make it unreadable and protect nothing.
    /// `secretHeaders` are more header names whose values are always masked.
    public init(secrets: [String], secretHeaders: [String] = []) {
        headerNames = Self.secretHeaders.union(secretHeaders.map { $0.lowercased() })
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
        headerNames.contains(name.lowercased()) ? Self.mask : redact(value)
    }

    /// Standard base64 of the UTF-8 text, as HTTP Basic writes `user:password`.
    public static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
