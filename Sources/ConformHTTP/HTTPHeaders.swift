/// One header field as sent or received: the name keeps the spelling it was given.
public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible {
    /// The field name, spelled as given (HTTP/2 servers send lowercase names).
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `Name: value`.
    public var description: String { "\(name): \(value)" }
}

/// Header fields in order, names may repeat (`Set-Cookie`, `Link`, `Vary` ...).
///
/// Lookup by name is ASCII case-insensitive, as HTTP field names are
/// (RFC 9110 section 5.1); the stored fields keep their original spelling and order.
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral,
    ExpressibleByArrayLiteral, CustomStringConvertible
{
    /// The fields in the order they were added or received.
    public private(set) var fields: [HTTPHeader]

    /// Creates a header list from fields, keeping their order.
    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    /// `["Accept": "application/json", "X-Tag": "a", "X-Tag": "b"]`: repeated keys are kept, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// `[HTTPHeader(name:value:), ...]`.
    public init(arrayLiteral elements: HTTPHeader...) {
        self.fields = elements
    }

    // MARK: - Collection

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> HTTPHeader { fields[position] }

    // MARK: - Lookup

    /// The first value for `name` (case-insensitive), or `nil` when the field is absent.
    public subscript(name: String) -> String? {
        fields.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    /// Every value for `name` (case-insensitive), in order; empty when the field is absent.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    /// Whether a field named `name` (case-insensitive) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    // MARK: - Editing

    /// Appends a field, keeping any existing field of the same name.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Replaces every field named `name` (case-insensitive) by one field with `value`.
    public mutating func replace(_ name: String, with value: String) {
        remove(name)
        append(name, value)
    }

    /// The names whose values `redacted` hides: they carry credentials or session state.
    public static let sensitiveNames = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"]

    /// The same fields with the values of `sensitiveNames` replaced by `***`, for logs and
    /// reports. Names, order and count are kept.
    public var redacted: HTTPHeaders {
        HTTPHeaders(fields.map { field in
            Self.sensitiveNames.contains(where: field.name.equalsIgnoringASCIICase)
                ? HTTPHeader(name: field.name, value: "***") : field
        })
    }

    mutating func removeAll() {
        fields.removeAll(keepingCapacity: true)
    }

    /// Appends `more` to the value of the last field (obsolete line folding, RFC 9112 section 5.2).
    mutating func continueLastValue(_ more: String) {
        guard let last = fields.indices.last else { return }
        fields[last].value += fields[last].value.isEmpty ? more : " " + more
    }

    /// One `Name: value` line per field.
    public var description: String {
        fields.map(\.description).joined(separator: "\n")
    }
}

extension String {
    /// ASCII case-insensitive comparison, the rule for HTTP field names.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let lhs = utf8, rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).allSatisfy { asciiLowercase($0) == asciiLowercase($1) }
    }
}

@inline(__always)
private func asciiLowercase(_ byte: UInt8) -> UInt8 {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
}
