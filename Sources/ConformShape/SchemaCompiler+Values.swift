/// Reading keyword values: each helper returns the value in the form the checker wants, or
/// reports an `invalidValue` error naming the keyword and what it needs and returns `nil`.
extension SchemaCompiler {
    /// Words people write for JSON Schema types in other languages.
    static let typeAliases: [String: String] = [
        "int": "integer", "long": "integer", "float": "number", "double": "number", "decimal": "number",
        "bool": "boolean", "str": "string", "text": "string", "dict": "object", "map": "object",
        "list": "array", "nil": "null", "none": "null",
    ]

    mutating func typeSet(_ value: JSONValue, at location: SchemaLocation) -> TypeSet? {
        let names: [(String, SchemaLocation)]
        switch value {
        case .string(let name):
            names = [(name, location)]
        case .array(let elements) where !elements.isEmpty:
            var collected: [(String, SchemaLocation)] = []
            for (index, element) in elements.enumerated() {
                guard case .string(let name) = element else {
                    invalid("type", at: location.appending(index), needs: "a type name", found: element)
                    return nil
                }
                collected.append((name, location.appending(index)))
            }
            names = collected
        default:
            invalid("type", at: location, needs: "a type name or a non-empty list of them", found: value)
            return nil
        }
        var set: TypeSet = []
        var valid = true
        for (name, at) in names {
            if let type = JSONType(rawValue: name) {
                if set.contains(TypeSet(type)) {
                    report(.invalidValue, at: at, "`type` lists `\(name)` twice")
                    valid = false
                }
                set.insert(TypeSet(type))
                continue
            }
            valid = false
            let suggestion = Self.typeAliases[name.lowercased()]
                ?? KeywordCatalog.closest(to: name, among: JSONType.allCases.map(\.rawValue))
            let allowed = JSONType.allCases.map(\.rawValue).joined(separator: ", ")
            report(.invalidValue, at: at,
                "unknown type `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; use one of \(allowed)"),
                suggestion: suggestion)
        }
        return valid ? set : nil
    }

    /// A count such as `minLength`: a non-negative integer (`2.0` is accepted, as the suite
    /// requires). Counts beyond `Int.max` are clamped; no instance is that large.
    mutating func count(_ keyword: String, _ value: JSONValue, at location: SchemaLocation) -> Int? {
        switch value {
        case .integer(let integer) where integer >= 0:
            return Int(clamping: integer)
        case .double(let double) where double >= 0 && double.rounded() == double:
            return double >= 9.2e18 ? Int.max : Int(double)
        case .decimal(let decimal) where !decimal.isNegative && decimal.isIntegral:
            return decimal.int64Value.map { Int(clamping: $0) } ?? Int.max
        default:
            invalid(keyword, at: location, needs: "a non-negative integer", found: value)
            return nil
        }
    }

    mutating func number(_ keyword: String, _ value: JSONValue, at location: SchemaLocation) -> JSONValue? {
        guard value.isNumber else {
            let extra = value.boolValue != nil && keyword.hasPrefix("exclusive")
                ? " (the boolean form is from draft 4; 2020-12 writes the limit itself)" : ""
            invalid(keyword, at: location, needs: "a number" + extra, found: value)
            return nil
        }
        return value
    }

    mutating func boolean(_ keyword: String, _ value: JSONValue, at location: SchemaLocation) -> Bool? {
        guard case .bool(let flag) = value else {
            invalid(keyword, at: location, needs: "`true` or `false`", found: value)
            return nil
        }
        return flag
    }

    mutating func string(_ keyword: String, _ value: JSONValue, at location: SchemaLocation) -> String? {
        guard case .string(let text) = value else {
            invalid(keyword, at: location, needs: "a string", found: value)
            return nil
        }
        return text
    }

    /// A list of property names (`required`, the lists in `dependentRequired`).
    mutating func nameList(_ keyword: String, _ value: JSONValue, at location: SchemaLocation) -> [String]? {
        guard case .array(let elements) = value else {
            var suggestion: String?
            if case .string(let single) = value { suggestion = "`\(keyword): [\(JSONValue.string(single).compactText)]`" }
            report(.invalidValue, at: location,
                "`\(keyword)` must be a list of property names, found \(ValueDescription.typed(value))"
                    + (suggestion.map { "; write \($0)" } ?? ""),
                suggestion: suggestion)
            return nil
        }
        var names: [String] = []
        var valid = true
        for (index, element) in elements.enumerated() {
            if case .string(let name) = element {
                names.append(name)
            } else {
                invalid(keyword, at: location.appending(index), needs: "property names (strings)", found: element)
                valid = false
            }
        }
        return valid ? names : nil
    }

    mutating func pattern(_ keyword: String, _ source: String, at location: SchemaLocation) -> CompiledPattern? {
        do {
            return try CompiledPattern.shared(source)
        } catch {
            report(.invalidPattern, at: location, "`\(keyword)` `\(source)` is not a valid regular expression: \(error.message)")
            return nil
        }
    }

    mutating func format(_ value: JSONValue, at location: SchemaLocation) -> StringFormat? {
        guard let name = string("format", value, at: location) else { return nil }
        if let format = StringFormat(rawValue: name) { return format }
        let supported = StringFormat.allCases.map(\.rawValue)
        let suggestion = KeywordCatalog.closest(to: name, among: supported)
        report(.unknownFormat, at: location,
            "unknown format `\(name)`"
                + (suggestion.map { "; did you mean `\($0)`?" }
                    ?? "; supported formats are \(supported.map { "`\($0)`" }.joined(separator: ", ")) (use `pattern` for others)"),
            suggestion: suggestion)
        return nil
    }

    mutating func invalid(_ keyword: String, at location: SchemaLocation, needs expectation: String, found value: JSONValue) {
        report(.invalidValue, at: location, "`\(keyword)` must be \(expectation), found \(ValueDescription.typed(value))")
    }
}
