import ConformDataModel

/// The bodies the specs send and the values they expect back.
extension ModelPlan {
    /// A full object: a sample for every field the suite writes (all but `track` and choices
    /// without options), then each belongs-to linked to its parent. Keys in model order.
    func attributes(variant: Int, marked: Bool = false, formOnly: Bool = false) -> [(String, YAMLNode)] {
        var pairs: [(String, YAMLNode)] = []
        for field in model.fields {
            guard let sample = FieldSamples.sample(field, variant: variant, marked: marked && field.name == marker?.name) else { continue }
            if formOnly && !sample.formSafe { continue }
            pairs.append((field.name, sample.written))
        }
        for parent in parents { pairs.append((parent.variable, .string("${\(parent.variable)}"))) }
        return pairs
    }

    /// `{ <model>: { …attributes… } }`, the body of a create or update (reference §7).
    func body(_ attributes: [(String, YAMLNode)]) -> YAMLNode {
        .map([(model.name, .map(attributes))])
    }

    /// What a full object written with `attributes(variant:marked:)` reads back as: `type`, each
    /// field's representation, and each belongs-to ID.
    func expectations(variant: Int, marked: Bool = false, formOnly: Bool = false) -> [(String, YAMLNode)] {
        expectations { field in
            guard let sample = FieldSamples.sample(field, variant: variant, marked: marked && field.name == marker?.name) else { return nil }
            return formOnly && !sample.formSafe ? nil : .sample(sample)
        }
    }

    /// What one field reads back as after a write.
    enum FieldState {
        case sample(FieldSample)
        /// Set to `null` (PATCH) or left out (PUT): the field and any `<field>_id` are null.
        case cleared
    }

    /// `$.type`, then each field's expected values as `state` says (`nil`: not checked), then
    /// each belongs-to ID (`null` for those in `unlinked`).
    func expectations(unlinked: Set<String> = [], _ state: (Field) -> FieldState?) -> [(String, YAMLNode)] {
        var values: [(String, YAMLNode)] = [("$.type", .string(model.name))]
        for field in model.fields {
            switch state(field) {
            case .sample(let sample)?: values += sample.expected
            case .cleared?:
                if field.type.isAttachment { values.append(("$.\(field.name)_id", .null)) }
                values.append(("$." + field.name, .null))
            case nil: break
            }
        }
        for parent in parents {
            values.append(("$." + parent.variable, unlinked.contains(parent.relationship.name) ? .null : .string("${\(parent.variable)}")))
        }
        return values
    }

    /// Every field and belongs-to as `null`, except `kept` fields: what an object reads back as
    /// when the body left them out (reference §16.1: absent is null; §9.2: PUT clears).
    func nullExpectations(except kept: Set<String> = []) -> [(String, YAMLNode)] {
        var values: [(String, YAMLNode)] = []
        for field in model.fields where !kept.contains(field.name) {
            if field.type.isAttachment { values.append(("$.\(field.name)_id", .null)) }
            values.append(("$." + field.name, .null))
        }
        for relationship in model.belongsTo { values.append(("$." + relationship.idKey, .null)) }
        return values
    }

    /// The shape of a full object as written: the model's shape, and for uploads the extra
    /// rule that `<field>_id` is set (the URLs and state are the deployment's to decide).
    var writtenShape: YAMLNode {
        let uploads = model.fields.filter { $0.type.isAttachment && FileSamples.file(for: $0) != nil }
        guard !uploads.isEmpty else { return shapeRef }
        let keys = uploads.map { $0.name + "_id" }
        return .map([("allOf", .list([
            shapeRef,
            .map([
                ("description", .string("the uploaded files are linked")),
                ("required", .strings(keys)),
                ("properties", .map(keys.map { ($0, .map([("type", .string("string"))])) })),
            ]),
        ]))])
    }

    /// Notes for the reader about the samples: stand-in uploads, fields left unset.
    var sampleNotes: [String] {
        var notes: [String] = []
        for field in model.fields {
            if field.type == .track {
                notes.append("`\(field.name)` (a track field) is left unset: the reference does not document how a track is written.")
            } else if field.type.takesOptions && field.options.isEmpty {
                notes.append("`\(field.name)` has no options, so no value can be written to it.")
            } else if let note = FileSamples.file(for: field)?.note {
                notes.append("`\(field.name)`: \(note).")
            }
        }
        return notes
    }
}
