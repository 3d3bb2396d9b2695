/// Compiling one schema object: every keyword is read in document order (so errors come out
/// in the order a person reads the file), then the node is assembled with `type` first.
extension SchemaCompiler {
    /// What one schema object says, gathered before the node is built.
    private struct Gathered {
        var type: TypeSet?
        var constant: JSONValue?
        var enumeration: [JSONValue]?
        var bounds: [NumberBound] = []
        var multipleOf: (JSONDecimal, JSONValue)?
        var minLength: Int?, maxLength: Int?
        var pattern: CompiledPattern?
        var format: StringFormat?
        var properties: [(String, NodeID)]?
        var patternProperties: [(pattern: CompiledPattern, schema: NodeID)]?
        var additionalProperties: (id: NodeID, forbidden: Bool)?
        var required: [String]?
        var propertyNames: NodeID?
        var minProperties: Int?, maxProperties: Int?
        var dependentRequired: [(property: String, requires: [String])]?
        var dependentSchemas: [(property: String, schema: NodeID)]?
        var prefixItems: [NodeID]?
        var items: NodeID?
        var contains: NodeID?
        var minContains: Int?, maxContains: Int?
        var minItems: Int?, maxItems: Int?
        var uniqueItems = false
        var allOf: [NodeID]?, anyOf: [NodeID]?, oneOf: [NodeID]?
        var not: NodeID?
        var condition: NodeID?, then: NodeID?, otherwise: NodeID?
        var reference: (NodeID, String)?
    }

    mutating func compileNode(id: NodeID, value: JSONValue, base: URIReference, depth: Int) {
        let key = nodeKeys[id]
        let location = location(unit: key.unit, pointer: key.pointer)
        guard depth <= Self.maximumNesting else {
            report(.tooDeep, at: location, "subschemas nested deeper than \(Self.maximumNesting) levels")
            nodes[id] = SchemaNode(location: location)
            return
        }
        switch value {
        case .bool(let accepts):
            nodes[id] = SchemaNode(location: location, rejectsEverything: !accepts)
        case .object(let object):
            nodes[id] = compileObject(object, unit: key.unit, pointer: key.pointer, location: location, base: base, depth: depth)
        default:
            report(.invalidValue, at: location, "a schema must be an object or `true`/`false`, found \(ValueDescription.typed(value))")
            nodes[id] = SchemaNode(location: location)
        }
    }

