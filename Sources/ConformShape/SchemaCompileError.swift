/// One problem found while compiling a schema: what is wrong, and exactly where.
///
/// `location` names the document and the JSON Pointer of the offending keyword (for example
/// `/properties/status/nulable`), so the caller can point at `file:line:column`.
public struct SchemaCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. A struct over a private enum, so kinds can be added
    /// without breaking callers that switch on a few of them.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case unsupportedKeyword = "unsupported keyword"
            case invalidValue = "invalid keyword value"
            case unresolvableReference = "unresolvable $ref"
            case unknownFormat = "unknown format"
            case invalidPattern = "invalid pattern"
            case referenceCycle = "$ref cycle"
            case unsupportedDialect = "unsupported $schema"
            case tooDeep = "schema too deep"
        }
        private let value: Value

        /// A keyword this checker does not implement, or a typo (`requried`, `nullable`).
        public static let unsupportedKeyword = Kind(value: .unsupportedKeyword)
        /// A supported keyword whose value has the wrong type or range (`required: "id"`).
        public static let invalidValue = Kind(value: .invalidValue)
        /// A `$ref` that names no document, anchor or JSON Pointer location that exists.
        public static let unresolvableReference = Kind(value: .unresolvableReference)
        /// A `format` this checker cannot assert (only `uuid`, `date`, `date-time` are supported).
        public static let unknownFormat = Kind(value: .unknownFormat)
        /// A `pattern` or `patternProperties` key that is not a valid regular expression.
        public static let invalidPattern = Kind(value: .invalidPattern)
        /// `$ref`s (or combinators) that loop back to themselves without moving into the
        /// instance: checking would never end.
        public static let referenceCycle = Kind(value: .referenceCycle)
        /// A `$schema` naming another dialect (draft 7, a custom meta-schema...): its rules
        /// differ from 2020-12 in ways this checker would silently get wrong.
        public static let unsupportedDialect = Kind(value: .unsupportedDialect)
        /// Subschemas nested deeper than the checker accepts.
        public static let tooDeep = Kind(value: .tooDeep)

        public var description: String { value.rawValue }
    }

    public let kind: Kind
    /// The document and the JSON Pointer of the offending keyword (or value).
    public let location: SchemaLocation
    /// One line for a person, e.g. "unsupported keyword `requried`; did you mean `required`?".
    public let message: String
    /// A likely fix, when there is one: a keyword name (`required`), or a hint
    /// (`use type: [string, "null"]`). Already part of `message`.
    public let suggestion: String?

    public init(kind: Kind, location: SchemaLocation, message: String, suggestion: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    /// `document#/pointer: message`.
    public var description: String { "\(location): \(message)" }
}

/// Every problem found while compiling a schema (never only the first), in document order.
public struct SchemaCompileFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [SchemaCompileError]

    public init(errors: [SchemaCompileError]) { self.errors = errors }

    public var description: String {
        errors.count == 1
            ? errors[0].description
            : "\(errors.count) schema errors:\n" + errors.map { "  " + $0.description }.joined(separator: "\n")
    }
}
