public import ConformShape
import ConformSpec
import Foundation

/// Something `conform init --openapi` could not carry over as it was, with the JSON Pointer
/// (into the document it was read from) where it was written. Never dropped silently: every
/// note is printed and listed in the generated suite's README.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    public let pointer: String
    public let message: String

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}

/// An OpenAPI 3.1, 3.0 or Swagger 2.0 document, read from JSON or YAML, with the `$ref`s to
/// other files inlined (local ones stay) and Swagger 2.0 rearranged into 3.0's layout
/// (`definitions` → `components/schemas`, `produces` and body parameters → `content`,
/// `host`/`basePath`/`schemes` → `servers`, `securityDefinitions` → `securitySchemes`).
public struct OpenAPISource: Sendable {
    public enum Version: String, Sendable { case swagger2 = "2.0", openAPI30 = "3.0", openAPI31 = "3.1" }

    public let root: JSONValue
    public let version: Version
    public private(set) var notes: [ImportNote]

    /// Why a document could not be read at all.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads `text` (JSON or YAML) as the document at `location` (a path: relative `$ref`s are
    /// read beside it; a URL: only local `$ref`s can be followed).
    public static func read(_ bytes: [UInt8], location: String) throws(Failure) -> OpenAPISource {
        let parsed = try parse(bytes, location: location)
        var notes: [ImportNote] = []
        let version: Version
        if case .string(let text)? = parsed["openapi"] {
            if text.hasPrefix("3.1") { version = .openAPI31 } else if text.hasPrefix("3.0") { version = .openAPI30 } else {
                throw Failure(description: "\(location): `openapi: \(text)` is not a version this reads (3.1, 3.0, or Swagger 2.0)")
            }
        } else if case .string(let text)? = parsed["swagger"], text == "2.0" {
            version = .swagger2
        } else {
            throw Failure(description: "\(location): neither `openapi: 3.x` nor `swagger: \"2.0\"` at the top: not an OpenAPI document")
        }
        var inliner = ExternalReferences(notes: [])
        let isFile = !location.contains("://")
        let inlined = inliner.inline(parsed, file: isFile ? location : nil, pointer: "", depth: 0)
        notes += inliner.notes
        var root = inlined
        if version == .swagger2 { root = SwaggerTwo.rearrange(inlined) }
        return OpenAPISource(root: root, version: version, notes: notes)
    }

    static func parse(_ bytes: [UInt8], location: String) throws(Failure) -> JSONValue {
        // JSON is YAML: one reader, with positions for its errors.
        let node: SourceNode
        do { node = try SourceNode.parse(yaml: bytes, file: location) } catch {
            throw Failure(description: error.description)
        }
        var map = SourceMap(file: location)
        return node.jsonValue(map: &map)
    }

    /// The servers' URLs, with `{variables}` filled in from their defaults.
    public var serverURLs: [String] {
        guard case .array(let servers)? = root["servers"] else { return [] }
        return servers.compactMap { server -> String? in
            guard case .string(var url)? = server["url"] else { return nil }
            if case .object(let variables)? = server["variables"] {
                for (name, variable) in variables {
                    if case .string(let value)? = variable["default"] { url = url.replacingOccurrences(of: "{\(name)}", with: value) }
                }
            }
            return url
        }
    }

    /// Follows a local `#/...` reference.
    public func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        guard let pointer = try? JSONPointer(parsing: String(reference.dropFirst())) else { return nil }
        return pointer.resolve(in: root)
    }

    /// `value`, or what it refers to when it is `{ $ref: "#/..." }` (parameters, responses,
    /// request bodies may all be references).
    public func dereferenced(_ value: JSONValue?) -> JSONValue? {
        var current = value
        var hops = 0
        while case .string(let reference)? = current?["$ref"], hops < 16 {
            current = resolve(reference)
            hops += 1
        }
        return current
    }
}

/// Inlines `$ref`s that point into other files, so the rest of the import sees one document.
struct ExternalReferences {
    var notes: [ImportNote]
    /// Targets (`file#fragment`) being inlined, to stop a cycle.
    private var inProgress: Set<String> = []
    static let maximumDepth = 32

    init(notes: [ImportNote]) { self.notes = notes }

    mutating func inline(_ value: JSONValue, file: String?, pointer: String, depth: Int) -> JSONValue {
        switch value {
        case .object(let object):
            if case .string(let reference)? = object["$ref"], !reference.hasPrefix("#") {
                return external(reference, from: file, pointer: pointer, depth: depth) ?? value
            }
            return .object(JSONObject(object.map { key, member in
                (key, inline(member, file: file, pointer: pointer + "/" + JSONPointer.escaped(key), depth: depth))
            }))
        case .array(let items):
            return .array(items.enumerated().map { inline($0.element, file: file, pointer: pointer + "/\($0.offset)", depth: depth) })
        default:
            return value
        }
    }

    private mutating func external(_ reference: String, from file: String?, pointer: String, depth: Int) -> JSONValue? {
        guard let file else {
            notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)` points to another document, which cannot be read next to a URL; left as it is"))
            return nil
        }
        guard depth < Self.maximumDepth else {
            notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)`: references nest deeper than \(Self.maximumDepth) files; not followed"))
            return nil
        }
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let folder = (file as NSString).deletingLastPathComponent
        let path = URL(fileURLWithPath: parts[0], relativeTo: URL(fileURLWithPath: folder.isEmpty ? "." : folder, isDirectory: true))
            .standardizedFileURL.path
        // A cycle is the same target again (another part of the same file is fine).
        let target = path + "#" + (parts.count > 1 ? parts[1] : "")
        guard !inProgress.contains(target) else {
            notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)` refers back to a file it came from (a cycle); not followed"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)`: cannot read \(path)"))
            return nil
        }
        let document: JSONValue
        do { document = try OpenAPISource.parse([UInt8](data), location: path) } catch {
            notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)`: \(error.description)"))
            return nil
        }
        var value = document
        if parts.count > 1, !parts[1].isEmpty {
            guard let fragment = try? JSONPointer(parsing: parts[1]), let found = fragment.resolve(in: document) else {
                notes.append(ImportNote(pointer: pointer, message: "`$ref: \(reference)`: \(parts[1]) is not in \(path)"))
                return nil
            }
            value = found
        }
        inProgress.insert(target)
        defer { inProgress.remove(target) }
        // References inside the other file are relative to it; its local `#/...` ones would
        // point into it, not into the root document, so they are made external to it first.
        return inline(localized(value, in: path), file: path, pointer: pointer, depth: depth + 1)
    }

    /// `#/x` inside the file at `path` becomes `path#/x`, so it is inlined from that file.
    private func localized(_ value: JSONValue, in path: String) -> JSONValue {
        switch value {
        case .object(let object):
            if case .string(let reference)? = object["$ref"], reference.hasPrefix("#") {
                var copy = object
                copy["$ref"] = .string(path + reference)
                return .object(copy)
            }
            return .object(JSONObject(object.map { ($0, localized($1, in: path)) }))
        case .array(let items):
            return .array(items.map { localized($0, in: path) })
        default:
            return value
        }
    }
}
