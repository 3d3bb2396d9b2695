import ConformShape
import ConformDataModel

/// `POST batch.json` (reference §11): operations applied in order, one result per operation.
extension MockDeployment {
    static var batchRoutes: [Route] {
        [Route("POST", "batch.json") { context throws(APIError) in try context.deployment.runBatch(context) }]
    }

    /// 200 with `{stop_on_error, operations: [{method, object: {type, id}, success, error?}]}`.
    /// The payload is checked whole first (``BatchPayload``); then every operation runs under
    /// one hold of the store's lock, so no other request sees a batch half applied. With
    /// `stop_on_error`, the operations after the first failure are not applied and answer
    /// `success: false` with an `OPERATION_SKIPPED` error, so there is still one result per
    /// operation (the official client checks the count).
    func runBatch(_ context: RouteContext) throws(APIError) -> MockResponse {
        let payload = try BatchPayload(body: context.request.body, dataModel: configuration.dataModel)
        let results: [JSONValue] = store.withLock { store in
            var failedAt: Int?
            var results: [JSONValue] = []
            for (index, operation) in payload.operations.enumerated() {
                if payload.stopOnError, let failedAt {
                    results.append(Self.result(operation, id: operation.id, error: Self.skipped(after: failedAt)))
                    continue
                }
                do throws(APIError) {
                    let id = try apply(operation, to: &store)
                    results.append(Self.result(operation, id: id, error: nil))
                } catch {
                    failedAt = failedAt ?? index
                    results.append(Self.result(operation, id: operation.id, error: error.body))
                }
            }
            return results
        }
        return .json(["stop_on_error": .bool(payload.stopOnError), "operations": .array(results)])
    }

    /// Runs one operation; returns the object's ID.
    private func apply(_ operation: BatchPayload.Operation, to store: inout ObjectStore) throws(APIError) -> String {
        let model = operation.model
        if operation.method == .delete {
            let id = operation.id ?? ""
            try store.delete(model: model, id: id)
            return id
        }
        let changes = try FieldChanges(attributes: operation.attributes, model: model, encoding: .json)
        switch operation.method {
        case .post: return try store.create(model: model, changes: changes).id
        case .put: return store.upsert(model: model, id: try Self.checkedID(changes), changes: changes).id
        case .patch: return try store.update(model: model, id: try Self.checkedID(changes), changes: changes).id
        case .delete: return operation.id ?? ""
        }
    }

    /// Put and patch need the ID the payload check saw; the field codec has checked that it
    /// is a lowercase UUID.
    private static func checkedID(_ changes: FieldChanges) throws(APIError) -> String {
        guard let id = changes.id else { throw .invalidValue("The object needs an id.") }
        return id
    }

    private static func result(_ operation: BatchPayload.Operation, id: String?, error: JSONValue?) -> JSONValue {
        var result = JSONObject([
            ("method", .string(operation.method.rawValue)),
            ("object", ["type": .string(operation.model.name), "id": id.map(JSONValue.string) ?? .null] as JSONValue),
            ("success", .bool(error == nil)),
        ])
        if let error { result["error"] = error }
        return .object(result)
    }

    /// The error of an operation not applied because of `stop_on_error`; the mock's own type.
    private static func skipped(after index: Int) -> JSONValue {
        [
            "type": "OPERATION_SKIPPED",
            "title": "Operation skipped.",
            "detail": .string("Not applied: operations[\(index)] failed and stop_on_error is true."),
            "see": "https://docs.journeyapps.com/api-errors#OPERATION_SKIPPED",
        ]
    }
}
