import ConformShape

/// Applies one breaking profile to an answer of the endpoint it targets. Each kind changes
/// exactly one thing: field changes touch the records of successful answers, the wrapper
/// change the list wrapper, the envelope change error envelopes, the status change the status.
/// (`breaking.endpoint-removed` acts earlier, on routing: see ``MockDeployment``.)
enum BreakingChange {
    static func apply(_ profile: MockProfile, to draft: inout ResponseDraft, at endpoint: MockEndpoint, anatomy: ResponseAnatomy) {
        switch (profile.kind, profile.options) {
        case (.fieldDropped, _): changeField(profile, .drop, &draft, endpoint, anatomy)
        case (.fieldRenamed, .rename(let name)): changeField(profile, .rename(to: name ?? ""), &draft, endpoint, anatomy)
        case (.fieldTypeChanged, .retype(let type)): changeField(profile, .retype(to: type), &draft, endpoint, anatomy)
        case (.fieldNulled, _): changeField(profile, .null, &draft, endpoint, anatomy)
        case (.choiceFlattened, _): changeField(profile, .flattenChoice, &draft, endpoint, anatomy)
        case (.listWrapperChanged, .wrapper(let change)): changeWrapper(change, &draft, anatomy)
        case (.statusChanged, .status(let change)): draft.status = change.apply(to: draft.status)
        case (.errorEnvelopeChanged, .envelope(let change)): changeEnvelopes(change, &draft, anatomy)
        default: return
        }
    }

    // MARK: - Fields

    /// The mutation on the field the profile names (or the kind's default), in every record of
    /// a successful JSON answer. A rename without a new name takes the catalog's default name.
    private static func changeField(
        _ profile: MockProfile, _ mutation: FieldMutation, _ draft: inout ResponseDraft, _ endpoint: MockEndpoint,
        _ anatomy: ResponseAnatomy
    ) {
        guard draft.isSuccess, var json = draft.json else { return }
        func resolved(_ field: String) -> FieldMutation {
            guard case .rename(let name) = mutation, name.isEmpty else { return mutation }
            return .rename(to: ProfileCatalog.defaultNewName(for: field, at: endpoint))
        }
        // The choice change looks at app objects (in an oplog, the entries' objects).
        let records = profile.kind == .choiceFlattened ? anatomy.objects : anatomy.records
        switch profile.fieldTarget {
        case .locator(let parent, let member)?:
            let change = resolved(member)
            parent.modifyObjects(&json) { change.apply(to: &$0, field: member) }
        case .name(let field)?:
            let change = resolved(field)
            records?.modifyObjects(&json) { change.apply(to: &$0, field: field) }
        case nil:
            if profile.kind == .choiceFlattened {
                records?.modifyObjects(&json) { FieldMutation.flattenEveryChoice(in: &$0) }
            } else if let field = ProfileCatalog.defaultField(for: profile.kind, at: endpoint) {
                let change = resolved(field)
                records?.modifyObjects(&json) { change.apply(to: &$0, field: field) }
            }
        }
        draft.json = json
    }

    // MARK: - List wrapper

    private static func changeWrapper(_ change: ProfileOptions.WrapperChange, _ draft: inout ResponseDraft, _ anatomy: ResponseAnatomy) {
        guard draft.isSuccess, let key = anatomy.listKey, case .object(let wrapper)? = draft.json, let list = wrapper[key] else { return }
        switch change {
        case .bare: draft.json = list
        case .renamed(let name): draft.json = .object(wrapper.renaming(key, to: name))
        }
    }

    // MARK: - Error envelopes

    /// The error body of a failed answer, and the envelopes inside a successful one (batch
    /// operation errors).
    private static func changeEnvelopes(
        _ change: ProfileOptions.EnvelopeChange, _ draft: inout ResponseDraft, _ anatomy: ResponseAnatomy
    ) {
        guard var json = draft.json else { return }
        if draft.isErrorEnvelope {
            json = changed(json, change)
        } else if draft.isSuccess {
            for locator in anatomy.embeddedErrors { locator.modify(&json) { $0 = changed($0, change) } }
        }
        draft.json = json
    }

    private static func changed(_ envelope: JSONValue, _ change: ProfileOptions.EnvelopeChange) -> JSONValue {
        guard case .object(let object) = envelope, object["type"] != nil else { return envelope }
        switch change {
        case .flat: return ["error": object["detail"] ?? object["title"] ?? object["type"] ?? .null]
        case .code: return .object(object.renaming("type", to: "code"))
        }
    }
}