    private mutating func compileObject(_ object: JSONObject, unit: Int, pointer: JSONPointer, location: SchemaLocation,
        base parentBase: URIReference, depth: Int) -> SchemaNode
    {
        var base = parentBase
        if case .string(let id)? = object["$id"] {
            let parsed = URIReference(parsing: id)
            if let fragment = parsed.fragment, !fragment.isEmpty {
                report(.invalidValue, at: location.appending("$id"),
                    "`$id` must not have a fragment (`#\(fragment)`); use `$anchor: \(fragment)` for a name")
            }
            base = parentBase.resolving(parsed).withoutFragment
        }
        var gathered = Gathered()

        func subschema(_ tokens: [String], _ value: JSONValue, _ compiler: inout SchemaCompiler) -> NodeID {
            var childPointer = pointer
            for token in tokens { childPointer = childPointer.appending(token) }
            let id = compiler.reserve(unit: unit, pointer: childPointer)
            if compiler.nodes[id] == nil {
                compiler.compileNode(id: id, value: value, base: base, depth: depth + 1)
            }
            return id
        }
        func schemaMap(_ keyword: String, _ value: JSONValue, _ compiler: inout SchemaCompiler) -> [(String, NodeID)]? {
            guard case .object(let members) = value else {
                compiler.invalid(keyword, at: location.appending(keyword), needs: "an object of schemas", found: value)
                return nil
            }
            return members.map { name, schema in (name, subschema([keyword, name], schema, &compiler)) }
        }
        func schemaList(_ keyword: String, _ value: JSONValue, _ compiler: inout SchemaCompiler, hint: String = "") -> [NodeID]? {
            guard case .array(let elements) = value, !elements.isEmpty else {
                compiler.invalid(keyword, at: location.appending(keyword), needs: "a non-empty list of schemas" + hint, found: value)
                return nil
            }
            return elements.enumerated().map { index, schema in subschema([keyword, String(index)], schema, &compiler) }
        }

        for (keyword, value) in object {
            let at = location.appending(keyword)
            switch keyword {
            case "type": gathered.type = typeSet(value, at: at)
            case "const": gathered.constant = value
            case "enum":
                if case .array(let values) = value { gathered.enumeration = values } else {
                    invalid(keyword, at: at, needs: "a list of allowed values", found: value)
                }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                if let limit = number(keyword, value, at: at), let kind = NumberBound.Kind(rawValue: keyword) {
                    gathered.bounds.append(NumberBound(kind: kind, limit: limit))
                }
            case "multipleOf":
                if let divisor = number(keyword, value, at: at) {
                    if let exact = divisor.decimalValue, !exact.isZero, !exact.isNegative {
                        gathered.multipleOf = (exact, divisor)
                    } else {
                        invalid(keyword, at: at, needs: "a number greater than 0", found: value)
                    }
                }
            case "minLength": gathered.minLength = count(keyword, value, at: at)
            case "maxLength": gathered.maxLength = count(keyword, value, at: at)
            case "pattern":
                if let source = string(keyword, value, at: at) { gathered.pattern = pattern(keyword, source, at: at) }
            case "format": gathered.format = format(value, at: at)
            case "properties": gathered.properties = schemaMap(keyword, value, &self)
            case "patternProperties":
                guard let members = value.objectValue else {
                    invalid(keyword, at: at, needs: "an object of schemas keyed by regular expressions", found: value)
                    continue
                }
                var compiled: [(pattern: CompiledPattern, schema: NodeID)] = []
                for (source, schema) in members {
                    let id = subschema([keyword, source], schema, &self)
                    if let regex = pattern(keyword, source, at: at.appending(source)) { compiled.append((regex, id)) }
                }
                gathered.patternProperties = compiled
            case "additionalProperties":
                gathered.additionalProperties = (subschema([keyword], value, &self), value == .bool(false))
            case "required": gathered.required = nameList(keyword, value, at: at)
            case "propertyNames": gathered.propertyNames = subschema([keyword], value, &self)
            case "minProperties": gathered.minProperties = count(keyword, value, at: at)
            case "maxProperties": gathered.maxProperties = count(keyword, value, at: at)
            case "dependentRequired":
                guard let members = value.objectValue else {
                    invalid(keyword, at: at, needs: "an object of property name lists", found: value)
                    continue
                }
                var pairs: [(property: String, requires: [String])] = []
                for (name, list) in members {
                    if let names = nameList(keyword, list, at: at.appending(name)) { pairs.append((name, names)) }
                }
                gathered.dependentRequired = pairs
            case "dependentSchemas":
                gathered.dependentSchemas = schemaMap(keyword, value, &self)?.map { (property: $0.0, schema: $0.1) }
            case "items":
                if case .array = value {
                    invalid(keyword, at: at, needs: "a schema (for tuples, 2020-12 uses `prefixItems`)", found: value)
                } else {
                    gathered.items = subschema([keyword], value, &self)
                }
            case "prefixItems": gathered.prefixItems = schemaList(keyword, value, &self)
            case "contains": gathered.contains = subschema([keyword], value, &self)
            case "minContains": gathered.minContains = count(keyword, value, at: at)
            case "maxContains": gathered.maxContains = count(keyword, value, at: at)
            case "minItems": gathered.minItems = count(keyword, value, at: at)
            case "maxItems": gathered.maxItems = count(keyword, value, at: at)
            case "uniqueItems": gathered.uniqueItems = boolean(keyword, value, at: at) ?? false
            case "allOf": gathered.allOf = schemaList(keyword, value, &self)
            case "anyOf": gathered.anyOf = schemaList(keyword, value, &self)
            case "oneOf": gathered.oneOf = schemaList(keyword, value, &self)
            case "not": gathered.not = subschema([keyword], value, &self)
            case "if": gathered.condition = subschema([keyword], value, &self)
            case "then": gathered.then = subschema([keyword], value, &self)
            case "else": gathered.otherwise = subschema([keyword], value, &self)
            case "$ref":
                if let text = string(keyword, value, at: at), let target = resolve(text, against: base, at: at) {
                    gathered.reference = (target, text)
                }
            case "$defs", "definitions": _ = schemaMap(keyword, value, &self)
            default:
                checkAnnotation(keyword, value, in: object, at: at)
            }
        }
        return SchemaNode(location: location, keywords: assemble(gathered), referenceText: gathered.reference?.1)
    }

    /// Annotations are accepted and ignored, but their values must still make sense; any
    /// other keyword is an error, with the closest supported keyword or a hint.
    private mutating func checkAnnotation(_ keyword: String, _ value: JSONValue, in object: JSONObject, at: SchemaLocation) {
        switch keyword {
        case "$schema":
            if let dialect = string(keyword, value, at: at), !KeywordCatalog.supportedDialects.contains(dialect) {
                report(.unsupportedDialect, at: at,
                    "`$schema` `\(dialect)` is not supported: schemas are checked as JSON Schema 2020-12 "
                        + "(remove `$schema` or write `\(KeywordCatalog.supportedDialects[0])`)")
            }
        case "$comment", "title", "description", "$id":
            _ = string(keyword, value, at: at)
        case "$anchor":
            if let name = string(keyword, value, at: at), !Self.isAnchorName(name) {
                report(.invalidValue, at: at, "`$anchor` `\(name)` must start with a letter or `_` and use only letters, digits, `-`, `_`, `.`")
            }
        case "deprecated", "readOnly", "writeOnly":
            _ = boolean(keyword, value, at: at)
        case "examples":
            if value.arrayValue == nil { invalid(keyword, at: at, needs: "a list of examples", found: value) }
        case "default":
            break
        default:
            reportUnsupported(keyword, in: object, at: at)
        }
    }

