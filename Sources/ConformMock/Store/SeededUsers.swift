import ConformDataModel

/// The small user set every deployment with an app-user model starts with (reference §15):
/// the two users of the docs' list example, with their sessions and times, and a third who
/// never enrolled. IDs and times are constants, so they are the same on every run and do not
/// take readings from the clock or the ID generator.
enum SeededUsers {
    struct Seed {
        let id: String
        let name: String
        let email: String
        let record: UserRecord
    }

    static let seeds: [Seed] = [
        Seed(
            id: "c8c8c4f8-5013-11e7-a8c7-04017e679e01", name: "Lena Deberon", email: "lena.deberon@example.com",
            record: UserRecord(sessions: [
                SessionRecord(
                    id: "9469407e-8417-11e7-825d-040151508301", state: .locked,
                    lastAuthenticatedAt: 1_503_062_246, createdAt: 1_503_062_246, signedOutAt: 1_503_063_203,
                    lastConnectedAt: 1_503_063_203,
                    container: .init(version: "20.6.1", bundleID: "xyz.appinstall.myapp", platform: "IOS"),
                    runtimeVersion: "4.82.0", deviceID: "1234-1234-1234-1234", label: "Apple iPhone7,2",
                    lastFullSync: 1_533_039_478)
            ])),
        Seed(
            id: "5571fb26-54f7-11e7-a8f8-040151508301", name: "Sara Heandy", email: "sara.heandy@example.com",
            record: UserRecord(sessions: [
                SessionRecord(
                    id: "066b26c4-8418-11e7-9ba9-04017e679e01", state: .enrolled,
                    lastAuthenticatedAt: 1_503_062_437, createdAt: 1_503_062_437, signedOutAt: nil,
                    lastConnectedAt: 1_503_483_177)
            ])),
        Seed(
            id: "0f6e3a52-9c1d-4b7a-8e25-6d4f1a9b3c70", name: "Thandi Nkosi", email: "thandi.nkosi@example.com",
            record: UserRecord()),
    ]

    /// Adds the seeded users as objects of `model` (filling text fields named `name` and
    /// `email` where the model has them), with their records, at time `time`. A seed file that
    /// gives a user one of these IDs wins: that seeded user is left out.
    static func add(to store: inout ObjectStore, model: Model, time: Int64, skipping: Set<String>) {
        for seed in seeds where !skipping.contains(seed.id) {
            var object = StoredObject(id: seed.id, type: model.name, updatedAt: time)
            for (name, value) in [("name", seed.name), ("email", seed.email)] {
                if case .text? = model.field(named: name)?.type { object.values[name] = .text(value) }
            }
            store.insert(object)
            store.record(.create, object)
            store.users[seed.id] = seed.record
        }
    }
}
