import ConformHTTP
import Foundation

/// Cookies a file's responses set, sent back by its later requests (`cookies: true`): what a
/// login case's session cookie needs. RFC 6265's storage and matching rules, without the
/// public suffix list (a `Domain` attribute must name the request's host or a parent with a dot).
struct CookieJar: Sendable {
    struct Cookie: Sendable, Hashable {
        let name: String
        let value: String
        /// Lowercase, without a leading dot.
        let domain: String
        /// Only the host that set it (no `Domain` attribute), not its subdomains.
        let hostOnly: Bool
        let path: String
        let secure: Bool
        let expires: Date?
    }

    private(set) var cookies: [Cookie] = []

    /// Takes every `Set-Cookie` of a response to a request for `url`.
    mutating func store(from response: HTTPResponse, url: String, now: Date = Date()) {
        guard let target = URLResolution.components(of: url) else { return }
        for field in response.headers where field.name.lowercased() == "set-cookie" {
            guard let cookie = Self.parse(field.value, host: target.host, requestPath: target.path, now: now) else { continue }
            cookies.removeAll { $0.name == cookie.name && $0.domain == cookie.domain && $0.path == cookie.path }
            if let expires = cookie.expires, expires <= now { continue }  // an expired cookie deletes the stored one
            cookies.append(cookie)
        }
    }

    /// The `Cookie` header value for a request to `url`, or `nil` when no cookie matches:
    /// longer paths first, as RFC 6265 section 5.4 orders them.
    func header(for url: String, now: Date = Date()) -> String? {
        guard let target = URLResolution.components(of: url) else { return nil }
        let matching = cookies.filter { cookie in
            if let expires = cookie.expires, expires <= now { return false }
            if cookie.secure && target.scheme != "https" { return false }
            let hostMatches = cookie.hostOnly ? target.host == cookie.domain : Self.domainMatches(target.host, cookie.domain)
            return hostMatches && Self.pathMatches(target.path, cookie.path)
        }
        guard !matching.isEmpty else { return nil }
        return matching.enumerated().sorted { lhs, rhs in
            lhs.element.path.count != rhs.element.path.count ? lhs.element.path.count > rhs.element.path.count : lhs.offset < rhs.offset
        }.map { "\($0.element.name)=\($0.element.value)" }.joined(separator: "; ")
    }

    /// The values, for the redactor: a session cookie is a credential.
    var values: [String] { cookies.map(\.value) }

    static func parse(_ text: String, host: String, requestPath: String, now: Date) -> Cookie? {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return nil }
        let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
        let value = String(pair[pair.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        var domain = host, hostOnly = true, path = defaultPath(requestPath), secure = false
        var expires: Date?, maxAge: Date?
        for attribute in parts.dropFirst() {
            let (key, argument): (String, String) = {
                guard let equals = attribute.firstIndex(of: "=") else { return (attribute.lowercased(), "") }
                return (String(attribute[..<equals]).trimmingCharacters(in: .whitespaces).lowercased(),
                        String(attribute[attribute.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
            }()
            switch key {
            case "domain" where !argument.isEmpty:
                var candidate = argument.lowercased()
                if candidate.hasPrefix(".") { candidate.removeFirst() }
                // A cookie for a host it was not set by, or for a whole top-level domain, is refused.
                guard domainMatches(host, candidate), candidate.contains(".") || candidate == host else { return nil }
                domain = candidate
                hostOnly = candidate == host
            case "path" where argument.hasPrefix("/"):
                path = argument
            case "secure":
                secure = true
            case "max-age":
                if let seconds = Int(argument) { maxAge = now.addingTimeInterval(TimeInterval(max(seconds, -1))) }
            case "expires":
                expires = httpDate(argument)
            default:
                break
            }
        }
        return Cookie(name: name, value: value, domain: domain, hostOnly: hostOnly, path: path, secure: secure,
                      expires: maxAge ?? expires)  // Max-Age wins (RFC 6265 section 5.3, step 3)
    }

    static func domainMatches(_ host: String, _ domain: String) -> Bool {
        host == domain || (host.hasSuffix("." + domain) && !host.allSatisfy { $0.isNumber || $0 == "." })
    }

    static func pathMatches(_ requestPath: String, _ cookiePath: String) -> Bool {
        requestPath == cookiePath
            || (requestPath.hasPrefix(cookiePath) && (cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")))
    }

    /// RFC 6265 section 5.1.4: the request path up to its last `/`.
    static func defaultPath(_ requestPath: String) -> String {
        guard requestPath.hasPrefix("/"), let slash = requestPath.lastIndex(of: "/"), slash != requestPath.startIndex else { return "/" }
        return String(requestPath[..<slash])
    }

    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE, dd-MMM-yyyy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
