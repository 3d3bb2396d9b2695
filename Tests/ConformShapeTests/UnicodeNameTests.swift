import Testing
@testable import ConformShape

/// JSON member names are equal only code point by code point; Swift's `String ==` applies
/// canonical equivalence ("\u{E9}" == "e\u{301}", "\u{C5}" == "\u{212B}", "K" == "\u{212A}").
@Suite struct UnicodeNameTests {
    static let lookAlikes: [(String, String)] = [("\u{E9}", "e\u{301}"), ("\u{C5}", "\u{212B}"), ("K", "\u{212A}")]

    @Test func theTrapIsReal() {
        // If Swift ever stops equating these, the rest of this suite still holds, but say so.
        for (a, b) in Self.lookAlikes { #expect(a == b && !a.hasSameCodePoints(as: b)) }
    }

    @Test(arguments: lookAlikes)
    func anObjectKeepsBothSpellingsAsTwoMembers(first: String, second: String) throws {
        let text = JSONValue.object(JSONObject([(first, .integer(1)), (second, .integer(2))])).compactText
        let object = try #require(try JSONValue.parse(text).objectValue)
        #expect(object.count == 2)
        #expect(object[first] == .integer(1) && object[second] == .integer(2))
        #expect(!JSONObject([(first, .integer(1))]).contains(second))
    }

    /// Objects above the index threshold look members up by hash: the hash must be by code point too.
    @Test func largeObjectsKeepBothSpellingsToo() {
        var object = JSONObject()
        for number in 0..<(JSONObject.indexThreshold + 4) { object["k\(number)"] = .integer(Int64(number)) }
        object["\u{E9}"] = .string("precomposed")
        object["e\u{301}"] = .string("decomposed")
        #expect(object.count == JSONObject.indexThreshold + 6)
        #expect(object["\u{E9}"] == .string("precomposed") && object["e\u{301}"] == .string("decomposed"))
        object["\u{E9}"] = nil
        #expect(object["e\u{301}"] == .string("decomposed") && !object.contains("\u{E9}"))
    }

    @Test func valuesAndObjectsCompareByCodePoint() {
        #expect(JSONValue.string("\u{E9}") != .string("e\u{301}"))
        let precomposed: JSONValue = ["\u{E9}": 1]
        let decomposed: JSONValue = ["e\u{301}": 1]
        #expect(precomposed != decomposed && !precomposed.jsonEquals(decomposed))
        #expect(JSONName("\u{C5}") != JSONName("\u{212B}"))
        #expect(Set([JSONName("\u{E9}"), JSONName("e\u{301}"), JSONName("\u{E9}")]).count == 2)
    }

    @Test func driftNamesTheUndeclaredSpellingAndPrintsItDistinctly() throws {
        let result = try check(#"{"type":"object","properties":{"\u00e9":{"type":"integer"}}}"#, #"{"\u00e9":1,"e\u0301":2}"#)
        #expect(result.passed)
        #expect(result.drift.map(\.path.description) == [#"$['e\u{301}']"#])
        #expect(JSONPath.root.appending("\u{E9}").description == "$['\u{E9}']")
        #expect(JSONPath.root.appending("\u{212B}").description == #"$['\u{212B}']"#)
        #expect(JSONPath.root.appending("e\u{301}") != JSONPath.root.appending("\u{E9}"))
    }

    @Test func aMissingRequiredNameIsNotFoundUnderItsLookAlike() throws {
        let result = try check(#"{"required":["\u00c5"]}"#, #"{"\u212b":1}"#)
        #expect(result.mismatches.map(\.keyword) == ["required"])
        #expect(result.mismatches.first?.path.description == "$['\u{C5}']")
    }

    /// `required` is answered by counting the required names the member lookups found, and
    /// missing names are looked for only when the count is short: a name listed twice counts
    /// once, a look-alike spelling is not the name, missing names come in `required`'s order
    /// before the members' own mismatches, nested objects keep their own lookups, and objects
    /// above the index threshold behave alike.
    @Test(arguments: [
        (#"{"a":1,"b":2}"#, [String]()),
        (#"{"b":2}"#, ["$.a required"]),
        (#"{"a":1,"\u00e9":"x"}"#, ["$.b required", "$['\u{E9}'] type"]),
        (#"{"e\u0301":1,"a":1,"b":2}"#, []),
        (#"{"\u00e9":1,"a":1,"b":2,"n":{"a":1}}"#, ["$.n.b required"]),
        (#"{"n":{"b":1,"c":2},"\u00e9":1}"#, ["$.a required", "$.b required", "$.n.a required"]),
        (#"{"a":"wrong","b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"o":14,"p":15,"q":16,"r":17,"s":18}"#,
         ["$.a type"]),
        (#"{"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"o":14,"p":15,"q":16,"r":17,"s":18,"n":{}}"#,
         // `a` is listed twice and missing: the first mismatch carries a rename hint (an
         // undeclared integer appeared), so the two are not one.
         ["$.a required", "$.a required", "$.n.a required", "$.n.b required"]),
    ])
    func requiredNamesAreCountedExactly(instance: String, expected: [String]) throws {
        let schema = ##"{"$defs":{"n":{"required":["a","b","a"]}},"required":["a","b","a","b"],"properties":{"a":{"type":"integer"},"\u00e9":{"type":"integer"},"n":{"$ref":"#/$defs/n"}}}"##
        let result = try check(schema, instance)
        #expect(result.mismatches.map { "\($0.path) \($0.keyword)" } == expected)
        #expect(result.passed == expected.isEmpty)
        #expect(try compile(schema).validates(json(instance)) == expected.isEmpty)
    }
}
