import ConformDataModel
import ConformMock
import ConformShape
import ConformSpec
import Foundation
@testable import ConformInit

/// YAML text → JSON, the way Conform reads specs and shapes (plain scalars typed like JSON,
/// quoted and block scalars always strings).
func yamlJSON(_ text: String) throws -> JSONValue {
    json(of: try SourceNode.parse(yaml: text, file: "test.yaml"))
}

func json(of node: SourceNode) -> JSONValue {
    switch node {
    case .scalar(let scalar): return scalar.jsonValue
    case .sequence(let items, _): return .array(items.map(json(of:)))
    case .mapping(let entries, _): return .object(JSONObject(entries.map { ($0.key, json(of: $0.value)) }))
    }
}

/// A generated value as JSON, each `${name}` replaced by `variables[name]` (whole-string
/// placeholders only, as the generated bodies use them).
func json(_ node: YAMLNode, variables: [String: String] = [:]) -> JSONValue {
    switch node {
    case .string(let text):
        if text.hasPrefix("${"), text.hasSuffix("}"), let value = variables[String(text.dropFirst(2).dropLast())] { return .string(value) }
        return .string(text)
    case .integer(let value): return .integer(value)
    case .number(let value): return .double(value)
    case .bool(let value): return .bool(value)
    case .null: return .null
    case .sequence(let items, _): return .array(items.map { json($0.value, variables: variables) })
    case .mapping(let entries, _): return .object(JSONObject(entries.map { ($0.key, json($0.value, variables: variables)) }))
    }
}

/// The value at a generated expectation's path: `$.a.b` (names only, as the generator writes
/// them for objects), `$.a[0].b` too.
func value(at path: String, in root: JSONValue) -> JSONValue? {
    guard path.hasPrefix("$") else { return nil }
    var current: JSONValue? = root
    var rest = Substring(path.dropFirst())
    while !rest.isEmpty, let node = current {
        if rest.hasPrefix(".") {
            rest = rest.dropFirst()
            let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            current = node.objectValue?[String(rest[..<end])]
            rest = rest[end...]
        } else if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
            current = node.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            rest = rest[rest.index(after: close)...]
        } else {
            return nil
        }
    }
    return current
}

/// Numbers compare by value, as the runner's `values` do.
func sameJSON(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
    switch (left, right) {
    case (let l?, let r?) where l.numberValue != nil && r.numberValue != nil: return l.numberValue == r.numberValue
    case (.array(let l)?, .array(let r)?): return l.count == r.count && zip(l, r).allSatisfy { sameJSON($0, $1) }
    case (.object(let l)?, .object(let r)?): return l.keys.sorted() == r.keys.sorted() && l.keys.allSatisfy { sameJSON(l[$0], r[$0]) }
    default: return left == right
    }
}

/// A generated suite written to a temporary folder, its shape files compiled on demand.
struct WrittenSuite {
    let folder: TemporaryFolderPath
    var registry: SchemaRegistry

    init(_ suite: GeneratedSuite) throws {
        folder = try TemporaryFolderPath()
        try suite.write(into: folder.path, overwrite: false)
        let root = folder.path
        registry = SchemaRegistry { uri in
            let path = uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
            guard let text = try? String(contentsOfFile: path.hasPrefix("/") ? path : root + "/" + path, encoding: .utf8) else { return nil }
            return try yamlJSON(text)
        }
    }

    /// The compiled `shapes/<name>`.
    mutating func shape(_ name: String) throws -> CompiledSchema {
        let path = folder.path + "/shapes/" + name
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try registry.compile(try yamlJSON(text), embeddedIn: path)
    }
}

/// A temporary folder that removes itself.
final class TemporaryFolderPath: @unchecked Sendable {
    let path = NSTemporaryDirectory() + "init-test-" + UUID().uuidString
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
