public import ConformShape
import Foundation

/// `conform run --snapshot FILE`: the contract a deployment was seen to keep — per endpoint
/// (method and path template) and status, the response header names and the shape of the JSON
/// body (types, members and whether each was always there, array items, string formats), and
/// which cases saw it. Sorted, without timestamps or values, so two runs against the same API
/// write the same file whatever its data. Format: docs/snapshot.schema.json.
public struct ContractSnapshot: Sendable, Hashable {
    public static let format = "conform-snapshot"
    public static let version: Int64 = 1

    public struct Endpoint: Sendable, Hashable {
        public let method: String
        /// The request's path with its placeholders as `{name}`: `/objects/{model}/{id}.json`.
        public let path: String
        public let status: Int
        /// Lowercased, sorted; framing headers (`content-length`, `transfer-encoding`…) left out.
        public let headers: [String]
        /// The JSON body's shape, or `nil` when no answer had a JSON body.
        public let body: ContractNode?
        /// `file: case name` of every case that saw this, sorted.
        public let cases: [String]

        public var key: String { "\(method) \(path)" }
    }

    public let endpoints: [Endpoint]

    public init(endpoints: [Endpoint]) {
        self.endpoints = endpoints.sorted { ($0.method, $0.path, $0.status) < ($1.method, $1.path, $1.status) }
    }

    public func json() -> JSONValue {
        object([
            ("format", .string(Self.format)), ("version", .integer(Self.version)),
            ("endpoints", .array(endpoints.map { endpoint in
                var members: [(String, JSONValue)] = [
                    ("method", .string(endpoint.method)), ("path", .string(endpoint.path)), ("status", .integer(Int64(endpoint.status))),
                    ("headers", .array(endpoint.headers.map { .string($0) })),
                ]
                if let body = endpoint.body { members.append(("body", body.json())) }
                members.append(("cases", .array(endpoint.cases.map { .string($0) })))
                return object(members)
            })),
        ])
    }

    /// Why a file is not a snapshot this version reads.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(json: JSONValue, file: String) throws(ReadError) {
        guard json["format"] == .string(Self.format) else {
            throw ReadError(description: "\(file): not a Conform snapshot (no \"format\": \"\(Self.format)\"); write one with conform run --snapshot")
        }
        guard json["version"] == .integer(Self.version) else {
            throw ReadError(description: "\(file): snapshot version \(json["version"].map { $0.compactText } ?? "missing"); this Conform reads version \(Self.version)")
        }
        guard let list = json["endpoints"]?.arrayValue else { throw ReadError(description: "\(file): `endpoints` must be a list") }
        var endpoints: [Endpoint] = []
        for (index, item) in list.enumerated() {
            guard let method = item["method"]?.stringValue, let path = item["path"]?.stringValue,
                case .integer(let status)? = item["status"], let headers = item["headers"]?.arrayValue
            else { throw ReadError(description: "\(file): /endpoints/\(index) needs method, path, status and headers") }
            let body: ContractNode?
            if let value = item["body"] {
                do { body = try ContractNode(json: value, at: "/endpoints/\(index)/body") } catch {
                    throw ReadError(description: "\(file): \(error.description)")
                }
            } else {
                body = nil
            }
            endpoints.append(Endpoint(method: method, path: path, status: Int(status), headers: headers.compactMap(\.stringValue),
                                      body: body, cases: item["cases"]?.arrayValue?.compactMap(\.stringValue) ?? []))
        }
        self.init(endpoints: endpoints)
    }

    public static func read(path: String) throws(ReadError) -> ContractSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "cannot read \(path)") }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: Array(data)) } catch { throw ReadError(description: "\(path): not JSON: \(error)") }
        return try ContractSnapshot(json: value, file: path)
    }
}

/// One place of a body's shape, as a snapshot keeps it: the types seen, and for objects each
/// member with whether every object had it, for arrays their items, for strings the format all had.
public struct ContractNode: Sendable, Hashable {
    public let types: [String]
    public let members: [Member]
    var itemStorage: [ContractNode]
    public let format: String?

    public struct Member: Sendable, Hashable {
        public let name: String
        public let required: Bool
        public let node: ContractNode
    }

    public var items: ContractNode? { itemStorage.first }

    /// `names` rewrites member names as they are kept (the run's redactor).
    public init(_ observed: ObservedShape, names: (String) -> String = { $0 }) {
        types = observed.types.sorted()
        members = observed.members.map { name, member in
            Member(name: names(name.text), required: member.seen == observed.objectCount, node: ContractNode(member.shape, names: names))
        }.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        itemStorage = observed.items.map { [ContractNode($0, names: names)] } ?? []
        format = observed.format
    }

    /// The member named `name`, compared code point by code point.
    public func member(_ name: String) -> Member? { members.first { $0.name.hasSameCodePoints(as: name) } }

    func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [("types", .array(types.map { .string($0) }))]
        if let format { fields.append(("format", .string(format))) }
        if types.contains("object") {
            fields.append(("members", .object(JSONObject(members.map { member in
                var node = member.node.json()
                if case .object(var object) = node {
                    object["required"] = .bool(member.required)
                    node = .object(object)
                }
                return (member.name, node)
            }))))
        }
        if let items { fields.append(("items", items.json())) }
        return .object(JSONObject(fields))
    }

    struct ReadError: Error { let description: String }

    init(json: JSONValue, at pointer: String) throws(ReadError) {
        guard let types = json["types"]?.arrayValue?.compactMap(\.stringValue) else {
            throw ReadError(description: "\(pointer): a shape needs `types`")
        }
        self.types = types.sorted()
        format = json["format"]?.stringValue
        var members: [Member] = []
        if case .object(let object)? = json["members"] {
            for (name, value) in object {
                let node = try ContractNode(json: value, at: pointer + "/members/" + name)
                members.append(Member(name: name, required: value["required"] == true, node: node))
            }
        }
        self.members = members
        itemStorage = try json["items"].map { value throws(ReadError) in [try ContractNode(json: value, at: pointer + "/items")] } ?? []
    }
}

private func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
