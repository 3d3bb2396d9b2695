public import ConformHTTP

/// What the runner needs from HTTP: send a request, get a response or a transport error.
/// `HTTPClient` (libcurl) is the real one; tests may plug in another.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

extension HTTPClient: HTTPTransport {}
