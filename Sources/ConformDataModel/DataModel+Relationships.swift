extension DataModelReader {
    // MARK: - Pass 2: belongs-to

    /// `<belongs-to model name?>` (reference §21.5): `name` defaults to `model`; the target must
    /// exist; names are unique per model and `<name>_id` must not collide with a field.
    mutating func readBelongsTo(_ draft: inout Draft, models: Set<String>) {
        var names: Set<String> = []
        let fieldNames = Set(draft.fields.map(\.name))
        for node in draft.belongsToNodes {
            guard let target = requiredModelReference(node, models: models) else { continue }
            let name: String
            if let given = node.attribute("name") {
                guard Identifier.isValid(given) else {
                    error(node.line, "Not a valid relationship name: '\(given)'")
                    continue
                }
                name = given
            } else {
                name = target
            }
            guard names.insert(name).inserted else {
                error(node.line, "Relationship '\(name)' is already defined")
                continue
            }
            if fieldNames.contains(name + "_id") || fieldNames.contains(name) {
                error(node.line, "Relationship '\(name)' collides with a field of model '\(draft.name)'")
                continue
            }
            draft.belongsTo.append(BelongsTo(name: name, model: target, line: node.line))
        }
    }

    private mutating func requiredModelReference(_ node: XMLNode, models: Set<String>) -> String? {
        guard let target = node.attribute("model"), !target.isEmpty else {
            error(node.line, "<\(node.name)> needs a model attribute")
            return nil
        }
        guard models.contains(target) else {
            error(node.line, "Object '\(target)' is not defined")
            return nil
        }
        return target
    }

    // MARK: - Pass 3: has-many

    /// `<has-many model name inverse-of?>` (reference §21.6): pairs with one belongs-to on the
    /// target that points back here, named by `inverse-of` or the only candidate.
    mutating func readHasMany(_ drafts: inout [Draft], _ index: Int) {
        let models = Set(drafts.map(\.name))
        let owner = drafts[index].name
        var names: Set<String> = []
        for node in drafts[index].hasManyNodes {
            guard let name = requiredHasManyName(node) else { continue }
            guard let target = requiredModelReference(node, models: models),
                let targetDraft = drafts.first(where: { $0.name == target })
            else { continue }
            guard names.insert(name).inserted else {
                error(node.line, "Relationship '\(name)' is already defined")
                continue
            }
            let candidates = targetDraft.belongsTo.filter { $0.model == owner }
            let inverse: BelongsTo
            if let inverseName = node.attribute("inverse-of") {
                guard let match = candidates.first(where: { $0.name == inverseName }) else {
                    error(node.line, "'\(inverseName)' is not defined on '\(target)'")
                    continue
                }
                inverse = match
            } else {
                guard let only = candidates.first else {
                    error(node.line, "Need <belongs-to model=\"\(owner)\"> in object '\(target)'")
                    continue
                }
                guard candidates.count == 1 else {
                    let list = candidates.map(\.name).joined(separator: ", ")
                    error(node.line, "Ambiguous has-many - set inverse-of to one of \(list)")
                    continue
                }
                inverse = only
            }
            let alreadyPaired = drafts.flatMap { $0.hasMany }.first {
                $0.model == target && $0.inverseOf == inverse.name
            }
            if let alreadyPaired {
                error(node.line, "Relationship '\(inverse.name)' already has a has-many '\(alreadyPaired.name)'")
                continue
            }
            drafts[index].hasMany.append(HasMany(name: name, model: target, inverseOf: inverse.name, line: node.line))
        }
    }

    private mutating func requiredHasManyName(_ node: XMLNode) -> String? {
        guard let name = node.attribute("name"), !name.isEmpty else {
            error(node.line, "<has-many> needs a name attribute")
            return nil
        }
        guard Identifier.isValid(name) else {
            error(node.line, "Not a valid relationship name: '\(name)'")
            return nil
        }
        return name
    }

    // MARK: - Pass 4: display

    /// Exactly one `<display>` is required; its tokens must name fields or belongs-to
    /// relationships, following relationships through dots (reference §21.7).
    mutating func readDisplay(_ draft: Draft, drafts: [Draft]) -> DisplayFormat {
        guard let node = draft.displayNode else {
            error(draft.line, "<display> is required in model '\(draft.name)'")
            return DisplayFormat("")
        }
        let source = node.attribute("format") ?? node.text.trimmedWhitespace
        let format = DisplayFormat(source)
        for path in format.tokenPaths where !resolves(path, from: draft, drafts: drafts) {
            error(node.line, "'\(path.joined(separator: "."))' is not defined")
        }
        return format
    }

    /// Whether a token path names something: a field, a belongs-to, or an id key at the end;
    /// belongs-to names in between.
    private func resolves(_ path: [String], from draft: Draft, drafts: [Draft]) -> Bool {
        guard let head = path.first, !head.isEmpty else { return false }
        let rest = Array(path.dropFirst())
        if let relationship = draft.belongsTo.first(where: { $0.name == head }) {
            guard !rest.isEmpty else { return true }
            guard let target = drafts.first(where: { $0.name == relationship.model }) else { return false }
            return resolves(rest, from: target, drafts: drafts)
        }
        guard rest.isEmpty else { return false }
        if draft.fields.contains(where: { $0.name == head }) { return true }
        let idKeys = draft.belongsTo.map(\.idKey) + draft.fields.filter(\.type.isAttachment).map { $0.name + "_id" }
        return idKeys.contains(head)
    }
}
