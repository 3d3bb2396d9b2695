import ConformShape
import ConformDataModel

/// The object endpoints (reference §2, §7–§10).
extension MockDeployment {
    static var objectRoutes: [Route] {
        [
            Route("GET", "objects/{model}.json") { context throws(APIError) in try context.deployment.listObjects(context) },
            Route("POST", "objects/{model}.json") { context throws(APIError) in try context.deployment.createObject(context) },
            Route("GET", "objects/{model}/{id}.json") { context throws(APIError) in try context.deployment.readObject(context) },
            Route("PATCH", "objects/{model}/{id}.json") { context throws(APIError) in try context.deployment.patchObject(context) },
            Route("PUT", "objects/{model}/{id}.json") { context throws(APIError) in try context.deployment.putObject(context) },
            Route("DELETE", "objects/{model}/{id}.json") { context throws(APIError) in try context.deployment.deleteObject(context) },
        ]
    }

    /// `GET objects/{model}.json`: `{objects, count, total, more}` in insertion order, where
    /// `more` says whether objects remain after this page (reference §2). `total` is always
    /// sent: the mock never takes a caller for CloudCode/OnlineDB, so `total=` changes nothing.
    func listObjects(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let pairs = try context.queryPairs()
        let paging = try ListPaging(pairs: pairs)
        let query = try ObjectQuery(pairs: pairs, model: model)
        return store.withLock { store in
            guard query.isEmpty else {
                return listPage(query.apply(to: store, model: model), paging: paging, store: store, context: context)
            }
            // No filter and no sort: the page is a slice of the insertion order and the total
            // the table's size, so a page costs O(limit), not a copy of the whole table.
            let page = store.page(model: model.name, skip: paging.skip, limit: paging.limit)
            return listResponse(page, skip: paging.skip, total: store.count(model: model.name), store: store, context: context)
        }
    }

    /// `POST objects/{model}.json`: the new object, status 200 (reference §7 [I] for the status).
    func createObject(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let body = try WriteBody(request: context.request, model: model)
        let changes = try FieldChanges(attributes: body.attributes, model: model, encoding: body.encoding)
        return try store.withLock { store throws(APIError) in
            let object = try store.create(model: model, changes: changes)
            return render(object, store: store, context: context)
        }
    }

    /// `GET objects/{model}/{id}.json`: the bare object or `OBJECT_NOT_FOUND`. Any ID that is
    /// not stored, UUID or not, is simply not found (as the official client's fixture shows
    /// for `'123'`). `embed=rel1,rel2` adds each related object under its relationship name.
    func readObject(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let id = context.parameter("id")
        let embedded = try Self.embeddedRelationships(context.queryPairs(), model: model)
        return try store.withLock { store throws(APIError) in
            guard let object = store.object(model: model.name, id: id) else { throw .objectNotFound(model: model.name, id: id) }
            let renderer = ObjectRenderer(dataModel: configuration.dataModel, store: store, baseURL: context.baseURL)
            return .json(renderer.render(object, embedding: embedded))
        }
    }

    /// The belongs-to relationships named by `embed` (comma-separated, reference §8); an
    /// unknown name is `INVALID_API_REQUEST`.
    private static func embeddedRelationships(_ pairs: [(key: String, value: String)], model: Model) throws(APIError) -> [BelongsTo] {
        var relationships: [BelongsTo] = []
        for (key, value) in pairs where key == "embed" {
            for name in value.split(separator: ",").map({ $0.trimmedWhitespace }) where !name.isEmpty {
                guard let relationship = model.belongsTo(named: name) else {
                    throw .invalidRequest("Cannot embed '\(name)': model '\(model.name)' has no belongs-to relationship of that name.")
                }
                if !relationships.contains(where: { $0.name == name }) { relationships.append(relationship) }
            }
        }
        return relationships
    }

    /// `PATCH objects/{model}/{id}.json`: given fields change, `null` clears, omitted stay.
    func patchObject(_ context: RouteContext) throws(APIError) -> MockResponse {
        let (model, id, changes) = try writeRequest(context)
        return try store.withLock { store throws(APIError) in
            let object = try store.update(model: model, id: id, changes: changes)
            return render(object, store: store, context: context)
        }
    }

    /// `PUT objects/{model}/{id}.json`: replaces (omitted fields cleared) or creates with this ID.
    func putObject(_ context: RouteContext) throws(APIError) -> MockResponse {
        let (model, id, changes) = try writeRequest(context)
        return store.withLock { store in
            let object = store.upsert(model: model, id: id, changes: changes)
            return render(object, store: store, context: context)
        }
    }

    /// `DELETE objects/{model}/{id}.json`: 200 with an empty body (reference §10).
    func deleteObject(_ context: RouteContext) throws(APIError) -> MockResponse {
        let model = try context.model()
        let id = context.parameter("id")
        return try store.withLock { store throws(APIError) in
            try store.delete(model: model, id: id)
            return MockResponse(status: 200)
        }
    }

    // MARK: - Helpers

    /// The checks PATCH and PUT share: the path ID must be a lowercase UUID (reference §9,
    /// else `INVALID_API_REQUEST`), the body must be valid, and an `id` in the body must
    /// match the path.
    private func writeRequest(_ context: RouteContext) throws(APIError) -> (Model, String, FieldChanges) {
        let model = try context.model()
        let id = context.parameter("id")
        guard UUIDText.isLowercaseUUID(id) else {
            throw .invalidRequest("Invalid object ID '\(id)': IDs must be lowercase UUIDs, e.g. 550e8400-e29b-41d4-a716-446655440000.")
        }
        let body = try WriteBody(request: context.request, model: model)
        let changes = try FieldChanges(attributes: body.attributes, model: model, encoding: body.encoding)
        if let bodyID = changes.id, bodyID != id {
            throw .invalidValue("The id '\(bodyID)' in the body does not match the ID '\(id)' in the path.")
        }
        return (model, id, changes)
    }

    private func render(_ object: StoredObject, store: ObjectStore, context: RouteContext) -> MockResponse {
        .json(ObjectRenderer(dataModel: configuration.dataModel, store: store, baseURL: context.baseURL).render(object))
    }
}