    /// "unsupported keyword `requried`; did you mean `required`?", or the advice for a
    /// keyword from another dialect (`nullable`), also when that one is misspelt.
    private mutating func reportUnsupported(_ keyword: String, in object: JSONObject, at: SchemaLocation) {
        if let hint = KeywordCatalog.hint(for: keyword, in: object) {
            report(.unsupportedKeyword, at: at, "unsupported keyword `\(keyword)`: \(hint)", suggestion: hint)
            return
        }
        let candidates = KeywordCatalog.all.sorted() + KeywordCatalog.hinted
        guard let closest = KeywordCatalog.closest(to: keyword, among: candidates) else {
            report(.unsupportedKeyword, at: at, "unsupported keyword `\(keyword)`")
            return
        }
        if let hint = KeywordCatalog.hint(for: closest, in: object) {
            report(.unsupportedKeyword, at: at, "unsupported keyword `\(keyword)` (`\(closest)`?): \(hint)", suggestion: hint)
        } else {
            report(.unsupportedKeyword, at: at, "unsupported keyword `\(keyword)`; did you mean `\(closest)`?", suggestion: closest)
        }
    }

    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    /// The node's keywords in checking order: `type` first (a wrong type makes most other
    /// keywords moot), then values, then structure, then combinators.
    private func assemble(_ g: Gathered) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        if let type = g.type { keywords.append(.type(type)) }
        if let constant = g.constant { keywords.append(.constant(constant)) }
        if let values = g.enumeration { keywords.append(.enumeration(values)) }
        keywords += g.bounds.map(SchemaKeyword.bound)
        if let (exact, written) = g.multipleOf { keywords.append(.multipleOf(exact, written)) }
        if let minimum = g.minLength { keywords.append(.minLength(minimum)) }
        if let maximum = g.maxLength { keywords.append(.maxLength(maximum)) }
        if let pattern = g.pattern { keywords.append(.pattern(pattern)) }
        if let format = g.format { keywords.append(.format(format)) }
        if g.properties != nil || g.patternProperties != nil || g.additionalProperties != nil || g.required != nil {
            keywords.append(.object(ObjectKeywords(
                properties: g.properties ?? [], patternProperties: g.patternProperties ?? [],
                additionalProperties: g.additionalProperties?.id,
                additionalPropertiesForbidden: g.additionalProperties?.forbidden ?? false,
                required: g.required ?? [])))
        }
        if let minimum = g.minProperties { keywords.append(.minProperties(minimum)) }
        if let maximum = g.maxProperties { keywords.append(.maxProperties(maximum)) }
        if let names = g.propertyNames { keywords.append(.propertyNames(names)) }
        if let pairs = g.dependentRequired { keywords.append(.dependentRequired(pairs)) }
        if let pairs = g.dependentSchemas { keywords.append(.dependentSchemas(pairs)) }
        if let minimum = g.minItems { keywords.append(.minItems(minimum)) }
        if let maximum = g.maxItems { keywords.append(.maxItems(maximum)) }
        if g.uniqueItems { keywords.append(.uniqueItems) }
        if g.prefixItems != nil || g.items != nil { keywords.append(.items(prefix: g.prefixItems ?? [], rest: g.items)) }
        // `minContains`/`maxContains` without `contains` do nothing (2020-12, section 10.3.1.3).
        if let contains = g.contains { keywords.append(.contains(contains, minimum: g.minContains ?? 1, maximum: g.maxContains)) }
        if let reference = g.reference { keywords.append(.reference(reference.0)) }
        if let schemas = g.allOf { keywords.append(.allOf(schemas)) }
        if let schemas = g.anyOf { keywords.append(.anyOf(schemas)) }
        if let schemas = g.oneOf { keywords.append(.oneOf(schemas)) }
        if let schema = g.not { keywords.append(.not(schema)) }
        // `then`/`else` without `if` do nothing (2020-12, section 10.2.2); they are still compiled for errors.
        if let condition = g.condition { keywords.append(.conditional(if: condition, then: g.then, else: g.otherwise)) }
        return keywords
    }
}
