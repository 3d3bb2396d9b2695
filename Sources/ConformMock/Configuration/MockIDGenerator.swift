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

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and good enough for test IDs.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
