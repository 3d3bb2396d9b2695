/// Short phrases for instance values, as `actual` in a mismatch: `string "5"`, `integer 1`,
/// `object {key, display}`. Long values are cut so one mismatch stays one line.
enum ValueDescription {
    static let maximumTextLength = 60

    /// The value with its type: `string "5"`, `integer 5`, `number 1.0`, `boolean true`,
    /// `null`, `array (3 items)`, `object {id, name}`.
    static func typed(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "boolean \(flag)"
        case .integer, .double, .decimal: return "\(value.typeDescription) \(literal(value))"
        case .string: return "string \(literal(value))"
        case .array(let elements):
            return elements.isEmpty ? "array []" : "array (\(elements.count) item\(elements.count == 1 ? "" : "s"))"
        case .object(let object): return "object " + keyList(object.keys)
        }
    }

    /// The value as compact JSON, shortened with `…` past `maximumTextLength` characters
    /// (without serialising all of a large value).
    static func literal(_ value: JSONValue) -> String {
        value.excerpt(maximumTextLength)
    }

    /// `{id, name, status, …}`: at most five names, in the order given.
    static func keyList(_ keys: [String]) -> String {
        let shown = keys.prefix(5).map { JSONPath.isPlainName($0) ? $0 : JSONValue.string($0).compactText }
        return "{" + shown.joined(separator: ", ") + (keys.count > 5 ? ", …" : "") + "}"
    }

    /// Text cut to `maximumTextLength` characters, `…` at the end when cut.
    static func shorten(_ text: String) -> String { text.shortened(toCharacters: maximumTextLength) }

    /// A list of values as JSON, shortened: `["a","b"]`.
    static func list(_ values: [JSONValue]) -> String {
        literal(.array(values))
    }
}

/// What a compiled schema expects, in a few words: `object {key, display}`, `string or null`,
/// `one of ["a","b"]`. Used for `expected` in mismatches and for summarising alternatives.
struct SchemaSummary {
    let program: SchemaProgram

    func describe(_ id: NodeID) -> String {
        describe(id, depth: 0)
    }

    private func describe(_ id: NodeID, depth: Int) -> String {
        let node = program.nodes[id]
        if node.rejectsEverything { return "nothing (`false` schema)" }
        var base: String?
        var format: StringFormat?
        var alternatives: [NodeID]?
        var referenced: NodeID?
        for keyword in node.keywords {
            switch keyword {
            case .constant(let value): return ValueDescription.literal(value)
            case .enumeration(let values): return "one of " + ValueDescription.list(values)
            case .format(let value): format = value
            case .anyOf(let ids), .oneOf(let ids): alternatives = ids
            case .reference(let target): referenced = target
            case .allOf(let ids): referenced = referenced ?? ids.first
            default: break
            }
        }
        if let types = node.types {
            base = types.names.map { name in
                name == "object" ? objectPhrase(node) : name
            }.joined(separator: " or ")
        } else if node.object?.propertyOrder.isEmpty == false {
            base = objectPhrase(node)
        }
        if let format {
            // `date-time string`; `date-time string or null` for a nullable one.
            guard let base, base != "string" else { return "\(format.rawValue) string" }
            return base.replacingFirst("string", with: "\(format.rawValue) string")
        }
        if let base { return base }
        if depth < 3, let alternatives {
            return alternatives.map { describe($0, depth: depth + 1) }.joined(separator: " | ")
        }
        if depth < 3, let referenced { return describe(referenced, depth: depth + 1) }
        return node.keywords.isEmpty ? "any value" : "a value matching \(node.location.pointer.isRoot ? "the schema" : "`#\(node.location.pointer)`")"
    }

    private func objectPhrase(_ node: SchemaNode) -> String {
        guard let object = node.object, !object.propertyOrder.isEmpty else { return "object" }
        return "object " + ValueDescription.keyList(object.propertyOrder)
    }

    /// The declared type names of a schema, following `$ref`s: used to say
    /// `property "updated_at" (string)` and to spot a renamed field of the same type.
    func declaredTypes(_ id: NodeID) -> TypeSet? {
        var current = id
        for _ in 0..<8 {
            let node = program.nodes[current]
            if let types = node.types { return types }
            guard let next = node.keywords.lazy.compactMap({ keyword -> NodeID? in
                if case .reference(let target) = keyword { target } else { nil }
            }).first else { return nil }
            current = next
        }
        return nil
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced (unchanged if absent).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
