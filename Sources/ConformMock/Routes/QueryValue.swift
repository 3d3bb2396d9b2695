import ConformDataModel

/// A value as filters and sorts compare it: stored values and URL operands meet here.
enum QueryValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// `YYYY-MM-DD`, which orders as text.
    case date(String)
    case datetime(Int64)
    case key(OptionKey)
    case keys([OptionKey])
    case id(String)
    /// Insertion position, for `sort[$natural]`.
    case position(Int)
    /// A value that is set but not comparable (location, attachment, track).
    case present

    // MARK: - From stored objects

    /// The object's value for `target`; `nil` when it is null.
    static func value(of object: StoredObject, target: ObjectQuery.Target, position: Int) -> QueryValue? {
        switch target {
        case .field(let field):
            guard let stored = object.values[field.name] else { return nil }
            switch stored {
            case .text(let text): return .text(text)
            case .integer(let integer): return .number(Double(integer))
            case .number(let number): return number.numberValue.map(QueryValue.number)
            case .boolean(let flag): return .boolean(flag)
            case .date(let date): return .date(date)
            case .datetime(let seconds): return .datetime(seconds)
            case .choice(let key): return .key(key)
            case .choices(let keys): return .keys(keys)
            case .location, .attachment, .track: return .present
            }
        case .relationship(let relationship): return object.relationships[relationship.name].map(QueryValue.id)
        case .attachmentID(let field):
            guard case .attachment(let id)? = object.values[field.name] else { return nil }
            return .id(id)
        case .updatedAt: return .datetime(object.updatedAt)
        case .id: return .id(object.id)
        case .natural: return .position(position)
        }
    }

    /// Whether a field type can be sorted on.
    static func isOrdered(_ type: FieldType) -> Bool {
        switch type {
        case .location, .photo, .signature, .attachment, .track, .multipleChoice, .multipleChoiceInteger: false
        default: true
        }
    }

    // MARK: - From the URL

    /// A URL operand read as the target's type, like a form value (reference §3.1: "values use
    /// the same format as for creating objects"); `nil` when it does not fit.
    static func operand(_ text: String, for target: ObjectQuery.Target, op: ObjectQuery.Operator) -> QueryValue? {
        switch target {
        case .field(let field):
            if op == .contains {
                switch field.type {
                case .text: return .text(text)
                case .multipleChoice, .multipleChoiceInteger: return key(text, field: field)
                default: return nil
                }
            }
            return fieldOperand(text, field: field)
        case .relationship, .attachmentID, .id:
            return op == .contains ? nil : UUIDText.normalized(text).map(QueryValue.id) ?? .id(text)
        case .updatedAt:
            return op == .contains ? nil : Timestamp.parseDateTime(text).map(QueryValue.datetime)
        case .natural:
            return nil
        }
    }

    private static func fieldOperand(_ text: String, field: Field) -> QueryValue? {
        switch field.type {
        case .text: return .text(text)
        case .integer, .number:
            guard FieldCodec.isDecimalNumber(text), let number = Double(text), number.isFinite else { return nil }
            return .number(number)
        case .boolean:
            switch text {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: return nil
            }
        case .date: return Timestamp.parseDate(text).map(QueryValue.date)
        case .datetime: return Timestamp.parseDateTime(text).map(QueryValue.datetime)
        case .singleChoice, .singleChoiceInteger, .multipleChoice, .multipleChoiceInteger: return key(text, field: field)
        case .location, .photo, .signature, .attachment, .track: return nil
        }
    }

    /// A choice key as written in a URL ("Match a value (as a string) from a single-choice
    /// field", reference §3.2). Keys with no option simply match nothing.
    private static func key(_ text: String, field: Field) -> QueryValue? {
        switch field.type {
        case .singleChoiceInteger, .multipleChoiceInteger:
            guard FieldCodec.isDecimalInteger(text), let integer = Int64(text) else { return nil }
            return .key(.integer(integer))
        default:
            return .key(.string(text))
        }
    }

    // MARK: - Comparing

    /// Equality; a multiple-choice value equals a key it holds.
    func equals(_ other: QueryValue) -> Bool {
        if case .keys(let keys) = self, case .key(let key) = other { return keys.contains(key) }
        return self == other && self != .present
    }

    /// `.contains`: case-sensitive substring for text (reference §3.1), membership for keys.
    func contains(_ other: QueryValue) -> Bool {
        switch (self, other) {
        case (.text(let text), .text(let part)): part.isEmpty || text.contains(part)
        case (.keys(let keys), .key(let key)): keys.contains(key)
        default: false
        }
    }

    /// Order for sorting and `.lt`/`.gt`: `nil` (null) first, then by value within a kind.
    static func precedes(_ a: QueryValue?, _ b: QueryValue?) -> Bool {
        guard let a else { return b != nil }
        guard let b else { return false }
        switch (a, b) {
        case (.text(let x), .text(let y)), (.date(let x), .date(let y)), (.id(let x), .id(let y)): return x < y
        case (.number(let x), .number(let y)): return x < y
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.datetime(let x), .datetime(let y)): return x < y
        case (.position(let x), .position(let y)): return x < y
        case (.key(let x), .key(let y)): return keyPrecedes(x, y)
        default: return false
        }
    }

    private static func keyPrecedes(_ x: OptionKey, _ y: OptionKey) -> Bool {
        switch (x, y) {
        case (.string(let a), .string(let b)): a < b
        case (.integer(let a), .integer(let b)): a < b
        case (.boolean(let a), .boolean(let b)): !a && b
        default: false
        }
    }
}
