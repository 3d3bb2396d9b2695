import ConformShape

/// A value a schema accepts, for request bodies and parameters the document gives no example
/// for: the schema's own `example`/`examples`/`default`/`const`/`enum` first, else one built from
/// its type and format (`${uuid()}` for a uuid, `${now()}` for a date-time: fresh on every run).
struct SampleValue {
    let source: OpenAPISource
    static let maximumDepth = 6

    func sample(_ schema: JSONValue?, forRequest: Bool, depth: Int) -> JSONValue {
        guard depth < Self.maximumDepth, let schema = source.dereferenced(schema) else { return "conform-probe" }
        if let example = schema["example"] { return example }
        if let example = schema["examples"]?.arrayValue?.first { return example }
        if let value = schema["default"] { return value }
        if let value = schema["const"] { return value }
        if let value = schema["enum"]?.arrayValue?.first(where: { $0 != .null }) { return value }
        for combinator in ["allOf", "oneOf", "anyOf"] {
            guard let parts = schema[combinator]?.arrayValue, !parts.isEmpty else { continue }
            if combinator != "allOf" { return sample(parts[0], forRequest: forRequest, depth: depth + 1) }
            // allOf: the members of every part together.
            var members: [(String, JSONValue)] = []
            for part in parts {
                if case .object(let object) = sample(part, forRequest: forRequest, depth: depth + 1) { members += object.map { ($0, $1) } }
            }
            return .object(JSONObject(members))
        }
        let type: String? = schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.compactMap(\.stringValue).first { $0 != "null" }
            ?? (schema["properties"] != nil ? "object" : nil)
        switch type {
        case "object":
            guard case .object(let properties)? = schema["properties"] else { return .object(JSONObject()) }
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var members: [(String, JSONValue)] = []
            for (name, property) in properties {
                let resolved = source.dereferenced(property)
                // A request never sends what the server owns (`readOnly`), and fills what it must.
                if forRequest, resolved?["readOnly"] == true { continue }
                guard required.contains(name) || resolved?["example"] != nil || required.isEmpty else { continue }
                members.append((name, sample(property, forRequest: forRequest, depth: depth + 1)))
            }
            return .object(JSONObject(members))
        case "array":
            return .array([sample(schema["items"], forRequest: forRequest, depth: depth + 1)])
        case "integer":
            return .integer(Int64(schema["minimum"]?.numberValue ?? 1))
        case "number":
            return .double(schema["minimum"]?.numberValue ?? 1.5)
        case "boolean":
            return .bool(true)
        case "null":
            return .null
        default:
            switch schema["format"]?.stringValue {
            case "uuid": return "${uuid()}"
            case "date-time": return "${now()}"
            case "date": return "${today()}"
            case "email": return "conform@example.com"
            case "uri", "url": return "https://example.com/conform"
            default:
                let minimum = Int(schema["minLength"]?.numberValue ?? 0)
                let text = "conform-probe"
                return .string(minimum > text.count ? text + String(repeating: "x", count: minimum - text.count) : text)
            }
        }
    }
}
