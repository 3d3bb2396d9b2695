/// A JSON value that keeps the types JSON itself keeps apart.
///
/// Foundation's `JSONSerialization` on Linux answers `true` to `1 is Bool` and to `1.0 is Int`,
/// so a shape checker built on it would accept a boolean that turned into `0`/`1`. This type
/// keeps `true`, `1` and `1.0` distinct: `.bool`, `.integer` and `.double`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// A number written with a fraction or exponent (`1.0`, `1e3`), or an integer too large
    /// for 64 bits, whose exact value is the shortest decimal that reads back as this double
    /// (`0.1` is 0.1): the number was written that way, or with more zeros.
    case double(Double)
    /// Any other number, kept exactly: more digits than a double holds
    /// (`0.30000000000000001`, `123456789012345678901234567890`) or beyond its range
    /// (`1e400`, `1e-400`). See ``JSONDecimal``. Boxed (`indirect`): these are rare, and
    /// unboxed they would make every JSON value larger.
    indirect case decimal(JSONDecimal)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// The JSON type names used in messages and in JSON Schema's `type` keyword.
public enum JSONType: String, Sendable, Hashable, CaseIterable {
    case null, boolean, integer, number, string, array, object
}

extension JSONValue {
    /// The JSON type as a reader would name it: `1` is an integer, `1.5` a number.
    public var jsonType: JSONType {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .integer: .integer
        case .double(let d): d.rounded() == d && d.isFinite ? .integer : .number
        case .decimal(let x): x.isIntegral ? .integer : .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// The type name to show a person: distinguishes `1` (integer) from `1.0` (number).
    public var typeDescription: String {
        switch self {
        case .integer: "integer"
        case .double: "number"
        default: jsonType.rawValue  // a `.decimal` by its value: `1e400` is an integer
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The number as a `Double`, for approximate uses (a timeout, a display format). A
    /// `.decimal` is rounded to the nearest double, possibly `±infinity` or `0`; exact checks
    /// use ``decimalValue`` instead.
    public var numberValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        case .decimal(let x): x.doubleValue
        default: nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The integer value of `.integer`, or of another number with no fractional part that
    /// fits in 64 bits.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .double(let d):
            guard d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return nil }
            return Int64(d)
        case .decimal(let x): return x.int64Value
        default: return nil
        }
    }

    /// Member access for objects; `nil` for other types or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { o[key] } else { nil }
    }

    /// Element access for arrays; `nil` for other types or an index out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }

    /// Equality as JSON Schema defines it for `enum` and `const`: numbers compare by exact
    /// value (`1` equals `1.0`), objects ignore key order, strings compare code points, and
    /// `true` never equals `1`.
    ///
    /// Throws only for two numbers with exponents beyond ``JSONDecimal/exponentLimit`` that
    /// cannot be told apart exactly.
    public func jsonEqualsExactly(_ other: JSONValue) throws(NumberTooLargeError) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        // Code point by code point: Swift's `==` treats "é" and "e\u{301}" as equal
        // (canonical equivalence), JSON does not.
        case (.string(let a), .string(let b)): return a.hasSameCodePoints(as: b)
        case (.integer(let a), .integer(let b)): return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (left, right) in zip(a, b) where !(try left.jsonEqualsExactly(right)) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let otherValue = b[key], try value.jsonEqualsExactly(otherValue) else { return false }
            }
            return true
        default:
            guard let order = try Self.compareNumbers(self, other) else { return false }
            return order == 0
        }
    }

    /// ``jsonEqualsExactly(_:)`` where numbers too large to compare count as different.
    public func jsonEquals(_ other: JSONValue) -> Bool {
        (try? jsonEqualsExactly(other)) ?? false
    }
}

// MARK: - Equality

