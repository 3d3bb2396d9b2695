import ConformShape

/// What a field change does to one member of one record.
enum FieldMutation: Sendable, Hashable {
    case drop
    case rename(to: String)
    case retype(to: JSONType?)
    case null
    /// Choice values `{key, display}` (and lists of them) become their bare keys.
    case flattenChoice

    /// Applies the mutation to `record[field]`; a record without the field is left as it is,
    /// so no change ever invents a field.
    func apply(to record: inout JSONObject, field: String) {
        guard let value = record[field] else { return }
        switch self {
        case .drop: record[field] = nil
        case .rename(let name): record = record.renaming(field, to: name)
        case .retype(let type): record[field] = Self.retyped(value, to: type)
        case .null: record[field] = .null
        case .flattenChoice: record[field] = Self.flattened(value)
        }
    }

    /// Flattens every choice value of the record (the default target of the choice change).
    static func flattenEveryChoice(in record: inout JSONObject) {
        for key in record.keys {
            if let value = record[key], let flat = flattenedIfChoice(value) { record[key] = flat }
        }
    }

    // MARK: - Choices

    /// `{key, display}` → the key; a list of those → the list of keys; anything else unchanged.
    static func flattened(_ value: JSONValue) -> JSONValue { flattenedIfChoice(value) ?? value }

    private static func flattenedIfChoice(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let object) where isChoice(object): return object["key"]
        case .array(let elements) where !elements.isEmpty && elements.allSatisfy({ $0.objectValue.map(isChoice) ?? false }):
            return .array(elements.map { $0["key"] ?? .null })
        default: return nil
        }
    }

    /// A choice or boolean value as objects carry it: it has `key` and a text `display`.
    /// (Other members may sit next to them, e.g. additive drift.)
    static func isChoice(_ object: JSONObject) -> Bool {
        object["key"] != nil && object["display"]?.stringValue != nil
    }

    // MARK: - Types

    /// `value` as another JSON type. Without a type: a string becomes an integer (an ISO
    /// time its Unix seconds, a numeric text its number, any other text its length), an
    /// object becomes the array of its values, anything else its JSON text. With a type, the
    /// value is converted to it; a value already of that type, and `null`, are left alone.
    static func retyped(_ value: JSONValue, to type: JSONType?) -> JSONValue {
        if value.isNull { return value }
        guard let type else {
            switch value {
            case .string(let text): return .integer(integer(fromText: text))
            case .object(let object): return .array(object.map(\.value))
            default: return .string(value.compactText)
            }
        }
        guard value.jsonType != type || (type == .number && value.typeDescription == "integer") else { return value }
        switch type {
        case .string: return .string(value.stringValue ?? value.compactText)
        case .integer: return .integer(integer(from: value))
        case .number: return .double(Double(integer(from: value)) + 0.5)
        case .boolean: return .bool(truthy(value))
        case .array: return value.objectValue.map { .array($0.map(\.value)) } ?? .array([value])
        case .object:
            if case .array(let elements) = value {
                return .object(JSONObject(elements.enumerated().map { (String($0.offset), $0.element) }))
            }
            return ["value": value]
        case .null: return .null
        }
    }

    private static func integer(from value: JSONValue) -> Int64 {
        switch value {
        case .string(let text): integer(fromText: text)
        case .bool(let flag): flag ? 1 : 0
        case .integer(let number): number
        case .double(let number): number.isFinite ? Int64(number.rounded(.towardZero).clamped) : 0
        case .decimal(let number): number.int64Value ?? (number.isNegative ? Int64.min : Int64.max)
        case .array(let elements): Int64(elements.count)
        case .object(let object): Int64(object.count)
        case .null: 0
        }
    }

    private static func integer(fromText text: String) -> Int64 {
        if let seconds = Timestamp.parseDateTime(text) { return seconds }
        if let number = Int64(text) { return number }
        return Int64(text.count)
    }

    private static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .integer(let number): number != 0
        case .double(let number): number != 0
        case .decimal(let number): !number.isZero
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let object): !object.isEmpty
        }
    }
}

extension Double {
    /// Inside `Int`'s range, for a conversion that cannot trap.
    fileprivate var clamped: Double { Swift.min(Swift.max(self, -9.2e18), 9.2e18) }
}
