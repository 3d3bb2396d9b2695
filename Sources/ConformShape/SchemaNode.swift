/// The compiled form of a schema: immutable nodes in one array, subschemas named by index.
///
/// Indices rather than references let `$ref` cycles (recursive schemas) exist in a graph that
/// is fully immutable and therefore `Sendable` without locks: thousands of checks may run on
/// it at once from many tasks.
typealias NodeID = Int

/// All compiled nodes of one compilation (the root schema and everything it references).
final class SchemaProgram: Sendable {
    let nodes: [SchemaNode]
    /// Nodes that more than one `$ref` names (or one `$ref` and the root): the only nodes one
    /// check can apply twice to one value at one place, as a page checks each item against
    /// `object.yaml` once through the list's `items` and again through the item shape's
    /// `allOf`. Every other subschema has one parent. See `Evaluator.evaluateShared`.
    let sharedTargets: [Bool]

    init(nodes: [SchemaNode], root: NodeID) {
        self.nodes = nodes
        var references = [Int](repeating: 0, count: nodes.count)
        if references.indices.contains(root) { references[root] = 1 }
        for node in nodes {
            for case .reference(let target) in node.keywords where references.indices.contains(target) {
                references[target] += 1
            }
        }
        sharedTargets = references.map { $0 > 1 }
    }
}

/// One compiled subschema. `keywords` are ordered so that `type` is checked first.
final class SchemaNode: Sendable {
    let location: SchemaLocation
    /// `false` (the boolean schema) rejects everything; `true` is an empty keyword list.
    let rejectsEverything: Bool
    let keywords: [SchemaKeyword]
    /// Quick access for messages and drift: the node's `type`, `properties` and friends.
    let types: TypeSet?
    let object: ObjectKeywords?
    /// The `$ref` as written, for messages.
    let referenceText: String?

    init(location: SchemaLocation, rejectsEverything: Bool = false, keywords: [SchemaKeyword] = [], referenceText: String? = nil) {
        self.location = location
        self.referenceText = referenceText
        self.rejectsEverything = rejectsEverything
        self.keywords = keywords
        var types: TypeSet?
        var object: ObjectKeywords?
        for keyword in keywords {
            switch keyword {
            case .type(let set): types = set
            case .object(let keywords): object = keywords
            default: break
            }
        }
        self.types = types
        self.object = object
    }
}

