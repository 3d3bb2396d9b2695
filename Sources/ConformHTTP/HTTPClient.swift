/// Sends HTTP requests through libcurl: many in flight at once, one thread.
///
/// ```swift
/// let client = try HTTPClient(configuration: .init(maxConnections: 8))
/// let response = try await client.send(HTTPRequest(url: "http://127.0.0.1:8080/objects.json"))
/// await client.shutdown()
/// ```
///
/// # Design
/// One dedicated thread runs a libcurl multi handle (`curl_multi_perform`,
/// `curl_multi_poll`, `curl_multi_info_read`). `send` may be called from any task: it
/// queues the request under a lock, wakes the thread with `curl_multi_wakeup`, and suspends
/// on a continuation the thread resumes when the transfer completes. So thousands of
/// concurrent requests cost one thread, not one each.
///
/// What the multi handle provides: one connection cache (keep-alive connections are reused
/// across requests, up to `maxConnections`), one DNS cache, and HTTP/2 multiplexing when a
/// server offers it over TLS. The client adds a share handle for TLS session IDs, and keeps
/// reset easy handles in a pool so a request allocates no new handle in the steady state.
///
/// # Behaviour
/// - Redirects are never followed: a 3xx is a response, with its `Location` header.
/// - TLS is verified unless `TLSVerification.insecure` is chosen.
/// - Response headers are those of the final response (interim 1xx blocks dropped).
/// - Bodies larger than `maxBodySize` stop the transfer with `.bodyTooLarge`.
/// - Cancelling the calling task, or the request's `TransferCancellation`, stops the transfer
///   and throws `.cancelled`.
///
/// Call `shutdown()` when done; a client released without it cancels what is in flight
/// and lets its thread end in the background.
public final class HTTPClient: Sendable {
    /// The settings this client was created with.
    public let configuration: HTTPClientConfiguration
    private let loop: CurlMultiLoop

    /// Creates a client and starts its thread. Throws if libcurl cannot be initialised or
    /// the configuration is invalid (`maxConnections < 1`, negative `maxBodySize`).
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws(TransportError) {
        self.configuration = configuration
        loop = try CurlMultiLoop(configuration: configuration)
        try loop.start()
    }

    deinit {
        loop.stopInBackground()
    }

    /// Sends `request` and returns the complete response, whatever its status.
    ///
    /// Throws `TransportError` when there is no response: connection refused or reset,
    /// timeout, TLS, DNS, truncated or too large body, invalid request, cancellation
    /// (`.cancelled`), or a client that is shut down (`.shutdown`).
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        try await loop.perform(request).get()
    }

    /// ``send(_:)``, also ended with `.cancelled` when `cancellation` is cancelled, before or
    /// during the transfer.
    public func send(_ request: HTTPRequest, cancellation: TransferCancellation) async throws(TransportError) -> HTTPResponse {
        try await loop.perform(request, cancellation: cancellation).get()
    }

    /// The client's own thread as an executor: a task that prefers it runs between the
    /// client's rounds of I/O, and awaits its responses without a thread handoff.
    public var taskExecutor: any TaskExecutor { loop }

    /// What `shutdown` does with requests that have not completed.
    public enum ShutdownMode: Sendable, Hashable {
        /// Let queued and in-flight requests complete (each within its own timeout).
        case finishInFlight
        /// Stop them now; their `send` throws `.shutdown`.
        case cancelInFlight
    }

    /// Stops the client: new requests fail with `.shutdown`; pending ones finish or are
    /// cancelled per `mode`. Returns once every libcurl handle is freed and the thread has
    /// ended. Safe to call more than once and from several tasks (a later
    /// `.cancelInFlight` upgrades an earlier `.finishInFlight`).
    public func shutdown(_ mode: ShutdownMode = .finishInFlight) async {
        await loop.shutdown(cancelInFlight: mode == .cancelInFlight)
    }

    // MARK: - For tests

    /// Easy handles currently allocated (pooled or in use); 0 after `shutdown()`.
    package var liveEasyHandles: Int { loop.handleCounter.live }
    /// Easy handles ever created; stays small when the pool does its job.
    package var easyHandlesCreated: Int { loop.handleCounter.total }
}
