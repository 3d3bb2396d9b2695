import ConformShape
import ConformDataModel

/// Renders stored objects in the API's object format (reference §16.1): `id`, `type`,
/// `updated_at`, `display`, every field in model order (absent = `null`; attachments as
/// `<f>_id` then `<f>`), then `<belongs-to>_id` for each belongs-to.
struct ObjectRenderer {
    let dataModel: DataModel
    let store: ObjectStore
    /// `http://host:port` the client used, for attachment URLs.
    let baseURL: String

    func render(_ object: StoredObject) -> JSONValue {
        guard let model = dataModel.model(named: object.type) else { return .null }
        var json = JSONObject()
        json["id"] = .string(object.id)
        json["type"] = .string(object.type)
        json["updated_at"] = .string(Timestamp.format(object.updatedAt))
        json["display"] = .string(DisplayRenderer(dataModel: dataModel, store: store).display(of: object, model: model))
        for field in model.fields {
            let value = object.values[field.name]
            if field.type.isAttachment {
                guard case .attachment(let id)? = value else {
                    json[field.name + "_id"] = .null
                    json[field.name] = .null
                    continue
                }
                json[field.name + "_id"] = .string(id)
                json[field.name] = attachmentState(id: id, type: field.type)
            } else {
                json[field.name] = value.map { render($0, field: field) } ?? .null
            }
        }
        for relationship in model.belongsTo {
            json[relationship.idKey] = object.relationships[relationship.name].map(JSONValue.string) ?? .null
        }
        return .object(json)
    }

    /// The object with each relationship in `embedding` added under its name: the related
    /// object (not embedded further), or `null` when unset or missing. The response shape of
    /// `embed` is not documented (reference §8 [NF]); this is the likely one.
    func render(_ object: StoredObject, embedding: [BelongsTo]) -> JSONValue {
        guard case .object(var json) = render(object) else { return .null }
        for relationship in embedding {
            let related = object.relationships[relationship.name].flatMap { store.object(model: relationship.model, id: $0) }
            json[relationship.name] = related.map(render) ?? .null
        }
        return .object(json)
    }

    private func render(_ value: StoredValue, field: Field) -> JSONValue {
        switch value {
        case .text(let text): .string(text)
        case .integer(let integer): .integer(integer)
        case .number(let number): number
        case .boolean(let flag): choice(.boolean(flag), field: field)
        case .date(let date): .string(date)
        case .datetime(let seconds): .string(Timestamp.format(seconds))
        case .choice(let key): choice(key, field: field)
        case .choices(let keys): .array(keys.map { choice($0, field: field) })
        case .location(let location): location.json
        case .attachment(let id): .string(id)
        case .track(let track): track
        }
    }

    /// `{"key": …, "display": …}` with the option's label.
    private func choice(_ key: OptionKey, field: Field) -> JSONValue {
        let keyJSON: JSONValue =
            switch key {
            case .string(let text): .string(text)
            case .integer(let integer): .integer(integer)
            case .boolean(let flag): .bool(flag)
            }
        return ["key": keyJSON, "display": .string(field.option(forKey: key)?.label ?? "")]
    }

    /// `{"state": "uploaded", URL keys…}` when the file is here, `{"state": "pending"}` when
    /// only its ID was written (reference §16.2: URL keys appear only when uploaded).
    private func attachmentState(id: String, type: FieldType) -> JSONValue {
        guard let attachment = store.attachment(id: id) else { return ["state": "pending"] }
        var state = JSONObject([("state", "uploaded")])
        for variant in MediaVariant.variants(for: type) {
            state[variant.rawValue] = .string(MediaVariant.url(base: baseURL, attachment: attachment, variant: variant))
        }
        return .object(state)
    }
}
