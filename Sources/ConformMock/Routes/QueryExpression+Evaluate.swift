extension QueryExpression {
    /// Whether `object` satisfies the expression.
    ///
    /// Null values: `= null` and `!= null` test for them; `!=` with a value matches null
    /// (as the URL's `.ne` does); every other comparison fails on null. `contains` and
    /// `starts with` compare text without regard to case; `contains` on a multiple-choice
    /// field means "has this key", as does `=`.
    func matches(_ object: StoredObject) -> Bool {
        switch self {
        case .all: return true
        case .and(let terms): return terms.allSatisfy { $0.matches(object) }
        case .or(let terms): return terms.contains { $0.matches(object) }
        case .comparison(let comparison): return comparison.matches(object)
        }
    }
}

extension QueryExpression.Comparison {
    func matches(_ object: StoredObject) -> Bool {
        let value = QueryValue.value(of: object, target: target, position: 0)
        switch argument {
        case .null:
            return op == .equal ? value == nil : value != nil
        case .list(let list):
            let found = list.contains { element in
                guard let element else { return value == nil }
                return value?.equals(element) ?? false
            }
            return op == .in ? found : !found
        case .value(let operand):
            guard let value else { return op == .notEqual }
            switch op {
            case .equal: return value.equals(operand)
            case .notEqual: return !value.equals(operand)
            case .less: return QueryValue.precedes(value, operand)
            case .lessOrEqual: return QueryValue.precedes(value, operand) || value.equals(operand)
            case .greater: return QueryValue.precedes(operand, value)
            case .greaterOrEqual: return QueryValue.precedes(operand, value) || value.equals(operand)
            case .contains:
                if case .text(let text) = value, case .text(let part) = operand {
                    return part.isEmpty || text.lowercased().contains(part.lowercased())
                }
                return value.contains(operand)
            case .startsWith:
                guard case .text(let text) = value, case .text(let prefix) = operand else { return false }
                return text.lowercased().hasPrefix(prefix.lowercased())
            case .in, .notIn: return false
            }
        }
    }
}
