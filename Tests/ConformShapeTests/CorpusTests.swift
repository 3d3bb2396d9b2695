import Foundation
import Testing
@testable import ConformShape

/// The checked-in corpora of edge cases (`Tests/Corpus/*.json`): each entry is a schema, an
/// instance written as JSON text (so the parser sees exactly those bytes: escapes, digits),
/// the verdict JSON's rules give, and why. They run against the real parser and checker.
enum Corpus {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ConformShapeTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Corpus")

    struct Entry: CustomTestStringConvertible, Sendable {
        let file: String
        let why: String
        let schema: JSONValue
        let instance: String
        let valid: Bool
        /// Text a mismatch must contain, when the entry names one.
        let message: String?

        var testDescription: String { "\(file): \(why)" }
    }

    static func entries(_ file: String) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
            let items = try? JSONValue.parse(bytes: data).arrayValue
        else { return [] }
        return items.map { item in
            Entry(file: file, why: item["why"]?.stringValue ?? "?", schema: item["schema"] ?? .bool(false),
                instance: item["instance"]?.stringValue ?? "", valid: item["valid"]?.boolValue ?? false,
                message: item["message"]?.stringValue)
        }
    }
}

@Suite struct CorpusTests {
    @Test func everyCorpusFileReadsAndHasEntries() throws {
        for file in ["names.json", "numbers.json"] {
            let data = try #require(FileManager.default.contents(atPath: Corpus.folder.appendingPathComponent(file).path))
            let items = try #require(try JSONValue.parse(bytes: data).arrayValue, "\(file) is not a JSON array")
            #expect(items.count == Corpus.entries(file).count && !items.isEmpty, "\(file)")
        }
    }

    @Test("Unicode member names compare by code point", arguments: Corpus.entries("names.json"))
    func names(_ entry: Corpus.Entry) throws {
        try Self.verify(entry)
    }

    /// Numbers keep their exact value (digits and exponent) from parse to comparison.
    @Test("Numbers are exact", arguments: Corpus.entries("numbers.json"))
    func numbers(_ entry: Corpus.Entry) throws {
        try Self.verify(entry)
        // Written back, the instance reads as the very same value.
        let instance = try JSONValue.parse(entry.instance)
        #expect(try JSONValue.parse(instance.compactText) == instance)
    }

    static func verify(_ entry: Corpus.Entry, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var registry = SchemaRegistry()
        let uri = "/corpus/\(entry.file)"
        registry.register(entry.schema, as: uri)
        let schema = try registry.compile(uri: uri)
        let instance = try JSONValue.parse(entry.instance)
        let result = schema.check(instance)
        #expect(result.passed == entry.valid,
            "\(entry.why): expected \(entry.valid ? "valid" : "invalid"), got \(result.mismatches.map(\.message))",
            sourceLocation: sourceLocation)
        #expect(schema.validates(instance) == entry.valid, "validates() disagrees with check()", sourceLocation: sourceLocation)
        if let message = entry.message {
            #expect(result.mismatches.contains { $0.message.contains(message) }, "\(result.mismatches.map(\.message))",
                    sourceLocation: sourceLocation)
        }
    }
}
