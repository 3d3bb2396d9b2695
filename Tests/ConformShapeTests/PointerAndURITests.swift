import Testing
@testable import ConformShape

@Suite struct PointerAndURITests {
    @Test(arguments: [
        ("", [String]()),
        ("/properties/status/type", ["properties", "status", "type"]),
        ("/a~1b/c~0d", ["a/b", "c~d"]),
        ("/$defs//$defs/", ["$defs", "", "$defs", ""]),
    ])
    func pointersParseAndPrint(text: String, tokens: [String]) throws {
        let pointer = try JSONPointer(parsing: text)
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
    }

    @Test func pointerSyntaxErrors() {
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer(parsing: "properties") }
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer(parsing: "/a~2") }
    }

    @Test func pointersResolve() {
        let document = json(#"{"a": [10, {"b/c": true}], "": 1}"#)
        #expect(JSONPointer(["a", "1", "b/c"]).resolve(in: document) == .bool(true))
        #expect(JSONPointer([""]).resolve(in: document) == .integer(1))
        #expect(JSONPointer(["a", "01"]).resolve(in: document) == nil)  // no leading zeros
        #expect(JSONPointer(["a", "2"]).resolve(in: document) == nil)
        #expect(JSONPointer.root.resolve(in: document) == document)
    }

    @Test(arguments: [
        ("/x/Specs/objects/get.yaml", "../shapes/object.yaml", "/x/Specs/shapes/object.yaml"),
        ("/x/Specs/objects/get.yaml", "object.yaml#/$defs/x", "/x/Specs/objects/object.yaml#/$defs/x"),
        ("/x/Specs/objects/get.yaml", "#/$defs/x", "/x/Specs/objects/get.yaml#/$defs/x"),
        ("/x/Specs/objects/get.yaml", "/y/z.json", "/y/z.json"),
        ("/x/Specs/objects/get.yaml", "./a/./b/../c.json", "/x/Specs/objects/a/c.json"),
        ("http://example.com/a/b.json", "c.json", "http://example.com/a/c.json"),
        ("http://example.com/a/b.json", "../../../c.json", "http://example.com/c.json"),
        ("http://example.com/a/b.json", "//other.org/x", "http://other.org/x"),
        ("http://example.com", "x.json", "http://example.com/x.json"),
        ("urn:uuid:deadbeef-1234", "#foo", "urn:uuid:deadbeef-1234#foo"),
        ("shapes/a.json", "../b.json", "b.json"),
    ])
    func referencesResolveByRFC3986(base: String, reference: String, resolved: String) {
        #expect(URIReference(parsing: base).resolving(URIReference(parsing: reference)).text == resolved)
    }

    @Test func percentDecoding() {
        #expect(URIReference.percentDecoded("/$defs/foo%22bar") == "/$defs/foo\"bar")
        #expect(URIReference.percentDecoded("%C3%A9") == "é")
        #expect(URIReference.percentDecoded("%zz") == nil)
        #expect(URIReference.percentDecoded("%FF") == nil)
    }

    @Test func pathsSortInReadingOrder() throws {
        let paths: [JSONPath] = [
            JSONPath([.key("a"), .index(10)]), JSONPath([.key("a"), .index(2)]), JSONPath([.key("a")]), JSONPath([.key("b")]),
            JSONPath([.key("a"), .index(2), .key("z")]), JSONPath([.key("a"), .index(2), .key("y")]),
        ]
        #expect(paths.sorted().map(\.description) == ["$.a", "$.a[2]", "$.a[2].y", "$.a[2].z", "$.a[10]", "$.b"])
    }
}
