public import ConformShape

extension DataModel {
    /// Reads a deployment's `datamodel.json` (reference §13.1), the inverse of ``datamodelJSON``.
    ///
    /// Accepts both codec spellings of text subtypes (`type: "text", subtype: "name"` and the
    /// older `subtype: "text:name"`, also `type: "text:name"`), option keys typed by field type
    /// or written as strings, a missing `label`/`options`/`belongs_to`/`has_many`, and ignores
    /// keys it does not know. Refuses what it cannot understand (an unknown type, a relationship
    /// to an undefined model, a has-many with no belongs-to to pair with…), listing every
    /// problem with its JSON path. `datamodel.json` has no `media`: attachments get `any`.
    public static func parse(datamodelJSON value: JSONValue, file: String = "datamodel.json") throws(DataModelError) -> DataModel {
        var reader = DataModelJSONReader()
        let model = reader.read(value)
        guard reader.issues.isEmpty, let model else {
            throw DataModelError(file: file, issues: reader.issues)
        }
        return model
    }

    /// Reads `datamodel.json` text (a UTF-8 byte order mark is skipped); a body that is not
    /// JSON is refused with the parser's message.
    public static func parse(json bytes: [UInt8], file: String = "datamodel.json") throws(DataModelError) -> DataModel {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...])
        } catch {
            throw DataModelError(file: file, issues: [.init(jsonPath: "$", message: "not valid JSON: \(error.description)")])
        }
        return try parse(datamodelJSON: value, file: file)
    }
}

/// Collects every problem of a `datamodel.json`, as the XML reader does for XML.
struct DataModelJSONReader {
    var issues: [DataModelError.Issue] = []

    private mutating func error(_ path: JSONPath, _ message: String) {
        issues.append(.init(jsonPath: path.description, message: message))
    }

    /// A model's relationships before the targets are checked.
    private struct Draft {
        var model: Model
        var belongsTo: [(BelongsTo, JSONPath)] = []
        var hasMany: [(name: String, model: String, inverseOf: String?, path: JSONPath)] = []
    }

    mutating func read(_ root: JSONValue) -> DataModel? {
        guard let object = self.object(root, at: .root) else { return nil }
        let modelsPath = JSONPath.root.appending("models")
        guard let models = self.object(object["models"] ?? .null, at: modelsPath) else { return nil }
        var drafts: [Draft] = []
        for (name, value) in models {
            if let draft = readModel(name, value, at: modelsPath.appending(name)) { drafts.append(draft) }
        }
        if models.isEmpty { error(modelsPath, "no models") }
        let names = Set(drafts.map(\.model.name))
        var finished: [Model] = []
        for draft in drafts { finished.append(finish(draft, drafts: drafts, names: names)) }
        let appUser = optionalString(object["app_user"], at: JSONPath.root.appending("app_user"))
        if let appUser, !names.contains(appUser) {
            error(JSONPath.root.appending("app_user"), "'\(appUser)' is not a model of this data model")
        }
        let hashPath = JSONPath.root.appending("datamodel_hash")
        let hash = optionalString(object["datamodel_hash"], at: hashPath)
        // Without a hash of its own, the model gets the hash of the JSON it came from.
        return DataModel(models: finished, appUser: appUser, hash: hash ?? SHA256.hexDigest(of: root.compactBytes))
    }

    // MARK: - Models and fields

    private mutating func readModel(_ key: String, _ value: JSONValue, at path: JSONPath) -> Draft? {
        guard let object = self.object(value, at: path) else { return nil }
        guard checkName(key, object, at: path, what: "model") else { return nil }
        if let problem = DataModelReader.modelNameProblem(key) {
            error(path, problem)
            return nil
        }
        let label = optionalString(object["label"], at: path.appending("label"))
        let display = optionalString(object["display"], at: path.appending("display")) ?? ""
        var fields: [Field] = []
        let fieldsPath = path.appending("fields")
        for (name, fieldValue) in optionalObject(object["fields"], at: fieldsPath) {
            if let field = readField(name, fieldValue, at: fieldsPath.appending(name)) { fields.append(field) }
        }
        if let collision = DataModelReader.attachmentIDCollision(fields) { error(fieldsPath.appending(collision.field.name + "_id"), collision.message) }
        var draft = Draft(model: Model(name: key, label: label, fields: fields, display: DisplayFormat(display)))
        let belongsPath = path.appending("belongs_to")
        for (name, relationship) in optionalObject(object["belongs_to"], at: belongsPath) {
            let relationshipPath = belongsPath.appending(name)
            guard let (target, _) = readRelationship(name, relationship, at: relationshipPath) else { continue }
            draft.belongsTo.append((BelongsTo(name: name, model: target), relationshipPath))
        }
        let hasManyPath = path.appending("has_many")
        for (name, relationship) in optionalObject(object["has_many"], at: hasManyPath) {
            let relationshipPath = hasManyPath.appending(name)
            guard let (target, inverse) = readRelationship(name, relationship, at: relationshipPath) else { continue }
            draft.hasMany.append((name, target, inverse, relationshipPath))
        }
        return draft
    }

