import ConformShape
import ConformDataModel

/// `GET oplog.json` (reference §12): the operation log, paged by sequence.
extension MockDeployment {
    static var oplogRoutes: [Route] {
        [Route("GET", "oplog.json") { context throws(APIError) in try context.deployment.readOplog(context) }]
    }

    /// `{entries, datamodel_hash, has_more, next_request_start}` for entries with
    /// `start <= sequence < end`, at most `limit` of them (the first ones, or with `tail=true`
    /// the last ones). Each entry has both `sequence_id` and `sequence` as strings, the
    /// `operation`, the `object` in the current data model's format, and `events: []`.
    func readOplog(_ context: RouteContext) throws(APIError) -> MockResponse {
        let request = try OplogRequest(pairs: context.queryPairs())
        return store.withLock { store in
            let inRange = store.oplogEntries(start: request.start, end: request.end)
            let page = request.tail ? inRange.suffix(request.limit) : inRange.prefix(request.limit)
            let renderer = ObjectRenderer(dataModel: configuration.dataModel, store: store, baseURL: context.baseURL)
            let entries: [JSONValue] = page.map { entry in
                let sequence = JSONValue.string(String(entry.sequence))
                let object: JSONValue =
                    entry.operation == .delete
                    ? [
                        "id": .string(entry.object.id), "type": .string(entry.object.type),
                        "updated_at": .string(Timestamp.format(entry.object.updatedAt)),
                    ]
                    : renderer.render(entry.object)
                return [
                    "sequence_id": sequence, "sequence": sequence, "operation": .string(entry.operation.rawValue),
                    "object": object, "events": [],
                ]
            }
            // Forward paging: more entries in range after this page (a tail read does not
            // page); the cursor is the sequence after the last one returned, or `start` again
            // when none were (the next sequence to be written, for a tail read).
            let hasMore = !request.tail && page.count < inRange.count
            let next = page.last.map { $0.sequence + 1 } ?? (request.tail ? store.nextSequence : request.start)
            return .json([
                "entries": .array(entries),
                "datamodel_hash": .string(configuration.dataModel.hash),
                "has_more": .bool(hasMore),
                "next_request_start": .string(String(next)),
            ])
        }
    }
}

/// The parameters of an oplog request. `start` defaults to 0 (everything), `end` to no end;
/// `limit` defaults to 400 and is capped at 1000 (reference §12); `tail` and `sequence_ids`
/// are `true`/`false` (`sequence_ids` is accepted and changes nothing: both key spellings and
/// the cursor are always sent). Anything else malformed is `INVALID_API_REQUEST`.
struct OplogRequest: Sendable, Equatable {
    static let defaultLimit = 400
    static let maximumLimit = 1000

    var start: Int64 = 0
    var end: Int64 = .max
    var limit = OplogRequest.defaultLimit
    var tail = false

    init(pairs: [(key: String, value: String)]) throws(APIError) {
        for (key, value) in pairs where !value.isEmpty {
            switch key {
            case "start": start = try Self.sequence(value, name: key)
            case "end": end = try Self.sequence(value, name: key)
            case "limit": limit = Int(min(try Self.sequence(value, name: key), Int64(Self.maximumLimit)))
            case "tail": tail = try Self.flag(value, name: key)
            case "sequence_ids": _ = try Self.flag(value, name: key)
            default: continue
            }
        }
    }

    private static func sequence(_ text: String, name: String) throws(APIError) -> Int64 {
        guard text.unicodeScalars.allSatisfy(\.isASCIIDigit), let value = Int64(text) else {
            throw .invalidRequest("Invalid \(name) '\(text)': expected a non-negative integer below 2^63.")
        }
        return value
    }

    private static func flag(_ text: String, name: String) throws(APIError) -> Bool {
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalidRequest("Invalid \(name) '\(text)': expected true or false.")
        }
    }
}
