import ConformShape

/// The `additive` profile: everything the stability rule allows a deployment to add, so a
/// correct suite passes and records drift. On every answer it targets:
///
/// - two unknown members, a string and an object (``textField``, ``objectField``), on every
///   record (objects, users, sessions, batch results, oplog entries, index entries, counts,
///   tokens), on every object inside an app object's values (choices, locations, attachment
///   states, embedded objects), on list wrappers, batch results, error envelopes (top-level
///   and inside batch results), on the data model and its models, fields, options and
///   relationships, and on session details;
/// - the extra headers ``headers``.
///
/// Maps keyed by names (`models`, `fields`, an index's `key`) get no new entries: a new key
/// there is a new model or field, data rather than an added member. A member that already
/// exists is never overwritten. The new endpoint is ``MockDeployment/additiveRoutes``.
enum AdditiveDrift {
    /// The unknown string member.
    static let textField = "conform_added_text"
    /// The unknown object member.
    static let objectField = "conform_added_object"
    /// The extra response headers.
    static let headers: [(name: String, value: String)] = [("X-Conform-Drift", "additive"), ("X-Api-Revision", "4.1")]

    static func apply(to draft: inout ResponseDraft, anatomy: ResponseAnatomy) {
        for header in headers where draft.headers[header.name] == nil { draft.headers.add(header.name, header.value) }
        guard var json = draft.json else { return }
        if draft.isErrorEnvelope || !draft.isSuccess {
            JSONLocator.root.modifyObjects(&json) { addFields(to: &$0) }
        } else {
            anatomy.records?.modifyObjects(&json) { record in
                switch anatomy.recordKind {
                case .object?: break  // with the other app objects, below
                case .user?: addToUser(&record)
                case .session?: addToSession(&record)
                default: addFields(to: &record)
                }
            }
            anatomy.objects?.modifyObjects(&json) { addToAppObject(&$0) }
            for locator in anatomy.additive + anatomy.embeddedErrors { locator.modifyObjects(&json) { addFields(to: &$0) } }
        }
        draft.json = json
    }

    /// Adds the two unknown members, leaving any member of the same name alone.
    static func addFields(to object: inout JSONObject) {
        if object[textField] == nil { object[textField] = "added by conform mock --profile additive" }
        if object[objectField] == nil { object[objectField] = ["since": "4.1", "note": "an unknown object member"] }
    }

    /// An app object, and the objects in its values: choices (also inside multiple-choice
    /// lists), locations, attachment states, and embedded related objects (themselves app
    /// objects). Track values are data and stay as they are.
    private static func addToAppObject(_ object: inout JSONObject) {
        for key in object.keys where key != textField && key != objectField {
            switch object[key] {
            case .object(var value)?:
                if value["id"]?.stringValue != nil, value["type"]?.stringValue != nil {
                    addToAppObject(&value)
                } else {
                    addFields(to: &value)
                }
                object[key] = .object(value)
            case .array(var elements)? where elements.contains(where: { $0.objectValue.map(FieldMutation.isChoice) ?? false }):
                for index in elements.indices {
                    if case .object(var choice) = elements[index], FieldMutation.isChoice(choice) {
                        addFields(to: &choice)
                        elements[index] = .object(choice)
                    }
                }
                object[key] = .array(elements)
            default: continue
            }
        }
        addFields(to: &object)
    }

    private static func addToUser(_ user: inout JSONObject) {
        addFields(to: &user)
        if case .array(var sessions)? = user["sessions"] {
            for index in sessions.indices {
                if case .object(var session) = sessions[index] {
                    addToSession(&session)
                    sessions[index] = .object(session)
                }
            }
            user["sessions"] = .array(sessions)
        }
    }

    /// A session and its detail objects (`container`, `runtime`, `device`, `sync_status`).
    private static func addToSession(_ session: inout JSONObject) {
        for key in session.keys where key != objectField {
            if case .object(var detail)? = session[key] {
                addFields(to: &detail)
                session[key] = .object(detail)
            }
        }
        addFields(to: &session)
    }
}
