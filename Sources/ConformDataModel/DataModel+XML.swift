extension DataModel {
    /// Parses a v3.1+/v4 data model (`<data-model>`, `<model>`, `<field>`, reference §21).
    ///
    /// Tolerates what the official parser tolerates (comments, forward references, unknown
    /// elements and attributes, `<index>`, `<webhook>`, `<notify-user>`), and refuses what it
    /// reports as errors, with every problem found and its line.
    public static func parse(xml: [UInt8], file: String = "datamodel.xml") throws(DataModelError) -> DataModel {
        let root = try XMLTreeReader.parse(xml, file: file)
        var reader = DataModelReader()
        let models = reader.read(root)
        guard reader.issues.isEmpty else {
            throw DataModelError(file: file, issues: reader.issues.sorted { $0.line < $1.line })
        }
        // The stock template's app-user model is `user` (reference §21.12); schema.xml itself
        // does not mark it, so a model of that name is taken to be it.
        let appUser = models.contains { $0.name == "user" } ? "user" : nil
        return DataModel(models: models, appUser: appUser, xml: xml)
    }
}

/// The passes of the official parser (reference §21.1): models and fields first, then
/// relationships, then displays, so models may refer to models defined later.
struct DataModelReader {
    var issues: [DataModelError.Issue] = []

    static let reservedModelNames: Set<String> = ["object", "account", "id", "type"]
    static let reservedFieldNames: Set<String> = ["object", "account", "id", "type", "_id", "_type", "account_id", "attribute"]
    /// Keys of the object envelope (§16.1); a field of that name would collide in every object.
    static let envelopeKeys: Set<String> = ["id", "type", "updated_at", "display"]

    /// Why a model may not have this name, or nil. Both readers (XML and datamodel.json) ask.
    static func modelNameProblem(_ name: String) -> String? {
        reservedModelNames.contains(name) ? "Reserved model name '\(name)'" : nil
    }

    /// Why a field may not have this name, or nil. Both readers (XML and datamodel.json) ask.
    static func fieldNameProblem(_ name: String) -> String? {
        if reservedFieldNames.contains(name) { return "Reserved field name '\(name)'" }
        if envelopeKeys.contains(name) { return "Field name '\(name)' collides with the object key '\(name)' every API object carries" }
        return nil
    }

    /// Why these fields cannot live in one model, or nil: an attachment field `f` adds the key
    /// `f_id` to objects, so a field of that name would collide.
    static func attachmentIDCollision(_ fields: [Field]) -> (field: Field, message: String)? {
        let names = Set(fields.map(\.name))
        guard let field = fields.first(where: { $0.type.isAttachment && names.contains($0.name + "_id") }) else { return nil }
        return (field, "Field '\(field.name)_id' collides with the id key of attachment field '\(field.name)'")
    }

    mutating func error(_ line: Int, _ message: String) {
        issues.append(.init(line: line, message: message))
    }

    /// A model read in pass 1, completed in the later passes.
    struct Draft {
        var name: String
        var label: String?
        var line: Int
        var fields: [Field] = []
        var belongsToNodes: [XMLNode] = []
        var hasManyNodes: [XMLNode] = []
        var displayNode: XMLNode?
        var indexNodes: [XMLNode] = []
        var belongsTo: [BelongsTo] = []
        var hasMany: [HasMany] = []
    }

    mutating func read(_ root: XMLNode) -> [Model] {
        guard root.name == "data-model" else {
            error(root.line, "<data-model> root tag expected, found <\(root.name)>")
            return []
        }
        var drafts: [Draft] = []
        var seen: Set<String> = []
        for node in root.children where node.name == "model" {
            guard let draft = readModel(node) else { continue }
            guard seen.insert(draft.name).inserted else {
                error(node.line, "Model '\(draft.name)' is already defined")
                continue
            }
            drafts.append(draft)
        }
        if drafts.isEmpty && issues.isEmpty { error(root.line, "<data-model> must contain at least one <model>") }
        let names = Set(drafts.map(\.name))
        for index in drafts.indices { readBelongsTo(&drafts[index], models: names) }
        for index in drafts.indices { readHasMany(&drafts, index) }
        return drafts.map { draft in
            Model(
                name: draft.name, label: draft.label, fields: draft.fields, belongsTo: draft.belongsTo,
                hasMany: draft.hasMany, display: readDisplay(draft, drafts: drafts), indexes: readIndexes(draft),
                line: draft.line)
        }
    }

