/// A request that produced no HTTP response: the connection, TLS, a timeout, a limit,
/// cancellation, or a request libcurl refused. (Any HTTP status, 4xx and 5xx included,
/// is a response, not a `TransportError`.)
///
/// `description` reads like
/// `GET http://127.0.0.1:9/x: Couldn't connect to server (CURLE_COULDNT_CONNECT 7): Failed to connect to 127.0.0.1 port 9 after 0 ms: Connection refused`.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarsely, for reports and exit codes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// No connection could be established (`CURLE_COULDNT_CONNECT`): refused, unreachable.
        case connectionRefused
        /// The peer reset or closed the connection before a complete response
        /// (`CURLE_RECV_ERROR`, `CURLE_SEND_ERROR`, `CURLE_GOT_NOTHING`, HTTP/2 stream errors).
        case connectionClosed
        /// The request's `timeout` or `connectTimeout` expired (`CURLE_OPERATION_TIMEDOUT`).
        case timeout
        /// TLS failed: certificate not trusted, wrong host name, handshake error, bad CA file.
        case tls
        /// The host (or proxy) name did not resolve (`CURLE_COULDNT_RESOLVE_HOST`).
        case dns
        /// The body ended before its declared length (`CURLE_PARTIAL_FILE`).
        case truncatedBody
        /// The body exceeded `HTTPClientConfiguration.maxBodySize` and the transfer was stopped.
        case bodyTooLarge
        /// The server's reply was not valid HTTP, or its content coding could not be decoded.
        case malformedResponse
        /// The request was refused before sending: bad URL or scheme, bad method or header.
        case invalidRequest
        /// The calling task was cancelled; the transfer was stopped.
        case cancelled
        /// The client was shut down before the request could complete.
        case shutdown
        /// Anything else libcurl reports (out of memory, internal errors ...).
        case other
    }

    /// The classification.
    public var kind: Kind
    /// The request method (empty when the error is not about one request).
    public var method: String
    /// The request URL (empty when the error is not about one request).
    public var url: String
    /// The libcurl result code number (`CURLcode`, or `CURLMcode` when `codeName` starts
    /// with `CURLM_`), or `nil` when the failure did not come from libcurl.
    public var code: Int?
    /// The symbolic name of `code`, e.g. `CURLE_COULDNT_CONNECT`.
    public var codeName: String?
    /// A short summary: libcurl's generic text for the code (`curl_easy_strerror`),
    /// or Conform's own words when libcurl was not involved.
    public var summary: String
    /// The specific message: libcurl's `CURLOPT_ERRORBUFFER` text when it wrote one, or
    /// Conform's explanation; `nil` when there is nothing beyond `summary`.
    public var detail: String?
    /// The OS `errno` behind a connection failure (`CURLINFO_OS_ERRNO`), when non-zero.
    public var osErrno: Int?

    /// Creates an error value.
    public init(
        kind: Kind,
        method: String,
        url: String,
        code: Int? = nil,
        codeName: String? = nil,
        summary: String,
        detail: String? = nil,
        osErrno: Int? = nil
    ) {
        self.kind = kind
        self.method = method
        self.url = url
        self.code = code
        self.codeName = codeName
        self.summary = summary
        self.detail = detail
        self.osErrno = osErrno
    }

    /// `METHOD URL: summary (CODE_NAME n): detail`, leaving out the parts that are absent.
    public var description: String {
        var text = url.isEmpty ? "" : (method.isEmpty ? url : "\(method) \(url)") + ": "
        text += summary
        if let code, let codeName { text += " (\(codeName) \(code))" }
        if let detail, !detail.isEmpty, detail != summary { text += ": " + detail }
        return text
    }
}
