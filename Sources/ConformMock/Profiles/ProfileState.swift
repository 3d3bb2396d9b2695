import Synchronization

/// The profile set a deployment answers under, and how many requests each profile has
/// targeted so far (for schedules). Behind its own lock, apart from the store's: switching
/// profiles never waits for a request's store work, and a request reads one consistent set.
final class ProfileState: Sendable {
    private struct State {
        var set: MockProfileSet
        /// Targeted requests per profile, by position in `set.profiles`.
        var counts: [Int]
    }

    private let state: Mutex<State>

    init(_ set: MockProfileSet) {
        state = Mutex(State(set: set, counts: Array(repeating: 0, count: set.profiles.count)))
    }

    /// The set in force.
    var current: MockProfileSet { state.withLock { $0.set } }

    /// Installs a set; its request counts start at zero.
    func install(_ set: MockProfileSet) {
        state.withLock { $0 = State(set: set, counts: Array(repeating: 0, count: set.profiles.count)) }
    }

    /// For one request: resolves its endpoint with the set in force (`resolve`), counts the
    /// request for every profile that targets that endpoint, and returns the endpoint with the
    /// profiles that act on this request, in set order. `nil` for an empty set: the faithful
    /// fast path, where nothing is resolved or counted.
    func plan(resolve: (MockProfileSet) -> MockEndpoint?) -> (endpoint: MockEndpoint?, profiles: [MockProfile])? {
        state.withLock { state in
            guard !state.set.isFaithful else { return nil }
            guard let endpoint = resolve(state.set) else { return (nil, []) }
            var acting: [MockProfile] = []
            for (index, profile) in state.set.profiles.enumerated() where profile.targets(endpoint) {
                if state.counts[index] < Int.max { state.counts[index] += 1 }
                if profile.schedule.fires(onRequest: state.counts[index]) { acting.append(profile) }
            }
            return (endpoint, acting)
        }
    }
}
