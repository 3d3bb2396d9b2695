import ConformShape
import ConformDataModel

/// The users and sessions API (reference §15). Paths have no `.json`. Users are the objects
/// of the app-user model (``DataModel/appUser``), in insertion order; the API adds enrolment,
/// lock state and sessions. Without an app-user model there are no users.
extension MockDeployment {
    static var userRoutes: [Route] {
        func route(_ method: String, _ pattern: String, _ handler: @escaping @Sendable (MockDeployment, RouteContext) throws(APIError) -> MockResponse) -> Route {
            Route(method, pattern) { context throws(APIError) in try handler(context.deployment, context) }
        }
        return [
            route("GET", "users") { deployment, context throws(APIError) in try deployment.listUsers(context) },
            route("GET", "users/{user-id}") { deployment, context throws(APIError) in try deployment.userAction(context) { _, _ in } },
            route("POST", "users/{user-id}/lock") { deployment, context throws(APIError) in
                try deployment.userAction(context) { record, now in
                    record.locked = true
                    // Locking sends every enrolled device to the login screen (state LOCKED).
                    for index in record.sessions.indices where record.sessions[index].state == .enrolled {
                        record.sessions[index].state = .locked
                        record.sessions[index].signedOutAt = now()
                    }
                }
            },
            route("POST", "users/{user-id}/unlock") { deployment, context throws(APIError) in
                // Unlocking lets the user enrol again; sessions stay as they are until then.
                try deployment.userAction(context) { record, _ in record.locked = false }
            },
            route("POST", "users/{user-id}/authentication-token") { deployment, context throws(APIError) in
                try deployment.authenticationToken(context)
            },
            route("GET", "users/{user-id}/sessions/{session-id}") { deployment, context throws(APIError) in
                try deployment.sessionAction(context) { _, _ in }
            },
            route("POST", "users/{user-id}/sessions/{session-id}/wipe") { deployment, context throws(APIError) in
                try deployment.sessionAction(context) { session, now in
                    session.state = .reset
                    session.signedOutAt = now()
                }
            },
            route("POST", "users/{user-id}/sessions/{session-id}/re-authenticate") { deployment, context throws(APIError) in
                try deployment.sessionAction(context) { session, now in
                    // Back to the login screen without losing data; a pending wipe stays pending.
                    guard session.state != .reset else { return }
                    session.state = .locked
                    session.signedOutAt = now()
                }
            },
        ]
    }

    /// `GET users?limit=&skip=`: `{total, count, more, objects}` as in the docs' example.
    func listUsers(_ context: RouteContext) throws(APIError) -> MockResponse {
        let paging = try ListPaging(pairs: context.queryPairs())
        return store.withLock { store in
            let ids = configuration.dataModel.appUser.map { store.all(model: $0).map(\.id) } ?? []
            let page = ids.dropFirst(paging.skip).prefix(paging.limit)
            return .json([
                "total": .integer(Int64(ids.count)),
                "count": .integer(Int64(page.count)),
                "more": .bool(paging.skip + page.count < ids.count),
                "objects": .array(page.map { UserRenderer.render(id: $0, record: store.users[$0] ?? UserRecord()) }),
            ])
        }
    }

    /// Finds the user, lets `change` update its record (with a way to read the clock), stores
    /// it, and answers with the user.
    func userAction(
        _ context: RouteContext, _ change: (inout UserRecord, _ now: () -> Int64) -> Void
    ) throws(APIError) -> MockResponse {
        let id = context.parameter("user-id")
        return try store.withLock { store throws(APIError) in
            var record = try user(id, in: store)
            change(&record) { store.now() }
            store.users[id] = record
            return .json(UserRenderer.render(id: id, record: record))
        }
    }

    /// As ``userAction(_:_:)`` for one session of the user; answers with the session.
    func sessionAction(
        _ context: RouteContext, _ change: (inout SessionRecord, _ now: () -> Int64) -> Void
    ) throws(APIError) -> MockResponse {
        let id = context.parameter("user-id")
        let sessionID = context.parameter("session-id")
        return try store.withLock { store throws(APIError) in
            var record = try user(id, in: store)
            guard let index = record.sessions.firstIndex(where: { $0.id == sessionID }) else {
                throw APIError(.objectNotFound, "No session found with ID: '\(sessionID)'")
            }
            change(&record.sessions[index]) { store.now() }
            store.users[id] = record
            return .json(UserRenderer.render(record.sessions[index]))
        }
    }

    /// `POST users/{id}/authentication-token` → `{"token": "…"}`: 64 hex digits from the ID
    /// generator, so seeded runs give the same tokens. The contract is not documented; the
    /// token is not accepted anywhere by the mock.
    func authenticationToken(_ context: RouteContext) throws(APIError) -> MockResponse {
        let id = context.parameter("user-id")
        return try store.withLock { store throws(APIError) in
            _ = try user(id, in: store)
            let token = (store.newID() + store.newID()).filter { $0 != "-" }
            return .json(["token": .string(token)])
        }
    }

    /// The record of an app-user object (a default one if it has none yet), or
    /// `OBJECT_NOT_FOUND` in the official client's fixture wording.
    private func user(_ id: String, in store: ObjectStore) throws(APIError) -> UserRecord {
        guard let model = configuration.dataModel.appUser, store.object(model: model, id: id) != nil else {
            throw .objectNotFound(model: "user", id: id)
        }
        return store.users[id] ?? UserRecord()
    }
}
