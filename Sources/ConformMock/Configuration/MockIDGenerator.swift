import ConformShape

/// How the mock makes object and attachment IDs (lowercase version 4 UUIDs).
public enum MockIDGenerator: Sendable, Hashable {
    /// The system's random generator.
    case random
    /// A fixed sequence from this seed, the same on every run, for reproducible tests.
    case seeded(UInt64)

    /// The generator's running state; kept inside the store's lock.
    struct State: Sendable {
        private var seeded: SplitMix64?

        init(_ generator: MockIDGenerator) {
            if case .seeded(let seed) = generator { seeded = SplitMix64(state: seed) }
        }

        mutating func next() -> String {
            if var generator = seeded {
                defer { seeded = generator }
                return UUIDText.format(high: generator.next(), low: generator.next())
            }
            var system = SystemRandomNumberGenerator()
            return UUIDText.format(high: system.next(), low: system.next())
        }
    }
}
