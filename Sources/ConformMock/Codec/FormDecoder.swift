import ConformShape

/// Rails-style bracket parameters (reference §1.3): `task[name]=x&task[tags][]=a` becomes
/// `{"task": {"name": "x", "tags": ["a"]}}`. Every leaf is a string; the field codec converts
/// strings by field type.
enum FormDecoder {
    /// Builds the nested value from decoded pairs. A key used both as a value and as a hash
    /// (`a=1&a[b]=2`) is an error, as in Rails; a repeated plain key keeps its last value.
    static func decode(_ pairs: [(key: String, value: String)]) throws(QueryString.DecodingError) -> JSONObject {
        var root = Node.object([])
        for (key, value) in pairs {
            let path = path(of: key)
            // Nesting is recursive; a hostile key must not be able to exhaust the stack.
            guard path.count <= maximumDepth else {
                throw QueryString.DecodingError(detail: "form parameter nested deeper than \(maximumDepth) levels")
            }
            try insert(value, at: path, into: &root, key: key)
        }
        guard case .object(let members) = root else { return JSONObject() }
        return JSONObject(members.map { ($0.0, $0.1.json) })
    }

    /// Deeper than any data model needs (model, field, location key, array).
    static let maximumDepth = 16

    /// A tree that keeps insertion order and can grow in place.
    private indirect enum Node {
        case string(String)
        case array([Node])
        case object([(String, Node)])

        var json: JSONValue {
            switch self {
            case .string(let text): .string(text)
            case .array(let elements): .array(elements.map(\.json))
            case .object(let members): .object(JSONObject(members.map { ($0.0, $0.1.json) }))
            }
        }

        func contains(_ key: String) -> Bool {
            if case .object(let members) = self { members.contains { $0.0.hasSameCodePoints(as: key) } } else { false }
        }
    }

    /// `a[b][]` → `["a", "b", ""]`; `""` stands for "append to an array". A key that does not
    /// have the bracket form is one plain name.
    static func path(of key: String) -> [String] {
        guard let open = key.firstIndex(of: "["), open != key.startIndex else { return [key] }
        var path = [String(key[..<open])]
        var rest = key[open...]
        while let first = rest.first, first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return [key] }
            path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return rest.isEmpty ? path : [key]
    }

    private static func insert(_ value: String, at path: [String], into node: inout Node, key: String) throws(QueryString.DecodingError) {
        let conflict = QueryString.DecodingError(detail: "conflicting form parameter '\(key)'")
        guard let head = path.first else { return }
        let rest = Array(path.dropFirst())
        guard case .object(var members) = node else { throw conflict }
        let position = members.firstIndex { $0.0 == head }
        if rest.isEmpty {
            if let position {
                guard case .string = members[position].1 else { throw conflict }
                members[position].1 = .string(value)
            } else {
                members.append((head, .string(value)))
            }
            node = .object(members)
            return
        }
        var child: Node = position.map { members[$0].1 } ?? (rest[0].isEmpty ? .array([]) : .object([]))
        if rest[0].isEmpty {
            guard case .array(var elements) = child else { throw conflict }
            let tail = Array(rest.dropFirst())
            if tail.isEmpty {
                elements.append(.string(value))
            } else if let lastElement = elements.last, case .object = lastElement, !lastElement.contains(tail[0]) {
                // Rails' arrays of hashes: keep filling the last hash until a key repeats.
                var last = lastElement
                try insert(value, at: tail, into: &last, key: key)
                elements[elements.count - 1] = last
            } else {
                var fresh = Node.object([])
                try insert(value, at: tail, into: &fresh, key: key)
                elements.append(fresh)
            }
            child = .array(elements)
        } else {
            try insert(value, at: rest, into: &child, key: key)
        }
        if let position { members[position].1 = child } else { members.append((head, child)) }
        node = .object(members)
    }
}