/// One compiled keyword (or a group of keywords that must be evaluated together).
enum SchemaKeyword: Sendable {
    case type(TypeSet)
    case constant(JSONValue)
    case enumeration([JSONValue])
    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`.
    case bound(NumberBound)
    /// The exact divisor (positive) and the number as written, for messages.
    case multipleOf(JSONDecimal, JSONValue)
    case minLength(Int)
    case maxLength(Int)
    case pattern(CompiledPattern)
    case format(StringFormat)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minProperties(Int)
    case maxProperties(Int)
    /// `properties`, `patternProperties`, `additionalProperties` and `required`: they
    /// decide together which properties are declared (drift) and which are additional.
    case object(ObjectKeywords)
    case propertyNames(NodeID)
    case dependentRequired([(property: String, requires: [String])])
    case dependentSchemas([(property: String, schema: NodeID)])
    /// `prefixItems` and `items` (which starts after the prefix).
    case items(prefix: [NodeID], rest: NodeID?)
    case contains(NodeID, minimum: Int, maximum: Int?)
    case allOf([NodeID])
    case anyOf([NodeID])
    case oneOf([NodeID])
    case not(NodeID)
    case conditional(if: NodeID, then: NodeID?, else: NodeID?)
    /// The `$ref` text is the node's `referenceText`: kept out of the keyword, a `$ref` (the
    /// commonest keyword applied) is copied without a retain and a release.
    case reference(NodeID)
}

/// The JSON types a `type` keyword accepts. `number` includes `integer`.
struct TypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = TypeSet(rawValue: 1 << 0)
    static let boolean = TypeSet(rawValue: 1 << 1)
    static let integer = TypeSet(rawValue: 1 << 2)
    static let number = TypeSet(rawValue: 1 << 3)
    static let string = TypeSet(rawValue: 1 << 4)
    static let array = TypeSet(rawValue: 1 << 5)
    static let object = TypeSet(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ type: JSONType) {
        switch type {
        case .null: self = .null
        case .boolean: self = .boolean
        case .integer: self = .integer
        case .number: self = .number
        case .string: self = .string
        case .array: self = .array
        case .object: self = .object
        }
    }

    /// Whether `value` has one of these types. `1.0` is an integer (JSON Schema counts
    /// numbers with a zero fraction as integers); `true` is never a number and `1` never a
    /// boolean, which `JSONValue` keeps apart.
    func accepts(_ value: JSONValue) -> Bool {
        // By case: `jsonType` is only needed for numbers (is `1.0` an integer?). Inlined into
        // `Evaluator.evaluate`, its `rounded()` was hoisted out of the keyword loop and run for
        // every value applied, numbers or not; out of line, only numbers pay for it.
        switch value {
        case .string: contains(.string)
        case .null: contains(.null)
        case .object: contains(.object)
        case .array: contains(.array)
        case .bool: contains(.boolean)
        case .integer, .double, .decimal: acceptsNumber(value)
        }
    }

    @inline(never)
    private func acceptsNumber(_ value: JSONValue) -> Bool {
        let type = value.jsonType
        if contains(TypeSet(type)) { return true }
        return type == .integer && contains(.number)
    }

    /// The names for a person, `null` last: `string or null`.
    var names: [String] {
        let order: [JSONType] = [.string, .integer, .number, .boolean, .object, .array, .null]
        return order.filter { contains(TypeSet($0)) }.map(\.rawValue)
    }
}

/// The object keywords that interact: a property is declared when `properties` names it,
/// a `patternProperties` pattern matches it, or `required` lists it; `additionalProperties`
/// (when present) covers every other one.
final class ObjectKeywords: Sendable {
    /// What `properties` and `required` say about one name.
    struct Member: Sendable {
        /// The schema `properties` gives it.
        var schema: NodeID?
        /// Whether `required` lists it.
        var isRequired = false
    }

    /// Every name `properties` or `required` mentions, by code point: `properties: {é: …}`
    /// does not declare "e\u{301}". Looked up for each member of each object checked.
    let members: MemberNameTable<Member>
    let propertyOrder: [String]
    let patternProperties: [(pattern: CompiledPattern, schema: NodeID)]
    let additionalProperties: NodeID?
    /// `additionalProperties: false`, reported as "undeclared property" rather than as the
    /// failure of a `false` schema.
    let additionalPropertiesForbidden: Bool
    let required: [String]
    /// How many different names `required` lists (code point by code point).
    let distinctRequiredCount: Int

    init(properties: [(String, NodeID)], patternProperties: [(pattern: CompiledPattern, schema: NodeID)],
        additionalProperties: NodeID?, additionalPropertiesForbidden: Bool, required: [String])
    {
        // A repeated property keeps its first position and its last schema.
        var order: [String] = []
        var seen = Set<JSONName>()
        var named: [(name: String, value: Member)] = []
        for (name, id) in properties {
            if seen.insert(JSONName(name)).inserted { order.append(name) }
            named.append((name, Member(schema: id)))
        }
        let declared = MemberNameTable(named)
        for name in required {
            named.append((name, Member(schema: declared.value(for: name)?.schema, isRequired: true)))
        }
        self.members = MemberNameTable(named)
        self.propertyOrder = order
        self.patternProperties = patternProperties
        self.additionalProperties = additionalProperties
        self.additionalPropertiesForbidden = additionalPropertiesForbidden
        self.required = required
        self.distinctRequiredCount = Set(required.map(JSONName.init)).count
    }

    /// The schema `properties` gives `name`, if any.
    func schema(forProperty name: String) -> NodeID? { members.value(for: name)?.schema }

    /// Whether `required` lists `name`.
    func isRequired(_ name: String) -> Bool { members.value(for: name)?.isRequired ?? false }

    /// Whether the name is declared by `properties`, `required` or a pattern.
    func declares(_ name: String) -> Bool {
        members.value(for: name) != nil || patternProperties.contains { $0.pattern.matches(name) ?? true }
    }
}

/// `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`, kept as the JSON number written
/// and compared exactly (`9223372036854775808` is above `9223372036854775807`, `0.3` below
/// `0.30000000000000001`).
struct NumberBound: Sendable {
    enum Kind: String, Sendable { case minimum, maximum, exclusiveMinimum, exclusiveMaximum }
    let kind: Kind
    let limit: JSONValue

    /// Whether `value` is within the bound; values that are not numbers always are.
    func accepts(_ value: JSONValue) throws(NumberTooLargeError) -> Bool {
        guard let order = try JSONValue.compareNumbers(value, limit) else { return true }
        switch kind {
        case .minimum: return order >= 0
        case .maximum: return order <= 0
        case .exclusiveMinimum: return order > 0
        case .exclusiveMaximum: return order < 0
        }
    }
}

// MARK: - The public handle

/// A compiled schema: immutable, `Sendable`, cheap to check instances against, from any
/// number of tasks at once. Get one from `SchemaRegistry.compile`.
public struct CompiledSchema: Sendable {
    let program: SchemaProgram
    let root: NodeID

    init(program: SchemaProgram, root: NodeID) {
        self.program = program
        self.root = root
    }

    /// Where the schema was compiled from.
    public var location: SchemaLocation { program.nodes[root].location }

    /// A short human summary of what the schema expects, e.g. `object {id, status}`.
    public var summary: String { SchemaSummary(program: program).describe(root) }
}
