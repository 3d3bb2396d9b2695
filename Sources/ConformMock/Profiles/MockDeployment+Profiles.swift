/// Drift and fault profiles on a running deployment: switching them, resetting the store
/// between runs, and the order in which they change an answer.
extension MockDeployment {
    // MARK: - Runtime API (for `conform audit` and tests)

    /// The profiles the deployment answers under now (empty: faithful).
    public var profiles: MockProfileSet { profileState.current }

    /// Switches profiles; safe while requests are in flight (each request reads one set, the
    /// old or the new). Schedules (`%2`, `%first:3`) count afresh from here.
    public func setProfiles(_ profiles: MockProfileSet) {
        profileState.install(profiles)
    }

    /// Reads and switches profiles (see ``MockProfile/parse(_:)``); on an error nothing changes.
    public func setProfiles(parsing texts: [String]) throws(ProfileError) {
        setProfiles(try MockProfileSet(parsing: texts))
    }

    /// Puts the store back as the deployment started: the seeded users and the seed's objects,
    /// nothing else, an oplog holding only their creates, the clock and the ID generator at
    /// their first readings (so seeded IDs repeat), and a full rate-limit bucket. Requests in
    /// flight finish against the old or the new store, never half of each.
    public func resetStore() {
        let initial = Self.initialStore(configuration)
        store.withLock { $0 = initial }
        bucket?.refill()
    }

    /// ``resetStore()`` and ``setProfiles(_:)``: a fresh start for one run of a suite.
    public func reset(profiles: MockProfileSet) {
        resetStore()
        setProfiles(profiles)
    }

    // MARK: - The order of changes

    /// Answers `request` to `endpoint` under the profiles acting on it, in this order:
    ///
    /// 1. a status fault (`fault.500/502/503/429`) answers instead of the deployment: nothing
    ///    runs and no other profile changes that answer (the first such profile wins);
    /// 2. the request is routed and answered, with the additive endpoint when `additive` adds
    ///    it, and as an unknown route when `breaking.endpoint-removed` acts;
    /// 3. `additive` adds its members and headers (the new version of the API), then each
    ///    breaking profile changes its one thing, in the order the profiles were given;
    /// 4. transport faults change the body and how it is delivered: the body first (non-JSON,
    ///    then padding), then where it is cut (the first of truncation and reset), then the delay.
    func respond(to request: MockRequest, endpoint: MockEndpoint?, profiles: [MockProfile], addsEndpoint: Bool) -> MockResponse {
        guard let endpoint else { return answer(request) }
        for profile in profiles {
            if let replacement = Faults.replacement(for: profile) { return replacement }
        }
        let changes = RoutingChanges(addsEndpoint: addsEndpoint, removesEndpoint: profiles.contains { $0.kind == .endpointRemoved })
        var response = answer(request, changes: changes)
        let drift = profiles.filter { $0.kind.family == .additive || $0.kind.family == .breaking }
        if !drift.isEmpty {
            // The answer of an unknown route (also what a removed endpoint now gives) is an
            // error envelope; its anatomy has no records.
            let anatomy = ResponseAnatomy.of(changes.removesEndpoint ? .unknownRoute(method: endpoint.method) : endpoint)
            var draft = ResponseDraft(response)
            if drift.contains(where: { $0.kind == .additive }) { AdditiveDrift.apply(to: &draft, anatomy: anatomy) }
            for profile in drift where profile.kind.family == .breaking {
                BreakingChange.apply(profile, to: &draft, at: endpoint, anatomy: anatomy)
            }
            response = draft.response()
        }
        for profile in Faults.inDeliveryOrder(profiles) { Faults.apply(profile, to: &response) }
        return response
    }
}