    // MARK: - Pass 1: models and fields

    /// Child groups must come in order (reference §21.2); elements within a group mix freely.
    private static func group(of element: String) -> Int? {
        switch element {
        case "field": 1
        case "belongs-to", "has-many": 2
        case "display", "index", "notify-user", "webhook": 3
        default: nil
        }
    }

    private mutating func readModel(_ node: XMLNode) -> Draft? {
        guard let name = requiredName(node, what: "model") else { return nil }
        if let problem = Self.modelNameProblem(name) { error(node.line, problem) }
        var draft = Draft(name: name, label: node.attribute("label"), line: node.line)
        var highestGroup = 0
        var fieldNames: Set<String> = []
        for child in node.children {
            // Unknown elements are only a warning for the official parser; the mock ignores them.
            guard let group = Self.group(of: child.name) else { continue }
            if group < highestGroup {
                error(child.line, "Elements must be in this order: fields, relationships, display, notify-user, indices, webhooks")
            }
            highestGroup = max(highestGroup, group)
            switch child.name {
            case "field":
                guard let field = readField(child) else { continue }
                guard fieldNames.insert(field.name).inserted else {
                    error(child.line, "Field '\(field.name)' is already defined")
                    continue
                }
                draft.fields.append(field)
            case "belongs-to": draft.belongsToNodes.append(child)
            case "has-many": draft.hasManyNodes.append(child)
            case "display":
                // A second <display> is only a warning for the official parser; the first wins.
                if draft.displayNode == nil { draft.displayNode = child }
            case "index": draft.indexNodes.append(child)
            case "webhook":
                let type = child.attribute("type") ?? ""
                if type != "ready" && type != "update" { error(child.line, "Invalid webhook type '\(type)': use ready or update") }
            default: break  // <notify-user>: not needed by the API
            }
        }
        if let collision = Self.attachmentIDCollision(draft.fields) { error(collision.field.line, collision.message) }
        return draft
    }

    /// Reads a required `name` attribute and checks the name pattern.
    private mutating func requiredName(_ node: XMLNode, what: String, attribute: String = "name") -> String? {
        guard let name = node.attribute(attribute), !name.isEmpty else {
            error(node.line, "<\(node.name)> needs a \(attribute) attribute")
            return nil
        }
        guard Identifier.isValid(name) else {
            error(node.line, "Not a valid \(what) name: '\(name)'")
            return nil
        }
        return name
    }

    private mutating func readField(_ node: XMLNode) -> Field? {
        guard let name = requiredName(node, what: "field") else { return nil }
        if let problem = Self.fieldNameProblem(name) {
            error(node.line, problem)
            return nil
        }
        guard let typeAttribute = node.attribute("type"), !typeAttribute.isEmpty else {
            error(node.line, "<field name=\"\(name)\"> needs a type attribute")
            return nil
        }
        var type: FieldType
        do {
            type = try FieldType(xmlType: typeAttribute)
        } catch .unknownSubtype(let subtype) {
            error(node.line, "'\(subtype)' is not a valid string format")
            return nil
        } catch {
            self.error(node.line, "Invalid type '\(typeAttribute)'")
            return nil
        }
        if case .attachment = type {
            guard let media = node.attribute("media"), !media.isEmpty else {
                error(node.line, "Include media=\"\" with a specific mime type, or media=\"any\" for any of the allowed types.")
                return nil
            }
            guard AttachmentMedia.allowed.contains(media) else {
                error(node.line, "media must be 'any', or one of the specific allowed mime types.")
                return nil
            }
            type = .attachment(media: media)
        }
        let options = type.takesOptions ? readOptions(node, type: type) : []
        return Field(name: name, label: node.attribute("label"), type: type, options: options, line: node.line)
    }
}
