import Foundation
import Testing
@testable import ConformShape

/// `Corpus/numbers.json`: schemas and instances whose numbers neither `Int64` nor `Double`
/// hold exactly. Instances are JSON text, so every digit reaches the real parser; each entry
/// says why it is valid or not. Read in place (the folder is excluded from the target).
enum NumberCorpus {
    struct Entry: CustomTestStringConvertible, Sendable {
        let schema: JSONValue
        let instance: String
        let valid: Bool
        let why: String
        /// Text the mismatch must contain, when the entry names one.
        let message: String?

        var testDescription: String { "\(ValueDescription.shorten(instance)): \(why)" }
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Corpus/numbers.json")

    static let entries: [Entry] = {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return try JSONValue.parse(text).arrayValue?.map { entry in
                Entry(schema: entry["schema"] ?? .null, instance: entry["instance"]?.stringValue ?? "",
                    valid: entry["valid"]?.boolValue ?? false, why: entry["why"]?.stringValue ?? "",
                    message: entry["message"]?.stringValue)
            } ?? []
        } catch {
            return []
        }
    }()
}

@Suite struct NumberCorpusTests {
    @Test func corpusIsRead() {
        #expect(NumberCorpus.entries.count >= 50, "\(NumberCorpus.file.path) is missing or unreadable")
    }

    @Test(arguments: NumberCorpus.entries)
    func entry(_ entry: NumberCorpus.Entry) throws {
        var registry = SchemaRegistry()
        registry.register(entry.schema, as: "/corpus/numbers.json")
        let schema = try registry.compile(uri: "/corpus/numbers.json")
        let instance = try JSONValue.parse(entry.instance)
        let result = schema.check(instance)
        #expect(result.passed == entry.valid, "mismatches: \(result.mismatches)")
        #expect(schema.validates(instance) == entry.valid, "validates() disagrees with check()")
        if let message = entry.message {
            #expect(result.mismatches.contains { $0.message.contains(message) }, "mismatches: \(result.mismatches)")
        }
        // Written back, the instance reads as the very same value.
        #expect(try JSONValue.parse(instance.compactText) == instance)
    }
}
