import ConformDataModel

/// URL filters and sorting of a list (reference §3.1, §4): `query[field]=v` (or `q[…]`) with
/// the operators `.ne .lt .lte .gt .gte .contains .null`, ANDed; `sort[field]=1|-1|asc|desc`
/// in the order given. Values are read like form values of the field's type.
struct ObjectQuery: Sendable {
    /// What a condition or sort key looks at.
    enum Target: Sendable {
        case field(Field)
        case relationship(BelongsTo)
        case attachmentID(Field)
        /// `_updated_at` (the docs' spelling for the hidden metadata) or `updated_at`.
        case updatedAt
        case id
        /// `$natural`: insertion order.
        case natural
    }

    enum Operator: String, Sendable, CaseIterable {
        case eq, ne, lt, lte, gt, gte, contains, null
    }

    struct Condition: Sendable {
        let target: Target
        let op: Operator
        /// The operand; `nil` for `.null` (whose flag is in `isNull`).
        let operand: QueryValue?
        let isNull: Bool
    }

    var conditions: [Condition] = []
    var sort: [(target: Target, descending: Bool)] = []

    init(pairs: [(key: String, value: String)], model: Model) throws(APIError) {
        for (key, value) in pairs {
            if let inner = Self.bracketed(key, prefixes: ["query", "q"]) {
                conditions.append(try Self.condition(inner, value: value, model: model))
            } else if let inner = Self.bracketed(key, prefixes: ["sort"]) {
                sort.append(try Self.sortKey(inner, direction: value, model: model))
            }
        }
    }

    /// `query[status.ne]` → `status.ne`; `nil` for other keys. Nested brackets are not part
    /// of the syntax and give `nil` too, so they fall through as unknown parameters.
    private static func bracketed(_ key: String, prefixes: [String]) -> String? {
        for prefix in prefixes where key.hasPrefix(prefix + "[") && key.hasSuffix("]") {
            let inner = key.dropFirst(prefix.count + 1).dropLast()
            if !inner.contains("[") && !inner.contains("]") { return String(inner) }
        }
        return nil
    }

    private static func condition(_ inner: String, value: String, model: Model) throws(APIError) -> Condition {
        var name = inner
        var op = Operator.eq
        if let dot = inner.lastIndex(of: ".") {
            let suffix = String(inner[inner.index(after: dot)...])
            if let parsed = Operator(rawValue: suffix), parsed != .eq {
                name = String(inner[..<dot])
                op = parsed
            } else if (try? Self.target(String(inner[..<dot]), model: model, allowNatural: false)) != nil {
                // `status.foo`: a known field with an operator that is not one.
                throw .invalidRequest(
                    "Unknown operator '\(suffix)' in query[\(inner)]: use ne, lt, lte, gt, gte, contains or null.")
            }
        }
        let target = try Self.target(name, model: model, allowNatural: false)
        if op == .null {
            guard value == "true" || value == "false" else {
                throw .invalidRequest("Invalid value '\(value)' for query[\(inner)]: expected true or false.")
            }
            return Condition(target: target, op: op, operand: nil, isNull: value == "true")
        }
        guard let operand = QueryValue.operand(value, for: target, op: op) else {
            throw .invalidRequest("Invalid value '\(value)' for query[\(inner)].")
        }
        return Condition(target: target, op: op, operand: operand, isNull: false)
    }

    private static func sortKey(_ name: String, direction: String, model: Model) throws(APIError) -> (Target, Bool) {
        let descending: Bool
        switch direction.lowercased() {
        case "1", "asc": descending = false
        case "-1", "desc": descending = true
        default: throw .invalidRequest("Invalid sort direction '\(direction)' for sort[\(name)]: use 1, -1, asc or desc.")
        }
        return (try sortTarget(name, model: model), descending)
    }

    /// A sort key's target: any filter target or `$natural`, but not an unordered field type.
    static func sortTarget(_ name: String, model: Model) throws(APIError) -> Target {
        let target = try Self.target(name, model: model, allowNatural: true)
        if case .field(let field) = target, !QueryValue.isOrdered(field.type) {
            throw .invalidRequest("Cannot sort on field '\(name)' of type \(field.type.name).")
        }
        return target
    }

    /// What a filter or sort names: a field, `<rel>_id`, `<f>_id`, `_updated_at`/`updated_at`,
    /// `id`/`_id` (and `$natural` for sorts); anything else is `INVALID_API_REQUEST`.
    static func target(_ name: String, model: Model, allowNatural: Bool) throws(APIError) -> Target {
        switch name {
        case "_updated_at", "updated_at": return .updatedAt
        case "id", "_id": return .id
        case "$natural" where allowNatural: return .natural
        default: break
        }
        if let field = model.field(named: name) { return .field(field) }
        if name.hasSuffix("_id") {
            let base = String(name.dropLast(3))
            if let relationship = model.belongsTo(named: base) { return .relationship(relationship) }
            if let field = model.field(named: base), field.type.isAttachment { return .attachmentID(field) }
        }
        throw .invalidRequest("Unknown field '\(name)' for model '\(model.name)' in the query.")
    }

    // MARK: - Applying

    /// No condition and no sort key: every object matches, in insertion order.
    var isEmpty: Bool { conditions.isEmpty && sort.isEmpty }

    /// The matching objects, sorted (stable, so insertion order breaks ties).
    func apply(to store: ObjectStore, model: Model) -> [StoredObject] {
        let matching = store.all(model: model.name).filter { object in conditions.allSatisfy { matches($0, object) } }
        return Self.sorted(matching, by: sort)
    }

    /// `objects` (in insertion order) sorted by the keys in turn; ties keep insertion order.
    static func sorted(_ objects: [StoredObject], by sort: [(target: Target, descending: Bool)]) -> [StoredObject] {
        guard !sort.isEmpty else { return objects }
        return objects.enumerated().sorted { left, right in
            for (target, descending) in sort {
                let a = QueryValue.value(of: left.element, target: target, position: left.offset)
                let b = QueryValue.value(of: right.element, target: target, position: right.offset)
                if a == b { continue }
                return descending ? QueryValue.precedes(b, a) : QueryValue.precedes(a, b)
            }
            return left.offset < right.offset
        }.map(\.element)
    }

    private func matches(_ condition: Condition, _ object: StoredObject) -> Bool {
        let value = QueryValue.value(of: object, target: condition.target, position: 0)
        if condition.op == .null { return (value == nil) == condition.isNull }
        guard let operand = condition.operand else { return false }
        switch condition.op {
        case .eq: return value.map { $0.equals(operand) } ?? false
        case .ne: return !(value.map { $0.equals(operand) } ?? false)
        case .lt: return value.map { QueryValue.precedes($0, operand) } ?? false
        case .lte: return value.map { QueryValue.precedes($0, operand) || $0.equals(operand) } ?? false
        case .gt: return value.map { QueryValue.precedes(operand, $0) } ?? false
        case .gte: return value.map { QueryValue.precedes(operand, $0) || $0.equals(operand) } ?? false
        case .contains: return value.map { $0.contains(operand) } ?? false
        case .null: return false
        }
    }
}
