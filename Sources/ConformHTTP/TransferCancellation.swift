import Foundation

/// Cancels one `HTTPClient.send` from outside the task that awaits it: a signal's watcher, say.
///
/// Task cancellation does the same, but only for a task the canceller holds; a caller that has
/// to cancel its own request from elsewhere would run each request in a task of its own to
/// get one, and pay for it on every request: an extra task to create, schedule and resume
/// (a thread handoff per request; ~7 % of a 2,000-request run's wall time, bench/FINDINGS.md).
public final class TransferCancellation: @unchecked Sendable {
    // `cancelled` and `handler` are only touched under `lock`.
    private let lock = NSLock()
    private var cancelled = false
    private var handler: (@Sendable () -> Void)?

    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Ends the transfer this was given to with `.cancelled` (one not yet sent is never sent).
    /// Later calls do nothing.
    public func cancel() {
        let run: (@Sendable () -> Void)? = lock.withLock {
            guard !cancelled else { return nil }
            cancelled = true
            defer { handler = nil }
            return handler
        }
        run?()
    }

    /// Runs `handler` on `cancel()`, or at once when that has already been called: how a
    /// transport stops its transfer. One handler; a second replaces the first.
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        let runNow: Bool = lock.withLock {
            if cancelled { return true }
            self.handler = handler
            return false
        }
        if runNow { handler() }
    }
}
