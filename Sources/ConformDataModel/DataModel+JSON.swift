public import ConformShape

extension DataModel {
    /// The body of `GET datamodel.json` (reference §13.1, §21.13):
    /// `{models: {name: {name, label, display, fields, belongs_to, has_many}}, app_user, datamodel_hash}`.
    ///
    /// Fields are `{name, label, type, subtype}` with the newer codec's spelling (`type: "text",
    /// subtype: "name"`; `subtype: null` otherwise), plus `options: [{key, display}]` for choice
    /// and boolean fields, keys typed by field type. `display` is the raw format string. Object
    /// keys keep document order. Not represented: `media`, `auto-download`, indexes, webhooks.
    public var datamodelJSON: JSONValue {
        var modelsJSON = JSONObject()
        for model in models { modelsJSON[model.name] = json(of: model) }
        return [
            "models": .object(modelsJSON),
            "app_user": appUser.map(JSONValue.string) ?? .null,
            "datamodel_hash": .string(hash),
        ]
    }

    private func json(of model: Model) -> JSONValue {
        var fields = JSONObject()
        for field in model.fields { fields[field.name] = Self.json(of: field) }
        var belongsTo = JSONObject()
        for relationship in model.belongsTo {
            // The has-many on the target that mirrors this belongs-to, if there is one.
            let inverse = self.model(named: relationship.model)?.hasMany.first {
                $0.model == model.name && $0.inverseOf == relationship.name
            }
            belongsTo[relationship.name] = [
                "model": .string(relationship.model), "name": .string(relationship.name),
                "inverse_of": inverse.map { .string($0.name) } ?? .null,
            ]
        }
        var hasMany = JSONObject()
        for relationship in model.hasMany {
            hasMany[relationship.name] = [
                "model": .string(relationship.model), "name": .string(relationship.name),
                "inverse_of": .string(relationship.inverseOf),
            ]
        }
        return [
            "name": .string(model.name),
            "label": model.label.map(JSONValue.string) ?? .null,
            "display": model.display.source.isEmpty ? .null : .string(model.display.source),
            "fields": .object(fields),
            "belongs_to": .object(belongsTo),
            "has_many": .object(hasMany),
        ]
    }

    private static func json(of field: Field) -> JSONValue {
        var json = JSONObject([
            ("name", .string(field.name)),
            ("label", field.label.map(JSONValue.string) ?? .null),
            ("type", .string(field.type.name)),
            ("subtype", field.type.subtype.map { .string($0.rawValue) } ?? .null),
        ])
        if field.type.takesOptions {
            json["options"] = .array(field.options.map { ["key": $0.key.json, "display": .string($0.label)] })
        }
        return .object(json)
    }
}

extension OptionKey {
    /// The key as JSON: a string, a number or a boolean.
    public var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .integer(let integer): .integer(integer)
        case .boolean(let flag): .bool(flag)
        }
    }
}
