import Foundation
import Testing
@testable import ConformShape

/// `$ref` across documents (fetched by the caller's loader), inside a document, and in
/// circles (recursive schemas).
@Suite struct ReferenceTests {
    /// A loader over an in-memory file tree that records what it was asked for.
    final class FakeFiles: @unchecked Sendable {
        // @unchecked: `requests` is only touched under `lock`.
        private let lock = NSLock()
        private var requests: [String] = []
        let files: [String: JSONValue]

        init(_ files: [String: String]) {
            self.files = files.mapValues { json($0) }
        }

        var requested: [String] { lock.withLock { requests } }

        var loader: SchemaRegistry.Loader {
            { [self] uri in
                lock.withLock { requests.append(uri) }
                if uri.hasSuffix("broken.yaml") { throw CocoaError(.fileReadCorruptFile) }
                return files[uri]
            }
        }
    }

    static let shapes = [
        "/x/Specs/shapes/object.yaml": ##"""
            {"type": "object",
             "required": ["id"],
             "properties": {"id": {"type": "string", "format": "uuid"}},
             "$defs": {"status": {"type": "object", "required": ["key", "display"],
                                  "properties": {"key": {"type": "integer"}, "display": {"type": "string"}}}}}
            """##,
        "/x/Specs/shapes/task.yaml": ##"""
            {"allOf": [{"$ref": "object.yaml"}],
             "properties": {"name": {"type": "string"}, "status": {"$ref": "object.yaml#/$defs/status"}}}
            """##,
    ]

    static let specPath = "/x/Specs/objects/get.yaml"
    static let shapePointer = JSONPointer(["cases", "1", "expect", "shape"])

    @Test func relativeReferencesLoadOtherDocumentsOnce() throws {
        let files = FakeFiles(Self.shapes)
        var registry = SchemaRegistry(loader: files.loader)
        let shape = try registry.compile(json(##"{"$ref": "../shapes/task.yaml"}"##), embeddedIn: Self.specPath,
            at: Self.shapePointer)
        #expect(files.requested == ["/x/Specs/shapes/task.yaml", "/x/Specs/shapes/object.yaml"])

        let ok = shape.check(json(#"{"id": "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "name": "Wash", "status": {"key": 0, "display": "Open"}}"#))
        #expect(ok.passed)
        #expect(ok.drift.isEmpty)

        let bad = shape.check(json(#"{"id": "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "status": {"key": "0", "display": "Open"}}"#))
        let mismatch = try #require(bad.mismatches.first)
        #expect(bad.mismatches.count == 1)
        #expect(mismatch.path.description == "$.status.key")
        #expect(mismatch.schemaLocation.description == "/x/Specs/shapes/object.yaml#/$defs/status/properties/key/type")

        // Loaded documents stay in the registry: a second compilation fetches nothing.
        #expect(registry.documentIdentifiers == ["/x/Specs/shapes/object.yaml", "/x/Specs/shapes/task.yaml"])
        _ = try registry.compile(uri: "/x/Specs/shapes/object.yaml#/$defs/status")
        #expect(files.requested.count == 2)
    }

    @Test func compileByURIWithAFragment() throws {
        var registry = SchemaRegistry(loader: FakeFiles(Self.shapes).loader)
        let status = try registry.compile(uri: "/x/Specs/shapes/object.yaml#/$defs/status")
        #expect(status.location.description == "/x/Specs/shapes/object.yaml#/$defs/status")
        #expect(status.check(json(#"{"key": 1, "display": "Done"}"#)).passed)
        #expect(!status.check(json(#"{"key": 1}"#)).passed)
        #expect(status.summary == "object {key, display}")
    }

    @Test(arguments: [
        ("missing.yaml", "cannot resolve `$ref` `missing.yaml`: no document found at `/x/Specs/objects/missing.yaml`"),
        ("broken.yaml", "cannot resolve `$ref` `broken.yaml`: could not load `/x/Specs/objects/broken.yaml`: "),
        ("../shapes/object.yaml#/$defs/nope",
         "cannot resolve `$ref` `../shapes/object.yaml#/$defs/nope`: `/x/Specs/shapes/object.yaml` has nothing at `/$defs/nope`"),
    ])
    func unresolvableReferencesPointAtTheRef(reference: String, messagePrefix: String) {
        var registry = SchemaRegistry(loader: FakeFiles(Self.shapes).loader)
        do {
            _ = try registry.compile(json(#"{"properties": {"a": {"$ref": "\#(reference)"}}}"#), embeddedIn: Self.specPath,
                at: Self.shapePointer)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.kind == .unresolvableReference)
            #expect(error.errors.first?.location.description == "/x/Specs/objects/get.yaml#/cases/1/expect/shape/properties/a/$ref")
            #expect(error.errors.first?.message.hasPrefix(messagePrefix) == true, "\(error)")
        }
    }

    @Test func errorsInsideALoadedDocumentNameThatDocument() {
        let files = FakeFiles(["/x/Specs/shapes/bad.yaml": #"{"properties": {"id": {"tpye": "string"}}}"#])
        var registry = SchemaRegistry(loader: files.loader)
        do {
            _ = try registry.compile(json(##"{"$ref": "../shapes/bad.yaml"}"##), embeddedIn: Self.specPath)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.location.description) == ["/x/Specs/shapes/bad.yaml#/properties/id/tpye"])
            #expect(error.errors.first?.suggestion == "type")
        }
    }

    @Test func fragmentReferencesInAnEmbeddedSchemaStayInsideIt() throws {
        var registry = SchemaRegistry()
        let shape = try registry.compile(json(##"{"properties": {"s": {"$ref": "#/$defs/s"}}, "$defs": {"s": {"type": "string"}}}"##),
            embeddedIn: Self.specPath, at: Self.shapePointer)
        let mismatch = try #require(shape.check(json(#"{"s": 1}"#)).mismatches.first)
        #expect(mismatch.schemaLocation.description == "/x/Specs/objects/get.yaml#/cases/1/expect/shape/$defs/s/type")
    }

    @Test func recursiveSchemaChecksEveryLevel() throws {
        let tree = try compile(##"""
            {"$ref": "#/$defs/node",
             "$defs": {"node": {"type": "object", "required": ["value"],
               "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
            """##)
        let result = tree.check(json(#"""
            {"value": 1, "children": [{"value": 2, "children": [{"value": 3}, {"value": "4", "extra": true}]}]}
            """#))
        #expect(result.mismatches.map(\.path.description) == ["$.children[0].children[1].value"])
        #expect(result.drift.map(\.path.description) == ["$.children[0].children[1].extra"])
    }

    @Test func documentsReferringToEachOther() throws {
        let files = FakeFiles([
            "/s/person.json": ##"{"properties": {"name": {"type": "string"}, "employer": {"$ref": "company.json"}}}"##,
            "/s/company.json": ##"{"properties": {"title": {"type": "string"}, "ceo": {"$ref": "person.json"}}}"##,
        ])
        var registry = SchemaRegistry(loader: files.loader)
        let person = try registry.compile(uri: "/s/person.json")
        let result = person.check(json(#"{"name": "A", "employer": {"title": "B", "ceo": {"name": 5}}}"#))
        #expect(result.mismatches.map(\.path.description) == ["$.employer.ceo.name"])
        #expect(result.mismatches.first?.schemaLocation.description == "/s/person.json#/properties/name/type")
    }

    @Test func anchorsAndEmbeddedIdentifiers() throws {
        let schema = try compile(##"""
            {"$id": "https://example.com/root.json",
             "properties": {"a": {"$ref": "#status"}, "b": {"$ref": "item.json"}, "c": {"$ref": "item.json#/properties/n"}},
             "$defs": {"status": {"$anchor": "status", "enum": ["open", "done"]},
                       "item": {"$id": "item.json", "properties": {"n": {"type": "integer"}}}}}
            """##)
        #expect(schema.check(json(#"{"a": "open", "b": {"n": 1}, "c": 2}"#)).passed)
        let result = schema.check(json(#"{"a": "lost", "b": {"n": "x"}, "c": "y"}"#))
        #expect(result.mismatches.map(\.path.description) == ["$.a", "$.b.n", "$.c"])
    }

    @Test func registeredDocumentIsFoundByItsId() throws {
        var registry = SchemaRegistry()
        registry.register(json(#"{"$id": "https://example.com/status.json", "type": "integer"}"#), as: "/s/status.json")
        let shape = try registry.compile(json(##"{"$ref": "https://example.com/status.json"}"##), embeddedIn: "/s/spec.yaml")
        #expect(!shape.check(json(#""x""#)).passed)
        #expect(registry.document("https://example.com/status.json") != nil)
    }

    @Test func veryDeepInstanceOnARecursiveSchemaStopsWithAMismatch() throws {
        let schema = try compile(##"{"properties": {"next": {"$ref": "#"}, "n": {"type": "integer"}}}"##)
        var text = #"{"n": "deep"}"#
        for _ in 0..<500 { text = #"{"next": \#(text)}"# }
        let result = schema.check(json(text))
        #expect(result.mismatches.map(\.keyword) == ["depth"])
        #expect(!schema.validates(json(text)))
        let deeper = ShapeCheckOptions(maximumDepth: 2000)
        #expect(schema.check(json(text), options: deeper).mismatches.map(\.keyword) == ["type"])
        #expect(schema.check(json(text), options: deeper).mismatches.first?.path.segments.count == 501)
    }
}
