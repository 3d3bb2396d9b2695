/// One HTTP request as Conform sends it: nothing is added or rewritten except what
/// `HTTPClient` documents (a `User-Agent` when none is given, libcurl's `Accept: */*`,
/// `Host`, `Content-Length`, and `Accept-Encoding` when decoding is on). In particular no
/// `Expect: 100-continue` and no invented `Content-Type` for bodies.
///
/// `description` hides the credential headers (see `HTTPHeaders.redacted`) but not the URL or
/// other headers, which may still hold a secret: reports and transcripts go through the run's
/// `Redactor` (ConformRunner), which also knows the secret values themselves.
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    /// The method, sent as spelled.
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL. Anything else is refused before sending.
    public var url: String
    /// Header fields in order; names may repeat and are sent in this order.
    ///
    /// A field with an empty value is sent as `Name:` with nothing after it.
    public var headers: HTTPHeaders
    /// The body, or `nil` for none. `nil` sends no body and no `Content-Length`;
    /// `[]` sends an empty body with `Content-Length: 0` (what a bodiless `POST` usually wants).
    public var body: [UInt8]?
    /// The limit for the whole transfer: queueing for a connection, connecting, sending
    /// and receiving the complete response. Must be positive.
    public var timeout: Duration
    /// A separate limit for establishing the connection (TCP and TLS), or `nil` for
    /// libcurl's default (300 s, capped by `timeout`).
    public var connectTimeout: Duration?

    /// Creates a request. The default timeout is 30 seconds.
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(30),
        connectTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// `POST http://host/path`, then the headers with credentials hidden, then the body size.
    public var description: String {
        var lines = ["\(method) \(url)"]
        lines += headers.redacted.map(\.description)
        if let body { lines.append("(\(body.count)-byte body)") }
        return lines.joined(separator: "\n")
    }
}
