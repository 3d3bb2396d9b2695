import ConformShape
import ConformDataModel

/// Checks one written value against its field type and turns it into a ``StoredValue``
/// (reference §16.2). JSON values must have the documented JSON type; form values are strings
/// and are converted, an empty string meaning `null` for every type but text.
struct FieldCodec {
    let model: Model
    let encoding: BodyEncoding

    /// The range the docs give for `integer` (reference §21.3).
    static let integerRange: ClosedRange<Int64> = -2_147_483_648...2_147_483_647

    /// `nil` when the value clears the field.
    func decode(_ value: JSONValue, field: Field) throws(APIError) -> StoredValue? {
        if value.isNull { return nil }
        if encoding == .form, value == .string(""), !Self.keepsEmptyString(field.type) { return nil }
        switch field.type {
        case .text:
            guard case .string(let text) = value else { throw invalid(value, field, "expected a string") }
            return .text(text)
        case .integer:
            guard let integer = integer(value), Self.integerRange.contains(integer) else {
                throw invalid(value, field, "expected an integer from -2147483648 to 2147483647")
            }
            return .integer(integer)
        case .number:
            guard let number = number(value) else {
                throw invalid(value, field, value.isNumber ? "expected a number within the range of a double" : "expected a number")
            }
            return .number(number)
        case .boolean:
            guard let flag = boolean(value) else { throw invalid(value, field, "expected true or false") }
            return .boolean(flag)
        case .date:
            guard case .string(let text) = value, let date = Timestamp.parseDate(text) else {
                throw invalid(value, field, "expected an ISO 8601 date such as 2016-02-27")
            }
            return .date(date)
        case .datetime:
            guard case .string(let text) = value, let seconds = Timestamp.parseDateTime(text) else {
                throw invalid(value, field, "expected an ISO 8601 datetime such as 2016-02-22T14:00:53Z")
            }
            return .datetime(seconds)
        case .singleChoice, .singleChoiceInteger:
            return .choice(try choiceKey(value, field: field))
        case .multipleChoice, .multipleChoiceInteger:
            return .choices(try choiceKeys(value, field: field))
        case .location:
            return .location(try location(value, field: field))
        case .track:
            guard case .array = value else { throw invalid(value, field, "expected an array of track points") }
            return .track(value)
        case .photo, .signature, .attachment:
            // Attachments go through `upload(_:field:)`; reaching here is a caller mistake,
            // answered as a bad value rather than a crash.
            throw invalid(value, field, "expected {\"base64\": …, \"filename\": …}")
        }
    }

    /// Text keeps `""`; for every other type an empty form value can only mean "no value".
    private static func keepsEmptyString(_ type: FieldType) -> Bool {
        if case .text = type { true } else { false }
    }

    /// `INVALID_VALUE` naming the field, e.g. `Invalid value 1.5 for field 'count': expected an integer.`
    func invalid(_ value: JSONValue, _ field: Field, _ expectation: String) -> APIError {
        .invalidValue("Invalid value \(value.excerpt(200)) for field '\(field.name)': \(expectation).")
    }

    // MARK: - Scalars

    /// JSON: an integer literal only (`1.0`, `"1"` and `true` are refused). Form: base-10 digits.
    func integer(_ value: JSONValue) -> Int64? {
        switch (encoding, value) {
        case (_, .integer(let integer)): integer
        case (.form, .string(let text)): Self.isDecimalInteger(text) ? Int64(text) : nil
        default: nil
        }
    }

    /// JSON: any number a double holds (more digits are rounded, as the service's own JSON
    /// reader would; `1e400` is refused). Form: a decimal number (no `inf`, `nan` or hex,
    /// which Swift's `Double(_:)` would take).
    func number(_ value: JSONValue) -> JSONValue? {
        switch (encoding, value) {
        case (_, .integer), (_, .double): return value
        case (_, .decimal(let decimal)):
            let double = decimal.doubleValue
            return double.isFinite ? .double(double) : nil
        case (.form, .string(let text)):
            if Self.isDecimalInteger(text), let integer = Int64(text) { return .integer(integer) }
            guard Self.isDecimalNumber(text), let double = Double(text), double.isFinite else { return nil }
            return .double(double)
        default: return nil
        }
    }

    /// JSON: `true`/`false`. Form: `true`, `false`, `1`, `0` (what Rails forms send).
    func boolean(_ value: JSONValue) -> Bool? {
        switch (encoding, value) {
        case (_, .bool(let flag)): flag
        case (.form, .string("true")), (.form, .string("1")): true
        case (.form, .string("false")), (.form, .string("0")): false
        default: nil
        }
    }

    static func isDecimalInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.unicodeScalars.allSatisfy(\.isASCIIDigit)
    }

    /// `-12.5`, `3e8`, `.5`: sign, digits, optional fraction, optional exponent.
    static func isDecimalNumber(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCIIDigit || "+-.eE".unicodeScalars.contains($0) }
            && text.unicodeScalars.contains(where: \.isASCIIDigit)
    }

    // MARK: - References

    /// A belongs-to or attachment ID: a UUID (either case, stored lowercase) or `null`.
    /// The related object need not exist: relationships are not checked for integrity.
    func reference(_ value: JSONValue, key: String) throws(APIError) -> String? {
        if value.isNull || (encoding == .form && value == .string("")) { return nil }
        guard case .string(let text) = value, let id = UUIDText.normalized(text) else {
            throw .invalidValue("Invalid value \(value.excerpt(200)) for field '\(key)': expected a UUID.")
        }
        return id
    }
}
