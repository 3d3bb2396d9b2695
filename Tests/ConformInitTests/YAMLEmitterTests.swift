import ConformShape
import Testing
@testable import ConformInit

/// The emitter's output reads back (with Conform's own YAML reader) as exactly the values it
/// was given, and looks the way the shipped suite is written.
@Suite struct YAMLEmitterTests {
    static let awkwardStrings = [
        "", " ", "true", "True", "yes", "No", "off", "y", "null", "~", "42", "-1", "1.5", ".5", ".inf", "0x1F", "1e3",
        "2016-02-27", "2016-02-22T14:00:53Z", "a: b", "a #b", "a#b", "#x", "- x", "-x", "? q", ":colon", "key:", "${run}",
        "Alpha ${run}", "$${literal}", "{x}", "[a]", "a,b", "a, b", "line\nbreak", "tab\there", " lead", "trail ", "quote\"s",
        "back\\slash", "é ünïcode ✓", "\u{7}bell", "@at", "`tick", "%pct", "&anchor", "*alias", "!tag", "|pipe", ">gt",
        "'single'", "\"double\"", "/objects/task.json?limit=&skip=&", "$.objects[0].id", "query[name.contains]", "<<", "=",
        "GET /objects/{model}.json", "../shapes/task.yaml", "field-types.yaml#/$defs/text", "\u{2028}", "x\u{85}y",
        String(repeating: "A long sentence that has to be folded onto several lines. ", count: 4).trimmingCharacters(in: .whitespaces),
        String(repeating: "x", count: 300),
    ]

    @Test(arguments: awkwardStrings)
    func aStringReadsBackUnchangedWherever(_ text: String) throws {
        let document = YAMLNode.mapping([
            YAMLEntry("block", .string(text)),
            YAMLEntry("flow", .map([("inner", .string(text))])),
            YAMLEntry("list", .list([.string(text), .integer(1)])),
            YAMLEntry("nested", .list([.map([("a", .string(text)), ("b", .string("x"))])], style: .block)),
            YAMLEntry(text.isEmpty ? "empty" : text, .bool(true)),
        ], style: .block)
        let emitted = YAMLEmitter().document(document)
        let read = try yamlJSON(emitted)
        #expect(read == json(document), "\(emitted)")
    }

    @Test func scalarsKeepTheirTypes() throws {
        let document = YAMLNode.map([
            ("int", .integer(-42)), ("double", .number(12.5)), ("whole", .number(3.0)), ("small", .number(0.00001)),
            ("lat", .number(-33.9249)), ("yes", .bool(true)), ("no", .bool(false)), ("nothing", .null),
        ], style: .block)
        let read = try yamlJSON(YAMLEmitter().document(document))
        #expect(read == ["int": -42, "double": 12.5, "whole": 3.0, "small": 0.00001, "lat": -33.9249, "yes": true, "no": false,
                         "nothing": nil])
    }

    @Test func shortShallowCollectionsAreFlowTheRestBlock() {
        let document = YAMLNode.mapping([
            YAMLEntry("expect", .map([("status", .integer(200))])),
            YAMLEntry("tags", .strings(["objects", "list"])),
            YAMLEntry("deep", .map([("a", .map([("b", .map([("c", .integer(1))]))]))])),
            YAMLEntry("empty", .map([])),
            YAMLEntry("cases", .list([.map([("name", .string("one")), ("x", .integer(1))])], style: .block),
                      comment: ["Why this is here."], blankLineBefore: true),
        ], style: .block)
        #expect(YAMLEmitter().document(document, header: ["Header."]) == """
            # Header.
            expect: { status: 200 }
            tags: [objects, list]
            deep:
              a: { b: { c: 1 } }
            empty: {}

            # Why this is here.
            cases:
              - { name: one, x: 1 }

            """)
    }

    @Test func longProseFoldsAndReadsBackAsOneLine() throws {
        let prose = "The list wrapper holding objects, paged with limit and skip (reference §2, §5). The objects this file creates carry a marker."
        let emitted = YAMLEmitter().document(.map([("description", .string(prose))], style: .block))
        #expect(emitted.hasPrefix("description: >-\n  The list wrapper"))
        #expect(emitted.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(try yamlJSON(emitted) == ["description": .string(prose)])
    }
}
