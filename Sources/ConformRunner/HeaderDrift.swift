import ConformHTTP
import ConformSpec

/// Response headers a spec does not mention are drift, like undeclared fields, except the
/// ones HTTP itself and common infrastructure (proxies, CDNs, security policies) add: those
/// carry no API contract, and listing them would bury the headers that do.
enum HeaderDrift {
    static let wellKnown: Set<String> = [
        "accept-ranges", "access-control-allow-credentials", "access-control-allow-headers",
        "access-control-allow-methods", "access-control-allow-origin", "access-control-expose-headers",
        "access-control-max-age", "age", "allow", "alt-svc", "cache-control", "connection", "content-disposition",
        "content-encoding", "content-language", "content-length", "content-location", "content-range",
        "content-security-policy", "content-type", "date", "etag", "expect-ct", "expires", "keep-alive",
        "last-modified", "link", "location", "nel", "permissions-policy", "pragma", "proxy-authenticate",
        "referrer-policy", "report-to", "retry-after", "server", "server-timing", "set-cookie",
        "strict-transport-security", "timing-allow-origin", "trailer", "transfer-encoding", "upgrade", "vary",
        "via", "warning", "www-authenticate", "x-cache", "x-content-type-options", "x-frame-options",
        "x-request-id", "x-correlation-id", "x-xss-protection", "x-powered-by", "x-runtime",
    ]
    /// Prefixes that proxies and CDNs use for their own headers.
    static let infrastructurePrefixes = ["cf-", "x-amz-", "x-amzn-", "x-cache-", "x-served-", "x-envoy-", "x-ratelimit-", "ratelimit-"]

    static func records(for response: HTTPResponse, expectation: Expectation) -> [DriftRecord] {
        let declared = Set(expectation.headers.map { $0.name.lowercased() })
        var seen = Set<String>()
        var records: [DriftRecord] = []
        for header in response.headers {
            let name = header.name.lowercased()
            guard !declared.contains(name), !wellKnown.contains(name),
                !infrastructurePrefixes.contains(where: name.hasPrefix), seen.insert(name).inserted
            else { continue }
            records.append(DriftRecord(kind: .header, location: header.name, type: ""))
        }
        return records
    }
}
