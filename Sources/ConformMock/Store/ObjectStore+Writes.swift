import ConformDataModel

extension ObjectStore {
    /// Applies checked changes and stamps `updated_at`. With `replacing`, everything the
    /// changes leave out is cleared first (PUT, reference §9.2); without, it stays (PATCH).
    mutating func apply(_ changes: FieldChanges, to object: inout StoredObject, replacing: Bool) {
        if replacing {
            object.values = [:]
            object.relationships = [:]
        }
        for (name, value) in changes.values { object.values[name] = value }
        for (name, id) in changes.relationships { object.relationships[name] = id }
        for (field, upload) in changes.uploads {
            object.values[field] = .attachment(id: addAttachment(filename: upload.filename, bytes: upload.bytes))
        }
        object.updatedAt = now()
    }

    /// Creates an object under the body's `id` or a new one (POST). An `id` already taken is
    /// `INVALID_VALUE`, as batch `post` documents for the same case (reference §11).
    mutating func create(model: Model, changes: FieldChanges) throws(APIError) -> StoredObject {
        if let id = changes.id, object(model: model.name, id: id) != nil {
            throw .invalidValue("A \(model.name) with ID '\(id)' already exists.")
        }
        var object = StoredObject(id: changes.id ?? newID(), type: model.name, updatedAt: 0)
        apply(changes, to: &object, replacing: true)
        insert(object)
        record(.create, object)
        return object
    }

    /// Changes the given fields of an existing object (PATCH).
    mutating func update(model: Model, id: String, changes: FieldChanges) throws(APIError) -> StoredObject {
        guard var object = object(model: model.name, id: id) else { throw .objectNotFound(model: model.name, id: id) }
        apply(changes, to: &object, replacing: false)
        replace(object)
        record(.update, object)
        return object
    }

    /// Replaces an object, or creates it under this ID when there is none (PUT, reference §9.2).
    mutating func upsert(model: Model, id: String, changes: FieldChanges) -> StoredObject {
        if var object = object(model: model.name, id: id) {
            apply(changes, to: &object, replacing: true)
            replace(object)
            record(.update, object)
            return object
        }
        var object = StoredObject(id: id, type: model.name, updatedAt: 0)
        apply(changes, to: &object, replacing: true)
        insert(object)
        record(.create, object)
        return object
    }

    /// Deletes an object (DELETE); a user object loses its users-API record too.
    mutating func delete(model: Model, id: String) throws(APIError) {
        guard var object = object(model: model.name, id: id), remove(model: model.name, id: id) else {
            throw .objectNotFound(model: model.name, id: id)
        }
        if model.name == appUserModel { users[id] = nil }
        object.updatedAt = now()
        record(.delete, object)
    }
}
