import ConformShape
import Foundation

/// What a generated suite was generated from, in a form two generations can be compared by:
/// `conform init --check` regenerates the record from the current data model (or OpenAPI
/// document) and names what changed — models and fields, or operations and schemas — so CI
/// notices a change nobody regenerated the suite for. Written as `.conform-init.json` beside the
/// suite; edits to the generated specs themselves never count as staleness.
public struct GenerationRecord: Sendable, Hashable {
    public static let fileName = ".conform-init.json"

    /// `datamodel` or `openapi`.
    public let generator: String
    public let source: String
    /// What was generated from, by unit (`model task`, `operation GET /pets`, `schema Pet`), each
    /// with its parts (`field name (text)`, `response 200`, a schema's fingerprint), sorted.
    public let units: [String: [String]]

    public init(generator: String, source: String, units: [String: [String]]) {
        self.generator = generator
        self.source = source
        self.units = units.mapValues { $0.sorted() }
    }

    public var file: GeneratedFile {
        let value = JSONValue.object(JSONObject([
            ("generator", .string(generator)), ("source", .string(source)),
            ("units", .object(JSONObject(units.keys.sorted().map { key in (key, .array((units[key] ?? []).map { .string($0) })) }))),
        ]))
        return GeneratedFile(path: Self.fileName, contents: value.prettyText + "\n")
    }

    public struct ReadError: Error, Sendable, CustomStringConvertible { public let description: String }

    public static func read(folder: String) throws(ReadError) -> GenerationRecord {
        let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "\(path) not found: --check compares with the record `conform init` writes beside a suite it generated")
        }
        guard let value = try? JSONValue.parse(bytes: Array(data)), let generator = value["generator"]?.stringValue,
            let source = value["source"]?.stringValue, case .object(let units)? = value["units"]
        else { throw ReadError(description: "\(path) is not a record of `conform init`") }
        var parsed: [String: [String]] = [:]
        for (key, parts) in units { parsed[key] = parts.arrayValue?.compactMap(\.stringValue) ?? [] }
        return GenerationRecord(generator: generator, source: source, units: parsed)
    }

    /// What changed from this record to `newer`, a line each, in order; empty when nothing did.
    public func changes(to newer: GenerationRecord) -> [String] {
        var lines: [String] = []
        for key in Set(units.keys).union(newer.units.keys).sorted() {
            switch (units[key], newer.units[key]) {
            case (nil, let parts?): lines.append("\(key): new" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"))
            case (_?, nil): lines.append("\(key): gone")
            case (let old?, let new?):
                for part in old where !new.contains(part) { lines.append("\(key): \(part) gone") }
                for part in new where !old.contains(part) { lines.append("\(key): \(part) new") }
            case (nil, nil): break
            }
        }
        return lines
    }
}
