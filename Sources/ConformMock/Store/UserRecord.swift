/// What the users API keeps about an app user beyond its object (reference §15): enrolment,
/// the lock flag and the device sessions. Objects of the app-user model created through the
/// object API have no record until an action needs one; they read as never enrolled.
struct UserRecord: Sendable, Hashable {
    var locked = false
    var sessions: [SessionRecord] = []

    /// Enrolled means a session is enrolled now (the docs' example user with only a LOCKED
    /// session reads `enrolled: false`).
    var enrolled: Bool { sessions.contains { $0.state == .enrolled } }

    /// The latest `last_connected_at` of any session.
    var lastConnectedAt: Int64? { sessions.compactMap(\.lastConnectedAt).max() }
}

/// One device session of a user (reference §15).
struct SessionRecord: Sendable, Hashable {
    /// The documented states.
    enum State: String, Sendable {
        case enrolled = "ENROLLED"
        case locked = "LOCKED"
        case reset = "RESET"
        case neverEnrolled = "NEVER_ENROLLED"
    }

    struct Container: Sendable, Hashable {
        var version: String
        var bundleID: String
        var platform: String
    }

    let id: String
    var state: State
    var lastAuthenticatedAt: Int64?
    var createdAt: Int64?
    var signedOutAt: Int64?
    var lastConnectedAt: Int64?
    var container: Container?
    var runtimeVersion: String?
    var deviceID: String?
    var label: String?
    var lastFullSync: Int64?
}
