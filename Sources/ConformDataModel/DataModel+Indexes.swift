extension DataModelReader {
    /// `<index on name? database?>` (reference §21.8): `on` lists fields and belongs-to names,
    /// a leading `-` for descending; attachments and multiple-choice fields cannot be indexed;
    /// `database` is a comma list of `app` and `cloud`.
    mutating func readIndexes(_ draft: Draft) -> [ModelIndex] {
        var indexes: [ModelIndex] = []
        for node in draft.indexNodes {
            guard let on = node.attribute("on"), !on.trimmedWhitespace.isEmpty else {
                error(node.line, "<index> needs an on attribute")
                continue
            }
            var keys: [ModelIndex.Key] = []
            var valid = true
            for piece in on.split(separator: ",", omittingEmptySubsequences: false) {
                var name = piece.trimmedWhitespace
                let descending = name.hasPrefix("-")
                if descending { name.removeFirst() }
                if let field = draft.fields.first(where: { $0.name == name }) {
                    if !Self.isIndexable(field.type) {
                        error(node.line, "Field is not indexable: '\(name)'")
                        valid = false
                    }
                } else if !draft.belongsTo.contains(where: { $0.name == name }) {
                    error(node.line, "Undefined field or model in index: '\(name)'")
                    valid = false
                }
                keys.append(ModelIndex.Key(name: name, descending: descending))
            }
            var databases = ["app", "cloud"]
            if let database = node.attribute("database") {
                databases = database.split(separator: ",").map { $0.trimmedWhitespace }
                for value in databases where value != "app" && value != "cloud" {
                    error(node.line, "Invalid database: \(value)")
                    valid = false
                }
            }
            guard valid else { continue }
            let name = node.attribute("name").flatMap { $0.isEmpty ? nil : $0 } ?? keys.map(\.name).joined(separator: "_")
            indexes.append(ModelIndex(name: name, keys: keys, databases: databases, line: node.line))
        }
        return indexes
    }

    /// Attachment-like and multiple-choice fields cannot be indexed (reference §21.8).
    static func isIndexable(_ type: FieldType) -> Bool {
        switch type {
        case .photo, .signature, .attachment, .multipleChoice, .multipleChoiceInteger: false
        default: true
        }
    }
}
