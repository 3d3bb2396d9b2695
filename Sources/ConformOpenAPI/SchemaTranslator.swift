import ConformShape

/// An OpenAPI schema (3.1, 3.0, or Swagger 2.0's, already moved to 3.0's layout) as a Conform
/// shape: JSON Schema 2020-12 in the subset Conform checks. What has an equivalent is
/// translated (3.0 `nullable`, `example`, boolean `exclusiveMinimum`, `int32`/`int64` as bounds,
/// `discriminator` as `if`/`then` on the tag); what has none is left out and noted with its
/// JSON Pointer.
struct SchemaTranslator {
    /// The reference to write for `#/components/schemas/NAME` (+ the rest of the pointer).
    let componentReference: (_ name: String, _ rest: String) -> String
    /// Written before every component reference: `../shapes/` in a spec, nothing in a shape file.
    var referencePrefix = ""
    private(set) var notes: [ImportNote] = []

    init(componentReference: @escaping (_ name: String, _ rest: String) -> String) {
        self.componentReference = componentReference
    }

    static let schemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    static let schemaLists: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let schemaValues: Set<String> = ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames"]
    /// Keywords with nothing to check that are simply not carried (documentation).
    static let documentation: Set<String> = ["xml", "externalDocs"]
    static let keptFormats: Set<String> = ["uuid", "date", "date-time"]
    static let passedThrough: Set<String> = [
        "type", "enum", "const", "minimum", "maximum", "multipleOf", "minLength", "maxLength", "pattern",
        "required", "minProperties", "maxProperties", "dependentRequired", "minItems", "maxItems", "uniqueItems",
        "minContains", "maxContains", "$comment", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly",
    ]

    mutating func translate(_ schema: JSONValue, at pointer: String) -> JSONValue {
        switch schema {
        case .bool:
            return schema
        case .object(let object):
            return translateObject(object, at: pointer)
        default:
            notes.append(ImportNote(pointer: pointer, message: "a schema must be an object or a boolean; taken as `{}` (anything)"))
            return .object(JSONObject())
        }
    }

    private mutating func translateObject(_ object: JSONObject, at pointer: String) -> JSONValue {
        var result: [(String, JSONValue)] = []
        var nullable = false
        var exclusiveMinimum = false, exclusiveMaximum = false
        for (key, value) in object {
            let here = pointer + "/" + JSONPointer.escaped(key)
            switch key {
            case "$ref":
                guard case .string(let reference) = value else { continue }
                let prefix = "#/components/schemas/"
                if reference.hasPrefix(prefix) {
                    let path = reference.dropFirst(prefix.count)
                    let name = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
                    let rest = String(path.dropFirst(name.count))
                    result.append((key, .string(referencePrefix + componentReference(Self.unescape(name), rest))))
                } else {
                    notes.append(ImportNote(pointer: here, message: "`$ref: \(reference)` does not name a schema under components/schemas; taken as `{}` (anything)"))
                }
            case "nullable":
                nullable = value == true
            case "x-nullable":
                nullable = value == true
            case "example":
                result.append(("examples", .array([value])))
            case "exclusiveMinimum" where value == true || value == false:
                exclusiveMinimum = value == true
            case "exclusiveMaximum" where value == true || value == false:
                exclusiveMaximum = value == true
            case "exclusiveMinimum", "exclusiveMaximum":
                result.append((key, value))
            case "format":
                guard case .string(let format) = value else { continue }
                if Self.keptFormats.contains(format) {
                    result.append((key, value))
                } else if format == "int32" || format == "int64" {
                    // Bounds the format implies, unless the schema states its own.
                    let bits: Int64 = format == "int32" ? 31 : 63
                    let lowest: Int64 = bits == 63 ? Int64.min : -(Int64(1) << bits)
                    let highest: Int64 = bits == 63 ? Int64.max : (Int64(1) << bits) - 1
                    if object["minimum"] == nil && object["exclusiveMinimum"] == nil { result.append(("minimum", .integer(lowest))) }
                    if object["maximum"] == nil && object["exclusiveMaximum"] == nil { result.append(("maximum", .integer(highest))) }
                } else {
                    notes.append(ImportNote(pointer: here, message: "`format: \(format)` is not checked by Conform (uuid, date, date-time are); left out"))
                }
            case "discriminator":
                if let rules = discriminatorRules(value, alongside: object, at: here) { result.append(("allOf", rules)) }
            case "type" where value == "file":
                notes.append(ImportNote(pointer: here, message: "`type: file` (Swagger 2.0 uploads) has no JSON equivalent; left out"))
            case _ where Self.schemaMaps.contains(key):
                guard case .object(let members) = value else { result.append((key, value)); continue }
                result.append((key, .object(JSONObject(members.map { ($0, translate($1, at: here + "/" + JSONPointer.escaped($0))) }))))
            case _ where Self.schemaLists.contains(key):
                guard case .array(let items) = value else { result.append((key, value)); continue }
                let translated = items.enumerated().map { translate($0.element, at: here + "/\($0.offset)") }
                if key == "allOf", let position = result.firstIndex(where: { $0.0 == "allOf" }), case .array(let earlier) = result[position].1 {
                    result[position].1 = .array(earlier + translated)
                } else {
                    result.append((key, .array(translated)))
                }
            case "items" where value.arrayValue != nil:
                // Swagger-era tuple `items: [...]` is 2020-12's `prefixItems`.
                result.append(("prefixItems", .array((value.arrayValue ?? []).enumerated().map { translate($0.element, at: here + "/\($0.offset)") })))
            case _ where Self.schemaValues.contains(key):
                result.append((key, value == true || value == false ? value : translate(value, at: here)))
            case _ where Self.passedThrough.contains(key):
                result.append((key, value))
            case _ where key.hasPrefix("x-"):
                notes.append(ImportNote(pointer: here, message: "extension `\(key)` is not checked; left out"))
            case _ where Self.documentation.contains(key):
                notes.append(ImportNote(pointer: here, message: "`\(key)` is documentation only; left out"))
            default:
                notes.append(ImportNote(pointer: here, message: "`\(key)` has no equivalent in the JSON Schema subset Conform checks; left out"))
            }
        }
        if exclusiveMinimum, let position = result.firstIndex(where: { $0.0 == "minimum" }) {
            result[position].0 = "exclusiveMinimum"
        }
        if exclusiveMaximum, let position = result.firstIndex(where: { $0.0 == "maximum" }) {
            result[position].0 = "exclusiveMaximum"
        }
        dropWriteOnlyFromRequired(&result, at: pointer)
        if nullable { return Self.allowingNull(result) }
        return .object(JSONObject(result))
    }

