import ConformHTTP
import Foundation

/// Notices a dead target: after `threshold` transport failures in a row (no response at all),
/// no more requests are sent, and the remaining cases finish at once as errors instead of
/// each waiting for its own timeout. Any response, whatever its status, resets the count.
final class TargetHealth: @unchecked Sendable {
    // Shared by every spec file of a run; all state is behind the lock.
    private let lock = NSLock()
    private let threshold: Int
    private var consecutiveFailures = 0
    private var lastFailure: String?
    private var dead = false

    init(threshold: Int) { self.threshold = max(1, threshold) }

    /// Why nothing should be sent any more, or nil while the target is considered alive.
    var unresponsiveReason: String? {
        lock.withLock {
            guard dead else { return nil }
            return "not run: target unresponsive (\(consecutiveFailures) transport failures in a row; last: \(lastFailure ?? "?"))"
        }
    }

    /// A response arrived: the count starts again (once the target is dead it stays dead, and
    /// the count that killed it stays in the message).
    func recordResponse() { lock.withLock { if !dead { consecutiveFailures = 0 } } }

    func recordTransportFailure(_ error: TransportError) {
        // A request the client refused, or cancellation, says nothing about the target; a
        // truncated, oversized or garbled answer means it did answer.
        let answered: Set<TransportError.Kind> = [.invalidRequest, .cancelled, .truncatedBody, .bodyTooLarge, .malformedResponse]
        guard !answered.contains(error.kind) else { return }
        lock.withLock {
            consecutiveFailures += 1
            lastFailure = error.description
            if consecutiveFailures >= threshold { dead = true }
        }
    }
}

/// Spaces requests evenly (`--rate N/s`) across every spec file of a run.
actor RequestPacer {
    private let interval: Duration
    private var next: ContinuousClock.Instant = .now

    init(requestsPerSecond: Double) {
        interval = .nanoseconds(Int64(1e9 / max(requestsPerSecond, 0.001)))
    }

    /// Returns when this request may go.
    func waitForSlot() async {
        let now = ContinuousClock.now
        let slot = reserveSlot(at: now)
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }

    /// The moment a request asking at `now` may go: now, or one interval after the last slot
    /// handed out, whichever is later. Reserves it.
    func reserveSlot(at now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        let slot = max(now, next)
        next = slot + interval
        return slot
    }
}

/// Set when the user interrupts a run (SIGINT, SIGTERM): no new case starts, teardown still
/// runs, and the report of what finished is written.
public final class RunInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var signalName: String?

    public init() {}

    public func interrupt(by name: String) { lock.withLock { if signalName == nil { signalName = name } } }

    public var reason: String? { lock.withLock { signalName.map { "not run: the run was interrupted (\($0))" } } }
}
