public import ConformHTTP

/// What the runner needs from HTTP: send a request, get a response or a transport error.
/// `HTTPClient` (libcurl) is the real one; tests may plug in another.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
    /// `send`, ended with `.cancelled` when `cancellation` is cancelled (before or during the
    /// transfer). A transport without its own way runs the transfer in a task and cancels that.
    func send(_ request: HTTPRequest, cancellation: TransferCancellation) async throws(TransportError) -> HTTPResponse
    /// Where the run's cases should run, when the transport has a thread of its own that can
    /// take them (nil: the global pool).
    var preferredExecutor: (any TaskExecutor)? { get }
}

extension HTTPTransport {
    public var preferredExecutor: (any TaskExecutor)? { nil }

    public func send(_ request: HTTPRequest, cancellation: TransferCancellation) async throws(TransportError) -> HTTPResponse {
        let transfer = Task { () async -> Swift.Result<HTTPResponse, TransportError> in
            do throws(TransportError) { return .success(try await send(request)) } catch { return .failure(error) }
        }
        cancellation.onCancel { transfer.cancel() }
        return try await transfer.value.get()
    }
}

extension HTTPClient: HTTPTransport {
    public var preferredExecutor: (any TaskExecutor)? { taskExecutor }
}
