public import ConformShape

/// Everything seen at one place of the responses to one endpoint: the JSON types, for objects
/// their members and how often each was there, for arrays the shape of their items, for strings
/// the format every one of them had. Shapes, never values: two runs against the same API with
/// different data give the same shape.
public struct ObservedShape: Sendable, Hashable {
    public internal(set) var types: Set<String> = []
    /// Objects seen here, and for each member name (compared code point by code point) how many
    /// of them had it and what it held.
    public internal(set) var objectCount = 0
    public internal(set) var members: [JSONName: ObservedMember] = [:]
    /// The items of every array seen here, merged (empty when no array had an item).
    var itemStorage: [ObservedShape] = []
    /// Strings seen here, and how many of them each format accepted.
    public internal(set) var stringCount = 0
    var formatCounts: [String: Int] = [:]

    public init() {}

    public var items: ObservedShape? { itemStorage.first }

    /// The format every string here had, if one did (`uuid`, `date`, `date-time`).
    public var format: String? {
        guard stringCount > 0 else { return nil }
        return StringFormat.allCases.map(\.rawValue).first { formatCounts[$0] == stringCount }
    }

    /// Arrays longer than this contribute only their first items: a page of 10,000 objects
    /// has the shape of its first few hundred, and a snapshot must cost little.
    static let itemsObservedPerArray = 200
    /// Deeper than this, nothing more is recorded (the parser already bounds nesting).
    static let maximumDepth = 64

    mutating func observe(_ value: JSONValue, depth: Int = 0) {
        guard depth < Self.maximumDepth else { return }
        switch value {
        case .null:
            types.insert("null")
        case .bool:
            types.insert("boolean")
        case .integer:
            types.insert("integer")
        case .string(let text):
            types.insert("string")
            stringCount += 1
            for format in StringFormat.allCases where format.accepts(text) { formatCounts[format.rawValue, default: 0] += 1 }
        case .array(let elements):
            types.insert("array")
            for element in elements.prefix(Self.itemsObservedPerArray) {
                if itemStorage.isEmpty { itemStorage = [ObservedShape()] }
                itemStorage[0].observe(element, depth: depth + 1)
            }
        case .object(let object):
            types.insert("object")
            objectCount += 1
            for (name, member) in object {
                members[JSONName(name), default: ObservedMember()].seen += 1
                members[JSONName(name)]?.shape.observe(member, depth: depth + 1)
            }
        default:
            types.insert("number")
        }
    }

    /// Both observations as one (the same endpoint seen by two cases).
    mutating func merge(_ other: ObservedShape) {
        types.formUnion(other.types)
        objectCount += other.objectCount
        for (name, member) in other.members {
            if var mine = members[name] {
                mine.seen += member.seen
                mine.shape.merge(member.shape)
                members[name] = mine
            } else {
                members[name] = member
            }
        }
        if let otherItems = other.items {
            if itemStorage.isEmpty { itemStorage = [otherItems] } else { itemStorage[0].merge(otherItems) }
        }
        stringCount += other.stringCount
        for (format, count) in other.formatCounts { formatCounts[format, default: 0] += count }
    }
}

public struct ObservedMember: Sendable, Hashable {
    public internal(set) var seen = 0
    public internal(set) var shape = ObservedShape()
}
