import Synchronization

/// A per-deployment token bucket (reference §17): `burst` requests at once, refilled at
/// `rate` per second while traffic stays below it. Off unless configured.
public struct RateLimit: Sendable, Hashable {
    /// Tokens added per second.
    public let rate: Double
    /// The bucket's capacity: requests allowed at once after a quiet spell.
    public let burst: Int

    /// `rate` must be positive and finite, `burst` at least 1.
    public init(rate: Double, burst: Int) throws(MockConfigurationError) {
        guard rate.isFinite, rate > 0 else { throw .invalidRateLimit("the rate must be a positive number of requests per second") }
        guard burst >= 1 else { throw .invalidRateLimit("the burst must be at least 1") }
        self.rate = rate
        self.burst = burst
    }

    /// `10/s`, `0.5/s`, `600/m` or a bare `10` (per second) → requests per second.
    public static func parseRate(_ text: String) -> Double? {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let number = Double(parts[0]), number.isFinite, number > 0 else { return nil }
        let perSecond: Double
        switch parts.count == 2 ? parts[1] : "s" {
        case "s": perSecond = number
        case "m": perSecond = number / 60
        default: return nil
        }
        return perSecond <= maximumRate ? perSecond : nil
    }

    /// A million requests a second: more is no limit at all, and a bigger number would not
    /// fit the bucket's arithmetic.
    public static let maximumRate = 1_000_000.0
}

/// Where the rate limiter reads time: the system's monotonic clock, or a ``ManualTicker``
/// that tests move by hand, so no test sleeps.
public enum RateLimitTicker: Sendable {
    /// `ContinuousClock`: real elapsed time.
    case continuous
    /// Time moves only when the test says so.
    case manual(ManualTicker)
}

/// A clock that stands still until ``advance(by:)`` moves it.
public final class ManualTicker: Sendable {
    private let seconds = Mutex<Double>(0)

    /// A clock at 0.
    public init() {}

    /// Moves the clock forward.
    public func advance(by interval: Double) {
        seconds.withLock { $0 += max(0, interval) }
    }

    var now: Double { seconds.withLock { $0 } }
}

/// The bucket's state, behind its own lock (rate limiting never waits on the object store).
final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var last: Double
    }

    private let limit: RateLimit
    private let ticker: RateLimitTicker
    private let origin = ContinuousClock.now
    private let state: Mutex<State>

    init(limit: RateLimit, ticker: RateLimitTicker) {
        self.limit = limit
        self.ticker = ticker
        state = Mutex(State(tokens: Double(limit.burst), last: 0))
        state.withLock { $0.last = self.seconds() }
    }

    private func seconds() -> Double {
        switch ticker {
        case .manual(let manual): return manual.now
        case .continuous:
            let elapsed = ContinuousClock.now - origin
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }

    /// Fills the bucket, as it was at start.
    func refill() {
        let now = seconds()
        state.withLock { $0 = State(tokens: Double(limit.burst), last: now) }
    }

    /// Takes a token; `nil` when the request may go ahead, else the whole seconds to wait
    /// before one is available (at least 1), for `Retry-After`.
    func take() -> Int? {
        return state.withLock { state in
            // Read inside the lock: a time read before it could be older than `last`.
            let now = seconds()
            state.tokens = min(Double(limit.burst), state.tokens + max(0, now - state.last) * limit.rate)
            state.last = now
            if state.tokens >= 1 {
                state.tokens -= 1
                return nil
            }
            // Capped at a day, so a vanishingly small rate cannot overflow the conversion.
            let wait = min((1 - state.tokens) / limit.rate, 86_400)
            return max(1, Int(wait.rounded(.up)))
        }
    }
}
