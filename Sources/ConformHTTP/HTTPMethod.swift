/// An HTTP request method. Any token is allowed (`PROPFIND`, `PURGE` ...); methods are
/// case-sensitive (RFC 9110 section 9.1), so the spelling is sent as given.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The method token, e.g. `PATCH`.
    public var rawValue: String

    /// Creates a method from its token.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a method from its token.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// `"PATCH"` as an `HTTPMethod`.
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let get: HTTPMethod = "GET"
    public static let head: HTTPMethod = "HEAD"
    public static let post: HTTPMethod = "POST"
    public static let put: HTTPMethod = "PUT"
    public static let patch: HTTPMethod = "PATCH"
    public static let delete: HTTPMethod = "DELETE"
    public static let options: HTTPMethod = "OPTIONS"

    /// The token.
    public var description: String { rawValue }

    /// Whether the token is a valid RFC 9110 `token` (no spaces, no separators, not empty).
    var isValidToken: Bool {
        !rawValue.isEmpty && rawValue.utf8.allSatisfy(\.isHTTPTokenCharacter)
    }
}

extension UInt8 {
    /// RFC 9110 section 5.6.2 `tchar`.
    var isHTTPTokenCharacter: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(self)
        }
    }
}
