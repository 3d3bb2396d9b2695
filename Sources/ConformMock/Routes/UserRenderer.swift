import ConformShape

/// Users and sessions in the users API's format (reference §15): `{id, last_connected_at,
/// enrolled, locked, sessions}`; sessions with every documented key, `null` where unknown.
enum UserRenderer {
    static func render(id: String, record: UserRecord) -> JSONValue {
        [
            "id": .string(id),
            "last_connected_at": time(record.lastConnectedAt),
            "enrolled": .bool(record.enrolled),
            "locked": .bool(record.locked),
            "sessions": .array(record.sessions.map(render)),
        ]
    }

    static func render(_ session: SessionRecord) -> JSONValue {
        [
            "id": .string(session.id),
            "state": .string(session.state.rawValue),
            "last_authenticated_at": time(session.lastAuthenticatedAt),
            "created_at": time(session.createdAt),
            "signed_out_at": time(session.signedOutAt),
            "last_connected_at": time(session.lastConnectedAt),
            "container": session.container.map {
                ["version": .string($0.version), "bundle_id": .string($0.bundleID), "platform": .string($0.platform)]
            } ?? .null,
            "runtime": session.runtimeVersion.map { ["version": .string($0)] } ?? .null,
            "device": session.deviceID.map { ["id": .string($0)] } ?? .null,
            "label": session.label.map(JSONValue.string) ?? .null,
            "sync_status": ["last_full_sync": time(session.lastFullSync)],
        ]
    }

    private static func time(_ seconds: Int64?) -> JSONValue {
        seconds.map { .string(Timestamp.format($0)) } ?? .null
    }
}