    private mutating func readField(_ key: String, _ value: JSONValue, at path: JSONPath) -> Field? {
        guard let object = self.object(value, at: path), checkName(key, object, at: path, what: "field") else { return nil }
        if let problem = DataModelReader.fieldNameProblem(key) {
            error(path, problem)
            return nil
        }
        let label = optionalString(object["label"], at: path.appending("label"))
        guard let type = readType(object, at: path) else { return nil }
        var options: [ChoiceOption] = []
        if type.takesOptions {
            options = readOptions(object["options"], type: type, at: path.appending("options"))
        }
        return Field(name: key, label: label, type: type, options: options)
    }

    /// `type` and `subtype` in either codec spelling.
    private mutating func readType(_ object: JSONObject, at path: JSONPath) -> FieldType? {
        let typePath = path.appending("type"), subtypePath = path.appending("subtype")
        guard case .string(var typeName) = object["type"] ?? .null else {
            error(typePath, "expected the field type as a string, got \((object["type"] ?? .null).typeDescription)")
            return nil
        }
        var subtypeName = optionalString(object["subtype"], at: subtypePath)
        // Older codec: `subtype: "text:name"`; the XML spelling `type: "text:name"` too.
        if let subtype = subtypeName, subtype.hasPrefix("text:") { subtypeName = String(subtype.dropFirst(5)) }
        if typeName.hasPrefix("text:") {
            let fromType = String(typeName.dropFirst(5))
            if let subtypeName, subtypeName != fromType {
                error(subtypePath, "subtype '\(subtypeName)' contradicts type '\(typeName)'")
                return nil
            }
            subtypeName = fromType
            typeName = "text"
        }
        if typeName == "text" {
            guard let subtypeName else { return .text(subtype: nil) }
            guard let subtype = TextSubtype(rawValue: subtypeName) else {
                let known = TextSubtype.allCases.map(\.rawValue).joined(separator: ", ")
                error(subtypePath, "unknown text subtype '\(subtypeName)' (known: \(known))")
                return nil
            }
            return .text(subtype: subtype)
        }
        let type: FieldType
        do {
            type = try FieldType(xmlType: typeName)
        } catch {
            self.error(typePath, "unknown field type '\(typeName)'")
            return nil
        }
        if let subtypeName {
            error(subtypePath, "a subtype ('\(subtypeName)') is only allowed on text fields")
            return nil
        }
        // `datamodel.json` does not carry `media` (reference §21.13).
        if case .attachment = type { return .attachment(media: "any") }
        return type
    }

