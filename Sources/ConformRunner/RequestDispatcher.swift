import ConformHTTP
import Foundation

/// Sends a request the way a run's policy says: paced (`--rate`), never to a target known to
/// be dead, and again after a retriable failure — recording every retry.
struct RequestDispatcher: Sendable {
    let transport: any HTTPTransport
    let retry: RetryPolicy
    let health: TargetHealth
    let pacer: RequestPacer?
    /// Cancels a case's request in flight when the run is interrupted.
    var interruption: RunInterruption?

    enum Outcome {
        case response(HTTPResponse)
        case transport(TransportError)
        /// Not sent at all, e.g. because the target stopped answering.
        case notSent(String)
    }

    struct Result {
        let outcome: Outcome
        /// What went wrong on each attempt before the last one.
        let retries: [RetryNote]
    }

    /// Sends once; an interruption of the run cancels the transfer (`TransportError.cancelled`).
    private func sendWatchingInterruption(_ request: HTTPRequest, interruptible: Bool) async throws(TransportError) -> HTTPResponse {
        guard interruptible, let interruption else { return try await transport.send(request) }
        let cancellation = TransferCancellation()
        let outcome = await interruption.whileWatching(onInterrupt: { cancellation.cancel() }) {
            () async -> Swift.Result<HTTPResponse, TransportError> in
            do throws(TransportError) { return .success(try await transport.send(request, cancellation: cancellation)) } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// `gates`: whether the request's case decides the verdict (only those count towards
    /// giving up on a target). `interruptible`: a case's request is cancelled when the run is
    /// interrupted; a teardown's is not (it cleans up).
    func send(_ request: HTTPRequest, gates: Bool = true, interruptible: Bool = true) async -> Result {
        var retries: [RetryNote] = []
        var waited = 0.0
        let method = request.method.rawValue
        while true {
            if let reason = health.unresponsiveReason(for: request.url) { return Result(outcome: .notSent(reason), retries: retries) }
            if let pacer { await pacer.waitForSlot() }
            let delay: Double
            do {
                let response = try await sendWatchingInterruption(request, interruptible: interruptible)
                guard retries.count < retry.maxRetries, retry.shouldRetry(method: method, status: response.status) else {
                    return Result(outcome: .response(response), retries: retries)
                }
                delay = retry.delay(retry: retries.count + 1, retryAfter: response.headers["Retry-After"])
                guard waited + delay <= retry.budget else { return Result(outcome: .response(response), retries: retries) }
                retries.append(RetryNote(kind: .status, message: "\(method) \(request.url): status \(response.status)"
                                         + (response.headers["Retry-After"].map { " (Retry-After: \($0))" } ?? "")))
            } catch {
                let interrupted = interruptible && interruption?.isInterrupted == true
                guard !interrupted, retries.count < retry.maxRetries, retry.shouldRetry(method: method, error: error) else {
                    health.recordFinalFailure(error, gates: gates)
                    return Result(outcome: .transport(error), retries: retries)
                }
                delay = retry.delay(retry: retries.count + 1, retryAfter: nil)
                guard waited + delay <= retry.budget else {
                    health.recordFinalFailure(error, gates: gates)
                    return Result(outcome: .transport(error), retries: retries)
                }
                retries.append(RetryNote(kind: .transport, message: error.description))
            }
            waited += delay
            try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
        }
    }
}
