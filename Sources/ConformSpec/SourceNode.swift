public import ConformShape

/// A YAML node that remembers where it was written. The spec model is built from these,
/// not from `Decodable`, so every semantic error can still name `file:line:column`.
public indirect enum SourceNode: Sendable {
    case scalar(Scalar)
    case mapping([Entry], SourceLocation)
    case sequence([SourceNode], SourceLocation)

    public struct Scalar: Sendable {
        public let text: String
        /// Plain (unquoted) scalars are typed (`1`, `true`, `null`); quoted and block
        /// scalars are always strings.
        public var isPlain: Bool { style == .plain }
        public let style: Style
        public let location: SourceLocation

        public enum Style: Sendable { case plain, singleQuoted, doubleQuoted, block }
    }

    public struct Entry: Sendable {
        public let key: String
        public let keyLocation: SourceLocation
        public let value: SourceNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .mapping(_, let l), .sequence(_, let l): l
        }
    }

    /// The YAML kind, for "expected a mapping, found a list" messages.
    public var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s):
            switch s.jsonValue {
            case .null: "null"
            case .bool: "a boolean"
            case .integer, .double, .decimal: "a number"
            default: "a string"
            }
        }
    }
}

extension SourceNode.Scalar {
    /// JSON's types from YAML's plain scalars, deliberately narrower than YAML 1.1: only
    /// `true`/`false` are booleans (not `yes`/`on`), and dates stay strings, because a
    /// spec's expected values are JSON values.
    public var jsonValue: JSONValue {
        guard isPlain else { return .string(text) }
        // Every null, boolean and number below starts with one of these bytes; any other plain
        // scalar is a string, without the nine comparisons (asked ~270 times a spec file).
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        // Numbers follow JSON's grammar (YAML 1.2's JSON schema): `007`, `0x1F`, `1_000` and
        // `.inf` stay strings rather than becoming numbers a JSON API could never send. The
        // text goes through the JSON parser, not a YAML resolver, so the value is exact:
        // `multipleOf: 1e-400` and a 30-digit `const` keep every digit.
        if let first = text.utf8.first, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            let number = try? JSONValue.parse(text), number.isNumber
        {
            return number
        }
        return .string(text)
    }

    /// The JSON value a plain (unquoted) scalar with this text reads as, e.g. for `--var n=3`.
    public static func typedValue(ofPlainText text: String) -> JSONValue {
        SourceNode.Scalar(text: text, style: .plain, location: SourceLocation(file: "", line: 1, column: 1)).jsonValue
    }

    /// Where the scalar's text starts: one column after the opening quote of a quoted scalar.
    var contentLocation: SourceLocation {
        switch style {
        case .singleQuoted, .doubleQuoted: SourceLocation(file: location.file, line: location.line, column: location.column + 1)
        default: location
        }
    }
}

// MARK: - Reading YAML

extension SourceNode {
    /// Parses one YAML document. Syntax errors come back as a diagnostic with the position.
    public static func parse(yaml text: String, file: String) throws(Diagnostic) -> SourceNode {
        var text = text
        // `withUTF8` rethrows untyped errors, so the typed error travels in a `Result`.
        return try text.withUTF8 { bytes in Result { () throws(Diagnostic) in try YAMLEventReader(file: file).read(bytes) } }.get()
    }

    /// Parses one YAML document from a file's bytes. Invalid UTF-8 is a diagnostic at the
    /// line and column of the first bad byte.
    public static func parse(yaml bytes: [UInt8], file: String) throws(Diagnostic) -> SourceNode {
        try bytes.withUnsafeBufferPointer { bytes in Result { () throws(Diagnostic) in try YAMLEventReader(file: file).read(bytes) } }.get()
    }
}

// MARK: - To JSON, with a source map

/// Maps a JSON Pointer inside a converted document (`/properties/status/type`) back to the
/// YAML position it came from, so errors found in the JSON (e.g. by the schema compiler)
/// still point at a line. Mapping members point at their key.
public struct SourceMap: Sendable {
    public private(set) var locations: [String: SourceLocation] = [:]
    public let file: String

    public init(file: String) { self.file = file }

    mutating func record(_ pointer: String, _ location: SourceLocation) { locations[pointer] = location }

    /// The location of `pointer`, or of its nearest ancestor that has one.
    public func location(of pointer: String) -> SourceLocation {
        var current = pointer
        while true {
            if let location = locations[current] { return location }
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        return locations[""] ?? SourceLocation(file: file, line: 1, column: 1)
    }
}

extension SourceNode {
    /// The node as a JSON value, recording each member's position under its JSON Pointer.
    public func jsonValue(pointer: String = "", map: inout SourceMap) -> JSONValue {
        if pointer.isEmpty { map.record("", location) }
        switch self {
        case .scalar(let s):
            return s.jsonValue
        case .sequence(let elements, _):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                let childPointer = pointer + "/\(i)"
                map.record(childPointer, element.location)
                values.append(element.jsonValue(pointer: childPointer, map: &map))
            }
            return .array(values)
        case .mapping(let entries, _):
            var object = JSONObject()
            for entry in entries {
                let childPointer = pointer + "/" + Self.escapePointerToken(entry.key)
                map.record(childPointer, entry.keyLocation)
                object[entry.key] = entry.value.jsonValue(pointer: childPointer, map: &map)
            }
            return .object(object)
        }
    }

    /// The node as JSON when no positions are needed.
    public var jsonValue: JSONValue {
        // `jsonValue(map:)` without the map: no JSON Pointer built for every node.
        switch self {
        case .scalar(let s):
            return s.jsonValue
        case .sequence(let elements, _):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(element.jsonValue) }
            return .array(values)
        case .mapping(let entries, _):
            var object = JSONObject()
            for entry in entries { object[entry.key] = entry.value.jsonValue }
            return .object(object)
        }
    }

    /// RFC 6901: `~` becomes `~0` and `/` becomes `~1`.
    public static func escapePointerToken(_ token: String) -> String {
        // Most keys have neither; `replacing` costs thousands of instructions even then, and
        // every key of every inline shape is escaped when a spec loads.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
