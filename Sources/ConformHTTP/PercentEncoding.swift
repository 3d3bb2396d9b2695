/// Percent-encoding for query strings and form bodies: RFC 3986's unreserved characters stay,
/// every other byte of the UTF-8 text is `%XX` (a space is `%20`, and `+` is encoded, so no server
/// can read it as a space).
public enum PercentEncoding {
    /// `keepBrackets`: `[` and `]` stay readable in names (`task[name]`), which Rails and the
    /// JourneyApps examples accept.
    public static func encode(_ text: String, keepBrackets: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "[") where keepBrackets, UInt8(ascii: "]") where keepBrackets:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
