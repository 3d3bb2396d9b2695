#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the mock's `updated_at` times come from. Tests pick a deterministic clock.
public enum MockClock: Sendable, Hashable {
    /// The system's wall clock, truncated to whole seconds.
    case system
    /// Always this instant (seconds since 1970-01-01T00:00:00Z): `updated_at` never moves.
    case fixed(Int64)
    /// `start` for the first reading, then `step` seconds later on each further reading, so
    /// every write gets a distinct, predictable `updated_at`.
    case stepping(start: Int64, step: Int64)

    /// A clock that starts at an ISO 8601 datetime such as `2015-02-05T08:17:01Z` and moves
    /// `step` seconds per reading: `.fixed` for a step of 0, else `.stepping`. `nil` when the
    /// text is not a datetime.
    public static func starting(at text: String, step: Int64 = 0) -> MockClock? {
        guard let start = Timestamp.parseDateTime(text) else { return nil }
        return step == 0 ? .fixed(start) : .stepping(start: start, step: step)
    }

    /// The clock's first reading, without advancing it: the time the deployment starts.
    var initialReading: Int64 {
        var reader = Reader(self)
        return reader.now()
    }

    /// A state that yields this clock's readings in order; kept inside the store's lock.
    struct Reader: Sendable {
        let clock: MockClock
        private var readings: Int64 = 0

        init(_ clock: MockClock) { self.clock = clock }

        mutating func now() -> Int64 {
            defer { readings += 1 }
            let instant: Int64
            switch clock {
            case .system: instant = Int64(Date().timeIntervalSince1970.rounded(.down))
            case .fixed(let fixed): instant = fixed
            case .stepping(let start, let step):
                let (offset, product) = readings.multipliedReportingOverflow(by: step)
                let (sum, addition) = start.addingReportingOverflow(offset)
                // Past the end of Int64 the clock stays at the end it ran into.
                instant = product || addition ? (step >= 0 ? .max : .min) : sum
            }
            // `updated_at` is written with a four-digit year; keep every reading inside it.
            return min(max(instant, Self.earliest), Self.latest)
        }

        /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
        static let earliest: Int64 = -62_135_596_800
        static let latest: Int64 = 253_402_300_799
    }
}