    /// `[{key, display}]`; keys typed by field type, or written as strings. A boolean without
    /// options gets the defaults No/Yes.
    private mutating func readOptions(_ value: JSONValue?, type: FieldType, at path: JSONPath) -> [ChoiceOption] {
        guard let value, !value.isNull else { return type == .boolean ? ChoiceOption.booleanDefaults : [] }
        guard case .array(let elements) = value else {
            error(path, "expected an array of {key, display}, got \(value.typeDescription)")
            return []
        }
        var options: [ChoiceOption] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path.appending(index)
            guard let object = self.object(element, at: elementPath) else { continue }
            guard let key = optionKey(object["key"] ?? .null, type: type, at: elementPath.appending("key")) else { continue }
            guard case .string(let label) = object["display"] ?? .null else {
                error(elementPath.appending("display"), "expected the option label as a string")
                continue
            }
            guard !options.contains(where: { $0.key == key }) else {
                error(elementPath.appending("key"), "key \(key.json.compactText) is already used")
                continue
            }
            options.append(ChoiceOption(key: key, label: label))
        }
        if type == .boolean && options.count != 2 { error(path, "a boolean must have exactly two options") }
        return options
    }

    private mutating func optionKey(_ value: JSONValue, type: FieldType, at path: JSONPath) -> OptionKey? {
        switch (type, value) {
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.boolean, .string("true")): return .boolean(true)
        case (.boolean, .string("false")): return .boolean(false)
        case (.singleChoiceInteger, .integer(let integer)), (.multipleChoiceInteger, .integer(let integer)):
            return .integer(integer)
        case (.singleChoiceInteger, .string(let text)), (.multipleChoiceInteger, .string(let text)):
            if let integer = Int64(text) { return .integer(integer) }
        case (.singleChoice, .string(let text)), (.multipleChoice, .string(let text)):
            if !text.isEmpty { return .string(text) }
        case (.singleChoice, .integer(let integer)), (.multipleChoice, .integer(let integer)):
            return .string(String(integer))
        default: break
        }
        let expected =
            switch type {
            case .boolean: "true or false"
            case .singleChoiceInteger, .multipleChoiceInteger: "an integer"
            default: "a non-empty string"
            }
        error(path, "invalid option key \(value.compactText) for a \(type.name) field: expected \(expected)")
        return nil
    }

    // MARK: - Relationships

    /// `{model, name, inverse_of}` → the target model and `inverse_of`.
    private mutating func readRelationship(_ key: String, _ value: JSONValue, at path: JSONPath) -> (String, String?)? {
        guard let object = self.object(value, at: path), checkName(key, object, at: path, what: "relationship") else { return nil }
        guard case .string(let target) = object["model"] ?? .null else {
            error(path.appending("model"), "expected the related model's name as a string")
            return nil
        }
        return (target, optionalString(object["inverse_of"], at: path.appending("inverse_of")))
    }

    /// Checks relationship targets and pairs each has-many with its belongs-to (reference §21.6).
    private mutating func finish(_ draft: Draft, drafts: [Draft], names: Set<String>) -> Model {
        var belongsTo: [BelongsTo] = []
        for (relationship, path) in draft.belongsTo {
            guard names.contains(relationship.model) else {
                error(path.appending("model"), "model '\(relationship.model)' is not defined")
                continue
            }
            belongsTo.append(relationship)
        }
        var hasMany: [HasMany] = []
        for relationship in draft.hasMany {
            guard let target = drafts.first(where: { $0.model.name == relationship.model }) else {
                error(relationship.path.appending("model"), "model '\(relationship.model)' is not defined")
                continue
            }
            let candidates = target.belongsTo.map(\.0).filter { $0.model == draft.model.name }
            if let inverse = relationship.inverseOf {
                guard candidates.contains(where: { $0.name == inverse }) else {
                    error(relationship.path.appending("inverse_of"), "'\(inverse)' is not a belongs-to of '\(relationship.model)' pointing to '\(draft.model.name)'")
                    continue
                }
                hasMany.append(HasMany(name: relationship.name, model: relationship.model, inverseOf: inverse))
            } else if candidates.count == 1 {
                hasMany.append(HasMany(name: relationship.name, model: relationship.model, inverseOf: candidates[0].name))
            } else {
                let problem = candidates.isEmpty
                    ? "'\(relationship.model)' has no belongs-to pointing to '\(draft.model.name)'"
                    : "ambiguous: set inverse_of to one of \(candidates.map(\.name).joined(separator: ", "))"
                error(relationship.path.appending("inverse_of"), problem)
            }
        }
        let model = draft.model
        return Model(name: model.name, label: model.label, fields: model.fields, belongsTo: belongsTo, hasMany: hasMany, display: model.display)
    }

    // MARK: - Values

    private mutating func object(_ value: JSONValue, at path: JSONPath) -> JSONObject? {
        guard case .object(let object) = value else {
            error(path, "expected an object, got \(value.typeDescription)")
            return nil
        }
        return object
    }

    /// An object that may be missing or `null` (then empty).
    private mutating func optionalObject(_ value: JSONValue?, at path: JSONPath) -> JSONObject {
        guard let value, !value.isNull else { return JSONObject() }
        return object(value, at: path) ?? JSONObject()
    }

    /// A string that may be missing or `null`.
    private mutating func optionalString(_ value: JSONValue?, at path: JSONPath) -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let text) = value else {
            error(path, "expected a string or null, got \(value.typeDescription)")
            return nil
        }
        return text
    }

    /// The key must be a valid name, and a `name` member, when present, must repeat it.
    private mutating func checkName(_ key: String, _ object: JSONObject, at path: JSONPath, what: String) -> Bool {
        guard Identifier.isValid(key) else {
            error(path, "not a valid \(what) name: '\(key)'")
            return false
        }
        if let name = object["name"], name != .string(key) {
            error(path.appending("name"), "\(name.compactText) does not match the key '\(key)'")
            return false
        }
        return true
    }
}
