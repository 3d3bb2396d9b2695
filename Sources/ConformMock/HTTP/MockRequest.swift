/// A request as the mock sees it, free of any server framework, so tests can call
/// ``MockDeployment/respond(to:)`` without a socket.
public struct MockRequest: Sendable, Hashable {
    /// The method in upper case, e.g. `GET`.
    public var method: String
    /// The path as sent, still percent-encoded, without the query, e.g. `/api/v4/…/objects/task.json`.
    public var path: String
    /// The raw query string after `?`, still percent-encoded; empty when there is none.
    public var query: String
    public var headers: MockHeaders
    public var body: [UInt8]
    /// `http` or `https`: how the client reached the server, for links in bodies.
    public var scheme: String

    public init(
        method: String, path: String, query: String = "", headers: MockHeaders = [:], body: [UInt8] = [], scheme: String = "http"
    ) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.scheme = scheme
    }

    /// Splits a request target such as `/api/v4/x/objects/task.json?limit=2` into path and query.
    public init(method: String, target: String, headers: MockHeaders = [:], body: [UInt8] = [], scheme: String = "http") {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
            headers: headers, body: body, scheme: scheme)
    }
}
