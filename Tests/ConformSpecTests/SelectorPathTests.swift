import Testing
import ConformShape
@testable import ConformSpec

@Suite struct SelectorPathTests {
    let document = try! JSONValue.parse(#"""
    {"objects":[{"status":{"key":1}}],"odd key":2,
     "entries":[{"object":{"id":"a"},"operation":"create"},{"object":{"id":"b"},"operation":"delete"},
                {"object":{"id":"b"},"operation":"update"}]}
    """#)

    @Test(arguments: [
        ("$.objects[0].status.key", JSONValue.integer(1), "$.objects[0].status.key"),
        ("$['odd key']", .integer(2), "$['odd key']"),
        ("$.objects[-1].status.key", .integer(1), "$.objects[0].status.key"),
        ("$.entries[?(@.object.id == 'b')].operation", .string("delete"), "$.entries[1].operation"),
        ("$.entries[?@.object.id==\"a\"].operation", .string("create"), "$.entries[0].operation"),
        ("$.objects[?(@.status.key == 1)].status.key", .integer(1), "$.objects[0].status.key"),
        ("$.entries[?(@.object.id == 'b' && @.operation == 'update')].operation", .string("update"), "$.entries[2].operation"),
    ])
    func resolvesToOneValueAndItsConcretePath(text: String, value: JSONValue, concrete: String) throws {
        let path = try SelectorPath(parsing: text)
        let found = try #require(path.resolve(in: document))
        #expect(found.value == value)
        #expect(found.path.description == concrete)
    }

    @Test func aFilterThatMatchesNothingResolvesToNothing() throws {
        #expect(try SelectorPath(parsing: "$.entries[?(@.object.id == 'zzz')].operation").resolve(in: document) == nil)
        #expect(try SelectorPath(parsing: "$.objects[?(@.status.key == '1')]").resolve(in: document) == nil, "'1' is a string, not 1")
    }

    @Test(arguments: [
        ("objects", "a JSON path starts with '$', e.g. '$.id'"),
        ("$.objects[*]", "expected an index, a quoted name or a filter in '[...]', found '*'"),
        ("$.*", "wildcards are not supported: name one value, or use a filter [?(@.key == 'value')]"),
        ("$.a[?(@.b = 1)]", "filters compare with '==': [?(@.key == 'value')]"),
        ("$.a[?(@.b == [1])]", "a filter compares with a quoted string, a number, true, false or null; found '[1'"),
        ("$.a['x", "unclosed quote"),
    ])
    func refusesWhatDoesNotNameOneValue(text: String, message: String) {
        do {
            _ = try SelectorPath(parsing: text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message == message)
        }
    }
}

@Suite struct SelectorPathUnicodeTests {
    /// `$['é']` names the member spelt U+00E9, not the one spelt e + U+0301.
    @Test func bracketedNamesResolveByCodePoint() throws {
        let document = try JSONValue.parse(#"{"e\u0301": "decomposed"}"#)
        #expect(try SelectorPath(parsing: "$['\u{E9}']").resolve(in: document) == nil)
        let both = try JSONValue.parse(#"{"e\u0301": "decomposed", "\u00e9": "precomposed"}"#)
        #expect(try SelectorPath(parsing: "$['\u{E9}']").resolve(in: both)?.value == .string("precomposed"))
        #expect(try SelectorPath(parsing: "$['e\u{301}']").resolve(in: both)?.value == .string("decomposed"))
        #expect(try SelectorPath(parsing: "$[?(@.k == '\u{E9}')]").resolve(in: try JSONValue.parse(#"[{"k":"e\u0301"}]"#)) == nil)
    }
}
