import ConformDataModel

/// `shapes/<model>.yaml` and `shapes/<model>-list.yaml`: exactly the keys the data model implies
/// (reference §16.1), so a key it does not declare is reported as drift and a declared one that
/// is missing, renamed or retyped fails.
struct ModelShapes {
    let model: Model

    /// The object: the envelope, `type` fixed to the model name, one required key per field
    /// (attachments add `<field>_id`), one `<name>_id` per belongs-to. Has-many relationships
    /// are not part of objects.
    var object: YAMLNode {
        var required: [String] = []
        var properties: [YAMLEntry] = [YAMLEntry("type", .map([("const", .string(model.name))]))]
        for field in model.fields {
            if field.type.isAttachment {
                required.append(field.name + "_id")
                properties.append(YAMLEntry(field.name + "_id", Self.ref("reference_id")))
            }
            required.append(field.name)
            properties.append(YAMLEntry(field.name, Self.representation(of: field)))
        }
        for relationship in model.belongsTo {
            required.append(relationship.idKey)
            properties.append(YAMLEntry(relationship.idKey, Self.ref("reference_id")))
        }
        var fields: [YAMLEntry] = [YAMLEntry("type", .string("object"))]
        if !required.isEmpty { fields.append(YAMLEntry("required", .strings(required))) }
        fields.append(YAMLEntry("properties", .mapping(properties, style: .block)))
        return .mapping([
            YAMLEntry("title", .string(model.label ?? model.name)),
            YAMLEntry("allOf", .sequence([
                YAMLItem(.map([("$ref", .string("object-envelope.yaml"))])),
                YAMLItem(.mapping(fields, style: .block)),
            ], style: .block)),
        ], style: .block)
    }

    /// The list wrapper whose objects are this model's.
    var list: YAMLNode {
        .mapping([
            YAMLEntry("title", .string("List of \(model.name) objects")),
            YAMLEntry("allOf", .sequence([
                YAMLItem(.map([("$ref", .string("list-wrapper.yaml"))])),
                YAMLItem(.map([("properties", .map([("objects", .map([("items", .map([("$ref", .string("\(model.name).yaml"))]))], style: .block))],
                                                   style: .block))], style: .block)),
            ], style: .block)),
        ], style: .block)
    }

    /// A field's representation: its type's definition, narrowed to the valid keys for
    /// choices (`enum`), so an option the data model does not have fails.
    static func representation(of field: Field) -> YAMLNode {
        let base = ref(FieldTypeShapes.definition(for: field.type))
        let keys = field.options.map(\.key.yaml)
        // A choice without options has no key to allow; its type's definition says enough.
        guard !keys.isEmpty else { return base }
        switch field.type {
        case .singleChoice, .singleChoiceInteger:
            return .map([base.firstPair, ("properties", .map([("key", .map([("enum", .list(keys))]))]))])
        case .multipleChoice, .multipleChoiceInteger:
            return .map([base.firstPair, ("items", .map([("properties", .map([("key", .map([("enum", .list(keys))]))]))]))])
        default:
            return base
        }
    }

    /// `{ $ref: "field-types.yaml#/$defs/<name>" }`.
    static func ref(_ definition: String) -> YAMLNode {
        .map([("$ref", .string("field-types.yaml#/$defs/" + definition))])
    }
}

extension YAMLNode {
    /// The first key and value of a mapping (used to extend a `$ref` with sibling keywords).
    fileprivate var firstPair: (String, YAMLNode) {
        if case .mapping(let entries, _) = self, let first = entries.first { return (first.key, first.value) }
        return ("$comment", self)
    }
}