    /// Shapes check responses, and a `writeOnly` property (a password) is never in one: it
    /// stays described, but a response is not required to carry it.
    private mutating func dropWriteOnlyFromRequired(_ members: inout [(String, JSONValue)], at pointer: String) {
        guard let requiredAt = members.firstIndex(where: { $0.0 == "required" }), case .array(let names) = members[requiredAt].1,
            case .object(let properties)? = members.first(where: { $0.0 == "properties" })?.1
        else { return }
        let writeOnly = names.filter { name in name.stringValue.flatMap { properties[$0]?["writeOnly"] } == true }
        guard !writeOnly.isEmpty else { return }
        for name in writeOnly {
            notes.append(ImportNote(pointer: pointer + "/required",
                                    message: "`\(name.stringValue ?? "")` is writeOnly: required in requests, not in the responses shapes check"))
        }
        let kept = names.filter { !writeOnly.contains($0) }
        if kept.isEmpty { members.remove(at: requiredAt) } else { members[requiredAt].1 = .array(kept) }
    }

    /// 3.0's `nullable: true`: `null` joins the types (or the enum); a schema without `type`
    /// (a `$ref`, an `allOf`) becomes `anyOf: [it, { type: "null" }]`.
    static func allowingNull(_ members: [(String, JSONValue)]) -> JSONValue {
        var members = members
        if let position = members.firstIndex(where: { $0.0 == "type" }) {
            switch members[position].1 {
            case .string(let type): members[position].1 = .array([.string(type), "null"])
            case .array(let types) where !types.contains("null"): members[position].1 = .array(types + ["null"])
            default: break
            }
            if let enumPosition = members.firstIndex(where: { $0.0 == "enum" }), case .array(let values) = members[enumPosition].1,
                !values.contains(.null)
            {
                members[enumPosition].1 = .array(values + [.null])
            }
            return .object(JSONObject(members))
        }
        return .object(JSONObject([("anyOf", .array([.object(JSONObject(members)), .object(JSONObject([("type", "null")]))]))]))
    }

    /// A `discriminator` as rules: when the tag property holds a mapped value, the object must
    /// match that schema. The mapping is explicit, or each `oneOf`/`anyOf` `$ref`'s component name.
    private mutating func discriminatorRules(_ value: JSONValue, alongside object: JSONObject, at pointer: String) -> JSONValue? {
        guard case .string(let property)? = value["propertyName"] else {
            notes.append(ImportNote(pointer: pointer, message: "`discriminator` without `propertyName`; left out"))
            return nil
        }
        var mapping: [(tag: String, reference: String)] = []
        if case .object(let explicit)? = value["mapping"] {
            for (tag, target) in explicit { if case .string(let reference) = target { mapping.append((tag, reference)) } }
        } else {
            for alternatives in [object["oneOf"], object["anyOf"]].compactMap({ $0?.arrayValue }) {
                for alternative in alternatives {
                    if case .string(let reference)? = alternative["$ref"], let name = reference.split(separator: "/").last {
                        mapping.append((Self.unescape(String(name)), reference))
                    }
                }
            }
        }
        guard !mapping.isEmpty else {
            notes.append(ImportNote(pointer: pointer, message: "`discriminator` on `\(property)` names no schemas (no mapping, no oneOf/anyOf of $refs); left out"))
            return nil
        }
        return .array(mapping.map { tag, reference in
            let target = reference.hasPrefix("#") ? reference : "#/components/schemas/" + reference
            let translated = translate(.object(JSONObject([("$ref", .string(target))])), at: pointer + "/mapping/" + JSONPointer.escaped(tag))
            return .object(JSONObject([
                ("if", .object(JSONObject([("properties", .object(JSONObject([(property, .object(JSONObject([("const", .string(tag))])))]))),
                                           ("required", .array([.string(property)]))]))),
                ("then", translated),
            ]))
        })
    }

    static func unescape(_ token: String) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
