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
}
