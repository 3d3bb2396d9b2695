import ConformHTTP
import Foundation

/// Notices a dead target: once `limit` distinct requests to one origin got no answer at all
/// (connection refused, reset, timed out — after their retries), nothing more is sent to that
/// origin and the remaining cases finish at once as errors instead of each waiting for its own
/// timeout.
///
/// The rule is built so the verdict does not depend on scheduling: it counts requests, not
/// attempts (a failure a retry fixed is no failure), it counts them in total rather than "in a
/// row" (which depends on how `--concurrency` interleaves files), and only gating requests count
/// (a slow beta endpoint must not abort the stable cases). `limit` 0 turns it off.
final class TargetHealth: @unchecked Sendable {
    // Shared by every spec file of a run; all state is behind the lock.
    private let lock = NSLock()
    private let limit: Int
    private var origins: [String: OriginState] = [:]
    /// Origins in the order they died, for the run's one-line report.
    private var deadOrder: [String] = []

    private struct OriginState {
        var failures = 0
        var lastFailure = ""
        var dead = false
    }

    init(limit: Int) { self.limit = max(0, limit) }

    /// The part of a URL requests share a connection pool with: `scheme://host:port`.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else {
            return url
        }
        return "\(scheme.lowercased())://\(host.lowercased())" + (components.port.map { ":\($0)" } ?? "")
    }

    /// Why nothing should be sent to this URL's origin any more, or nil while it is alive.
    func unresponsiveReason(for url: String) -> String? {
        // While no origin is dead (nearly always), the URL's origin does not matter: working
        // it out takes Foundation's `URLComponents` ~14,000 instructions, before every request.
        guard lock.withLock({ !deadOrder.isEmpty }) else { return nil }
        let origin = Self.origin(of: url)
        return lock.withLock {
            guard let state = origins[origin], state.dead else { return nil }
            return "not run: \(origin) stopped answering (\(state.failures) requests got no answer; see the run summary)"
        }
    }

    /// A request's final outcome was a transport error (after any retries). Counts only when
    /// the target gave no answer at all and the request's case gates the run.
    func recordFinalFailure(_ error: TransportError, gates: Bool) {
        // A request the client refused, or cancellation, says nothing about the target; a
        // truncated, oversized or garbled answer means it did answer.
        let answered: Set<TransportError.Kind> = [.invalidRequest, .cancelled, .truncatedBody, .bodyTooLarge, .malformedResponse]
        guard limit > 0, gates, !answered.contains(error.kind) else { return }
        let origin = Self.origin(of: error.url)
        lock.withLock {
            var state = origins[origin] ?? OriginState()
            state.failures += 1
            state.lastFailure = error.description
            if !state.dead && state.failures >= limit {
                state.dead = true
                deadOrder.append(origin)
            }
            origins[origin] = state
        }
    }

    /// One sentence per origin the run stopped sending to.
    var abandonedTargets: [String] {
        lock.withLock {
            deadOrder.map { origin in
                let state = origins[origin] ?? OriginState()
                return "stopped sending to \(origin) after \(state.failures) requests got no answer "
                    + "(--max-transport-failures \(limit); last: \(state.lastFailure))"
            }
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

/// Set when the user interrupts a run (SIGINT, SIGTERM): no new case starts, requests of cases
/// in flight are cancelled (a 30-second timeout must not hold the run), teardown still runs
/// with a short timeout, and the report of what finished is written.
public final class RunInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var signalName: String?
    private var handlers: [Int: @Sendable () -> Void] = [:]
    private var nextHandler = 0

    /// Seconds a teardown request may take once the run is interrupted.
    public static let teardownTimeout = 5.0

    public init() {}

    public func interrupt(by name: String) {
        let toCall: [@Sendable () -> Void] = lock.withLock {
            guard signalName == nil else { return [] }
            signalName = name
            defer { handlers = [:] }
            return Array(handlers.values)
        }
        for handler in toCall { handler() }
    }

    public var reason: String? { lock.withLock { signalName.map { "not run: the run was interrupted (\($0))" } } }

    /// Whether a signal came (also asked by long pattern matches every few thousand steps).
    public var isInterrupted: Bool { lock.withLock { signalName != nil } }

    /// Runs `operation`, calling `onInterrupt` if the run is (or gets) interrupted meanwhile.
    func whileWatching<T>(onInterrupt: @escaping @Sendable () -> Void, _ operation: () async -> T) async -> T {
        let key: Int? = lock.withLock {
            guard signalName == nil else { return nil }
            nextHandler += 1
            handlers[nextHandler] = onInterrupt
            return nextHandler
        }
        if key == nil { onInterrupt() }
        defer { if let key { lock.withLock { _ = handlers.removeValue(forKey: key) } } }
        return await operation()
    }
}
