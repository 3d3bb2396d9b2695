/// What an endpoint's successful JSON answer is made of, as far as profiles care: where its
/// records are and what they are, where app objects sit, the list key of a wrapper, the other
/// objects that take additive fields, and error envelopes inside a successful answer.
struct ResponseAnatomy: Sendable {
    /// The kinds of record the API answers with; each has its default fields to mutate.
    enum RecordKind: Sendable, Hashable {
        case object, count, batchResult, oplogEntry, dataModel, info, index, user, session, token, change
    }

    /// Where the records are (`$` for a single one, `$.objects[*]` for a list); `nil` when the
    /// endpoint answers no JSON records (DELETE, `datamodel.xml`, unknown routes).
    let records: JSONLocator?
    let recordKind: RecordKind?
    /// Where app objects are, for the choice change and for additive fields in their values.
    let objects: JSONLocator?
    /// The key of the list inside a list wrapper.
    let listKey: String?
    /// Further objects that take additive fields (the wrapper, a data model's nested maps' values).
    let additive: [JSONLocator]
    /// Error envelopes inside a successful answer.
    let embeddedErrors: [JSONLocator]

    private init(
        records: JSONLocator? = nil, kind: RecordKind? = nil, objects: JSONLocator? = nil, listKey: String? = nil,
        additive: [JSONLocator] = [], embeddedErrors: [JSONLocator] = []
    ) {
        self.records = records
        self.recordKind = kind
        self.objects = objects
        self.listKey = listKey
        self.additive = additive
        self.embeddedErrors = embeddedErrors
    }

    private static let none = ResponseAnatomy()

    private static func single(_ kind: RecordKind) -> ResponseAnatomy {
        ResponseAnatomy(records: .root, kind: kind, objects: kind == .object ? .root : nil)
    }

    private static func list(_ kind: RecordKind, key: String = "objects") -> ResponseAnatomy {
        let records = JSONLocator.root.member(key).elements
        return ResponseAnatomy(
            records: records, kind: kind, objects: kind == .object ? records : nil, listKey: key, additive: [.root])
    }

    /// The anatomy of `endpoint`'s answers.
    static func of(_ endpoint: MockEndpoint) -> ResponseAnatomy {
        let objectPaths = ["/objects/{model}.json", "/objects/{model}/{id}.json"]
        switch (endpoint.method, endpoint.path) {
        case ("GET", "/objects/{model}.json"), ("POST", "/objects/{model}/search.json"), ("POST", "/objects/{model}/query.json"):
            return .list(.object)
        case ("POST", "/objects/{model}.json"), ("GET", objectPaths[1]), ("PATCH", objectPaths[1]), ("PUT", objectPaths[1]):
            return .single(.object)
        case ("GET", "/objects/{model}/count.json"): return .single(.count)
        case ("GET", "/objects/{model}/changes.json"): return .list(.change, key: "changes")
        case ("POST", "/batch.json"):
            let operations = JSONLocator.root.member("operations").elements
            return ResponseAnatomy(
                records: operations, kind: .batchResult, additive: [.root, operations.member("object")],
                embeddedErrors: [operations.member("error")])
        case ("GET", "/oplog.json"):
            let entries = JSONLocator.root.member("entries").elements
            return ResponseAnatomy(records: entries, kind: .oplogEntry, objects: entries.member("object"), listKey: "entries", additive: [.root])
        case ("GET", "/datamodel.json"):
            let models = JSONLocator.root.member("models")
            let model = JSONLocator(models.steps + [.everyMember])
            let fields = JSONLocator(model.member("fields").steps + [.everyMember])
            return ResponseAnatomy(
                records: .root, kind: .dataModel,
                additive: [
                    model, fields, fields.member("options").elements, JSONLocator(model.member("belongs_to").steps + [.everyMember]),
                    JSONLocator(model.member("has_many").steps + [.everyMember]),
                ])
        case ("GET", "/info.json"): return .single(.info)
        case ("GET", "/indexes.json"):
            let model = JSONLocator(JSONLocator.root.member("models").steps + [.everyMember])
            return ResponseAnatomy(records: model.member("indexes").elements, kind: .index, additive: [.root, model])
        case ("GET", "/users"): return .list(.user)
        case ("GET", "/users/{user-id}"), ("POST", "/users/{user-id}/lock"), ("POST", "/users/{user-id}/unlock"):
            return .single(.user)
        case ("GET", "/users/{user-id}/sessions/{session-id}"), ("POST", "/users/{user-id}/sessions/{session-id}/wipe"),
            ("POST", "/users/{user-id}/sessions/{session-id}/re-authenticate"):
            return .single(.session)
        case ("POST", "/users/{user-id}/authentication-token"): return .single(.token)
        default: return .none
        }
    }
}

extension ResponseAnatomy.RecordKind {
    /// The field `breaking.field-dropped` leaves out by default: a documented field every
    /// record of the kind has, never `id` (losing an ID breaks everything at once and proves
    /// little about a suite).
    var droppedField: String {
        switch self {
        case .object: "updated_at"
        case .count: "count"
        case .batchResult: "success"
        case .oplogEntry: "operation"
        case .dataModel: "datamodel_hash"
        case .info: "last_deployed_at"
        case .index: "status"
        case .user: "locked"
        case .session: "state"
        case .token: "token"
        case .change: "operation"
        }
    }

    /// The rename `breaking.field-renamed` makes by default: a plausible new name of the same
    /// type, so a checker can name it as a probable rename.
    var renamedField: (from: String, to: String) {
        switch self {
        case .object: ("updated_at", "modified_at")
        case .count: ("count", "total")
        case .batchResult: ("success", "ok")
        case .oplogEntry: ("operation", "op")
        case .dataModel: ("datamodel_hash", "schema_hash")
        case .info: ("last_deployed_at", "deployed_at")
        case .index: ("status", "state")
        case .user: ("locked", "is_locked")
        case .session: ("state", "status")
        case .token: ("token", "access_token")
        case .change: ("operation", "op")
        }
    }

    /// The field `breaking.field-type-changed` retypes by default, chosen for a realistic change:
    /// ISO times become Unix seconds, a string sequence becomes a number (losing 64-bit
    /// precision in JavaScript), a map becomes a list, a boolean becomes a string.
    var retypedField: String {
        switch self {
        case .object: "updated_at"
        case .count: "count"
        case .batchResult: "success"
        case .oplogEntry: "sequence_id"
        case .dataModel: "models"
        case .info: "last_deployed_at"
        case .index: "key"
        case .user: "locked"
        case .session: "created_at"
        case .token: "token"
        case .change: "sequence"
        }
    }

    /// The field `breaking.field-nulled` answers as `null`: one the contract gives a value
    /// always. `nil` where every field may be null (`info.json`, whose codec reads each key
    /// as optional), so the kind does not apply there.
    var nulledField: String? {
        switch self {
        case .object: "display"
        case .count: "count"
        case .batchResult: "success"
        case .oplogEntry: "operation"
        case .dataModel: "datamodel_hash"
        case .info: nil
        case .index: "status"
        case .user: "locked"
        case .session: "state"
        case .token: "token"
        case .change: "operation"
        }
    }
}
