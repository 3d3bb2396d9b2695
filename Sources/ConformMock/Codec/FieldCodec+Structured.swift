import ConformShape
import ConformDataModel

extension FieldCodec {
    // MARK: - Choices

    /// The written key of a single-choice field: a string for `single-choice`, an integer for
    /// `single-choice-integer`. Anything else, or a key with no option, is the docs' error:
    /// `Invalid option "test" for field 'status'.` (reference §14).
    func choiceKey(_ value: JSONValue, field: Field) throws(APIError) -> OptionKey {
        let key: OptionKey?
        switch (field.type, value) {
        case (.singleChoice, .string(let text)), (.multipleChoice, .string(let text)):
            key = .string(text)
        case (.singleChoiceInteger, _), (.multipleChoiceInteger, _):
            key = integer(value).map(OptionKey.integer)
        default:
            key = nil
        }
        guard let key, field.option(forKey: key) != nil else {
            throw .invalidValue("Invalid option \(value.excerpt(200)) for field '\(field.name)'.")
        }
        return key
    }

    /// The keys of a multiple-choice field: an array of keys; repeats collapse, and the keys
    /// are kept in the model's option order. A form may send one key as a plain value;
    /// empty form entries (`task[tags][]=`) are dropped, so an empty list can be sent.
    func choiceKeys(_ value: JSONValue, field: Field) throws(APIError) -> [OptionKey] {
        var elements: [JSONValue]
        switch (encoding, value) {
        case (_, .array(let array)): elements = array
        case (.form, .string): elements = [value]
        default: throw invalid(value, field, "expected an array of option keys")
        }
        if encoding == .form { elements.removeAll { $0 == .string("") } }
        var chosen: Set<OptionKey> = []
        for element in elements { chosen.insert(try choiceKey(element, field: field)) }
        return field.options.map(\.key).filter(chosen.contains)
    }

    // MARK: - Location

    /// An object with the six location keys, or an array of them in order (as the official
    /// client sends it, reference §16.2). Latitude and longitude are required numbers in range;
    /// the rest may be `null`; `timestamp` is an ISO 8601 datetime.
    func location(_ value: JSONValue, field: Field) throws(APIError) -> Location {
        var parts: [String: JSONValue] = [:]
        switch value {
        case .object(let object):
            for (key, member) in object {
                guard Location.keys.contains(key) else {
                    throw invalid(value, field, "unknown location key '\(key)'")
                }
                parts[key] = member
            }
        case .array(let array):
            guard (2...6).contains(array.count) else {
                throw invalid(value, field, "expected [latitude, longitude, altitude, horizontal_accuracy, vertical_accuracy, timestamp]")
            }
            for (key, member) in zip(Location.keys, array) { parts[key] = member }
        default:
            throw invalid(value, field, "expected a location object or array")
        }
        func coordinate(_ key: String, limit: Double) throws(APIError) -> JSONValue {
            guard let number = parts[key].flatMap(number), let degrees = number.numberValue, abs(degrees) <= limit else {
                throw invalid(value, field, "\(key) must be a number from -\(Int(limit)) to \(Int(limit))")
            }
            return number
        }
        func optionalNumber(_ key: String) throws(APIError) -> JSONValue {
            guard let member = parts[key], !member.isNull, member != .string("") || encoding == .json else { return .null }
            guard let number = number(member) else { throw invalid(value, field, "\(key) must be a number or null") }
            return number
        }
        var location = Location(latitude: try coordinate("latitude", limit: 90), longitude: try coordinate("longitude", limit: 180))
        location.altitude = try optionalNumber("altitude")
        location.horizontalAccuracy = try optionalNumber("horizontal_accuracy")
        location.verticalAccuracy = try optionalNumber("vertical_accuracy")
        if let stamp = parts["timestamp"], !stamp.isNull, stamp != .string("") || encoding == .json {
            guard case .string(let text) = stamp, let seconds = Timestamp.parseDateTime(text) else {
                throw invalid(value, field, "timestamp must be an ISO 8601 datetime or null")
            }
            location.timestamp = seconds
        }
        return location
    }

    // MARK: - Attachments

    /// `{"base64": "...", "filename": "..."}` (reference §16.2), or `null` to clear. The base64
    /// text must have no newlines; the file name only lowercase letters, digits, `_`, `-`, `.`
    /// and spaces; a bad name is `INVALID_VALUE` (reference §14).
    func upload(_ value: JSONValue, field: Field) throws(APIError) -> FieldChanges.Upload? {
        if value.isNull || (encoding == .form && value == .string("")) { return nil }
        guard case .object(let object) = value else {
            throw invalid(value, field, "expected {\"base64\": …, \"filename\": …} or null")
        }
        for key in object.keys where key != "base64" && key != "filename" {
            throw invalid(value, field, "unexpected key '\(key)' in an upload; give only base64 and filename")
        }
        guard case .string(let filename) = object["filename"] ?? .null else {
            throw .invalidValue("Missing filename for field '\(field.name)'.")
        }
        guard Self.isValidFilename(filename) else {
            throw .invalidValue(
                "Invalid filename \"\(filename)\" for field '\(field.name)': use only lowercase letters, digits, '_', '-', '.' and spaces.")
        }
        guard case .string(let text) = object["base64"] ?? .null else {
            throw .invalidValue("Missing base64 data for field '\(field.name)'.")
        }
        guard let bytes = Base64.decode(text) else {
            throw .invalidValue("Invalid base64 data for field '\(field.name)' (it must be standard base64 without newlines).")
        }
        return FieldChanges.Upload(filename: filename, bytes: bytes)
    }

    static func isValidFilename(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || $0.isASCIIDigit || $0 == "_" || $0 == "-" || $0 == "." || $0 == " "
        }
    }
}