extension JSONValue {
    /// Structural equality (`1` and `1.0` differ here; `jsonEquals` is JSON Schema's
    /// equality). Strings and member names compare code point by code point: the synthesised
    /// `==` would use `String ==`, which calls "é" and "e\u{301}" equal. The synthesised hash
    /// stays consistent: equal code points are canonically equivalent, so they hash alike.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.decimal(let a), .decimal(let b)): a == b
        case (.string(let a), .string(let b)): a.hasSameCodePoints(as: b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        case (.null, _), (.bool, _), (.integer, _), (.double, _), (.decimal, _), (.string, _), (.array, _), (.object, _): false
        }
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

// MARK: - Objects

/// A JSON object that remembers the order its keys were written in, so reports and
/// re-serialised bodies read the way the server wrote them.
///
/// Members are kept in one array of name-value pairs: one allocation per object (two
/// parallel arrays cost two, and two frees, for every object of every parsed response).
/// API objects are small (a dozen members), and for them comparing a few short keys is
/// cheaper than hashing one: every response is parsed into these and every member is looked
/// up while its shape is checked. Objects larger than ``indexThreshold`` members also keep a
/// hash index.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One member, its name beside its value.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
    }

    private(set) var members: [Member] = []
    /// Position of each key, only for objects above ``indexThreshold`` members. Keys are
    /// `JSONName`s: "é" and "e\u{301}" are two members, as JSON says, not one as `String` says.
    private var index: [JSONName: Int]?

    /// Up to this many members, lookups scan the keys.
    static let indexThreshold = 16

    public init() {}

    /// Builds an object from pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// An object of members whose names are all distinct (code point by code point), as a
    /// parser that has merged repeated names builds it, with their positions when it kept
    /// them (built here otherwise, for an object above ``indexThreshold`` members).
    init(distinctMembers members: [Member], index: [JSONName: Int]?) {
        self.members = members
        if members.count > Self.indexThreshold { self.index = index ?? Self.positions(of: members) }
    }

    /// The member names in order.
    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// Room for `count` members without regrowing the array as members arrive.
    public mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
    }

    private func position(of key: String) -> Int? {
        if let index { return index[JSONName(key)] }
        return members.firstIndex { $0.key.hasSameCodePoints(as: key) }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                setMember(key, newValue)
            } else if let position = position(of: key) {
                members.remove(at: position)
                if index != nil { rebuildIndex() }
            }
        }
    }

    /// `self[key] = value` without the setter's optional: a repeated key keeps its first
    /// position and takes the later value.
    mutating func setMember(_ key: consuming String, _ value: consuming JSONValue) {
        if let position = position(of: key) {
            members[position].value = value
            return
        }
        appendNewMember(key, value)
    }

    /// Appends a member the caller knows is not in the object yet.
    private mutating func appendNewMember(_ key: consuming String, _ value: consuming JSONValue) {
        if index != nil { index?[JSONName(copy key)] = members.count }
        members.append(Member(key: key, value: value))
        if index == nil && members.count > Self.indexThreshold { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        index = members.count > Self.indexThreshold ? Self.positions(of: members) : nil
    }

    private static func positions(of members: [Member]) -> [JSONName: Int] {
        var positions: [JSONName: Int] = [:]
        positions.reserveCapacity(members.count)
        for (position, member) in members.enumerated() { positions[JSONName(member.key)] = position }
        return positions
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// The member at `position` in member order (`0..<count`).
    func member(at position: Int) -> (key: String, value: JSONValue) {
        let member = members[position]
        return (member.key, member.value)
    }

    /// Where the members are stored: equal for copies of one object (and for all empty
    /// ones), a placement key for grouping by `isSameInstance(as:)`.
    var storageAddress: UInt { UInt(bitPattern: members.withUnsafeBufferPointer { $0.baseAddress }) }

    /// Whether both are the same stored object (the same member storage), not merely equal.
    func isSameInstance(as other: JSONObject) -> Bool {
        members.withUnsafeBufferPointer { $0.baseAddress } == other.members.withUnsafeBufferPointer { $0.baseAddress }
    }

    /// The members in order.
    public struct Iterator: IteratorProtocol {
        private let members: [Member]
        private var position = 0

        init(members: [Member]) { self.members = members }

        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < members.count else { return nil }
            defer { position += 1 }
            let member = members[position]
            return (member.key, member.value)
        }
    }

    public func makeIterator() -> Iterator { Iterator(members: members) }

    public var underestimatedCount: Int { members.count }

    /// Equal when the same keys (code point by code point) come in the same order with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key.hasSameCodePoints(as: $1.key) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
