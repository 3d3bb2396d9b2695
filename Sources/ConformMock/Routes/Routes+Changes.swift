import ConformShape

/// `GET objects/{model}/changes.json`: an endpoint only the `additive` profile adds (a new
/// endpoint is not a breaking change). It answers the model's writes from the oplog, newest
/// last: `{changes: [{sequence, operation, id, updated_at}], count, more}`, at most 1000.
extension MockDeployment {
    static var additiveRoutes: [Route] {
        [Route("GET", "objects/{model}/changes.json") { context throws(APIError) in try context.deployment.changes(context) }]
    }

    func changes(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        return store.withLock { store in
            let entries = store.oplog.filter { $0.object.type == model.name }
            let page = entries.suffix(ListPaging.maximumLimit)
            let changes: [JSONValue] = page.map { entry in
                [
                    "sequence": .string(String(entry.sequence)), "operation": .string(entry.operation.rawValue),
                    "id": .string(entry.object.id), "updated_at": .string(Timestamp.format(entry.object.updatedAt)),
                ]
            }
            return .json(["changes": .array(changes), "count": .integer(Int64(changes.count)), "more": .bool(entries.count > page.count)])
        }
    }
}
