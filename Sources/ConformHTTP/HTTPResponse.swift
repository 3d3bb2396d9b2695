/// A complete response: the final status line, headers and body of one exchange.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response (never an interim 1xx). 3xx responses are
    /// returned as they are: redirects are never followed.
    public var status: Int
    /// The reason phrase of the final status line (`"Found"`); empty for HTTP/2 and later.
    public var reasonPhrase: String
    /// The final response's header fields in the order received, repeated names kept.
    /// Interim (1xx) responses' headers are not included; trailers, if any, follow the headers.
    ///
    /// When `HTTPClientConfiguration.contentDecoding` is `.automatic`, `Content-Encoding`
    /// and `Content-Length` still describe the bytes on the wire, not the decoded `body`.
    public var headers: HTTPHeaders
    /// The body as delivered: decoded when the server applied a content coding and
    /// decoding is on, otherwise exactly the bytes received.
    public var body: [UInt8]
    /// The protocol version the response arrived with.
    public var version: HTTPVersion
    /// Where the time went.
    public var timings: HTTPTimings
    /// How many new connections this transfer opened: 0 when it reused a cached one.
    public var connectionsOpened: Int
    /// The IP address and port the response came from, when libcurl knows them.
    public var remoteAddress: String?
    /// The remote port, when libcurl knows it.
    public var remotePort: Int?

    /// Creates a response value (the client builds these; tests and mocks may too).
    public init(
        status: Int,
        reasonPhrase: String = "",
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        version: HTTPVersion = .http1_1,
        timings: HTTPTimings = HTTPTimings(),
        connectionsOpened: Int = 0,
        remoteAddress: String? = nil,
        remotePort: Int? = nil
    ) {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
        self.version = version
        self.timings = timings
        self.connectionsOpened = connectionsOpened
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }

    /// The body decoded as UTF-8, invalid sequences replaced by U+FFFD.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The HTTP version a response used.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1
    case http2
    case http3
    /// A version this libcurl build reports that Conform does not know (the raw number).
    case other(Int)

    /// `HTTP/1.1`, `HTTP/2` ...
    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        case .http2: "HTTP/2"
        case .http3: "HTTP/3"
        case .other(let raw): "HTTP/? (\(raw))"
        }
    }
}

/// Phase timings of one transfer, as libcurl measures them.
///
/// Each value is the time **from the start of the transfer until that phase ended**
/// (libcurl's cumulative model, https://curl.se/libcurl/c/curl_easy_getinfo.html#TIMES),
/// so `nameLookup <= connect <= tlsHandshake <= firstByte <= total` when every phase ran.
/// A phase that did not happen reports zero: `tlsHandshake` on `http://`, and name lookup,
/// connect and TLS on a reused connection. Time spent waiting for a free connection
/// (see `HTTPClientConfiguration.maxConnections`) is part of every phase.
public struct HTTPTimings: Sendable, Hashable {
    /// Until the host name was resolved (`CURLINFO_NAMELOOKUP_TIME_T`).
    public var nameLookup: Duration
    /// Until the TCP connection was established (`CURLINFO_CONNECT_TIME_T`).
    public var connect: Duration
    /// Until the TLS handshake completed (`CURLINFO_APPCONNECT_TIME_T`); zero for `http://`.
    public var tlsHandshake: Duration
    /// Until the first response byte arrived (`CURLINFO_STARTTRANSFER_TIME_T`).
    public var firstByte: Duration
    /// The whole transfer (`CURLINFO_TOTAL_TIME_T`).
    public var total: Duration

    /// Creates timings; all zero by default.
    public init(
        nameLookup: Duration = .zero,
        connect: Duration = .zero,
        tlsHandshake: Duration = .zero,
        firstByte: Duration = .zero,
        total: Duration = .zero
    ) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.firstByte = firstByte
        self.total = total
    }
}
