import Testing
@testable import ConformShape

/// The pitfall this type exists for: Foundation on Linux blurs `true`, `1` and `1.0`.
@Suite struct JSONValueTests {
    @Test func keepsBooleansIntegersAndDoublesApart() throws {
        let value = try JSONValue.parse(#"[true, 1, 1.0, 0, false, 1e2]"#)
        #expect(value == .array([.bool(true), .integer(1), .double(1.0), .integer(0), .bool(false), .double(100)]))
        #expect(value[0]?.jsonType == .boolean)
        #expect(value[1]?.jsonType == .integer)
        #expect(value[2]?.typeDescription == "number")
        #expect(JSONValue.bool(true).jsonEquals(.integer(1)) == false)
        #expect(JSONValue.integer(1).jsonEquals(.double(1.0)))
    }

    @Test func roundTripsKeepTheNumberKind() throws {
        let text = #"{"a":1,"b":1.0,"c":true,"d":null,"e":"x\ny\u0001","f":[],"g":{}}"#
        let value = try JSONValue.parse(text)
        #expect(value.compactText == #"{"a":1,"b":1.0,"c":true,"d":null,"e":"x\ny\u0001","f":[],"g":{}}"#)
        #expect(try JSONValue.parse(value.compactText) == value)
    }

    @Test(arguments: ["plain", "q\"uote", "a\"\u{301}b", "tab\tnew\nline\u{1}", "é😀\\", "", "\"\u{301}"])
    func stringsRoundTripExactly(text: String) throws {
        let written = JSONValue.string(text).compactText
        #expect(try JSONValue.parse(written) == .string(text))
        #expect(Array(try #require(JSONValue.parse(written).stringValue).unicodeScalars) == Array(text.unicodeScalars))
    }

    /// One byte writer serves compact and indented text: exactly these bytes for escapes,
    /// combining marks, numbers of every kind and key order, and both read back as the value.
    @Test(arguments: [
        (#"{ "a" : [1, 2.5, "x\"y"], "b": null, "c": true, "d": false }"#, #"{"a":[1,2.5,"x\"y"],"b":null,"c":true,"d":false}"#),
        (#""tab\tnew\nline\u0001\u001F\b\f\r\\\/""#, #""tab\tnew\nline\u0001\u001f\b\f\r\\/""#),
        (#"{"é":"a\"\u0301b","😀":[[],{}],"n":-0.0,"big":123456789012345678901234567890,"w":2.0}"#,
         "{\"é\":\"a\\\"\u{301}b\",\"😀\":[[],{}],\"n\":-0.0,\"big\":123456789012345678901234567890,\"w\":2.0}"),
        (#"[9007199254740993.0, -12, 0, 1.5e300]"#, #"[9007199254740993.0,-12,0,1.5e+300]"#),
        (#""""#, #""""#), ("[ ]", "[]"), ("{ }", "{}"), ("null", "null"),
    ])
    func writesExactlyTheseBytes(text: String, compact: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.compactBytes == Array(compact.utf8))
        #expect(value.compactText == compact)
        #expect(try JSONValue.parse(value.compactText) == value)
        #expect(try JSONValue.parse(value.prettyText) == value)
    }

    @Test func prettyTextIndentsByTwoSpaces() throws {
        let value = try JSONValue.parse(#"{"a":[1,{"b":"c"}],"e":{}}"#)
        #expect(value.prettyText == "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"e\": {}\n}")
    }

    /// Small objects scan their keys, large ones keep an index: both must behave alike.
    @Test(arguments: [3, JSONObject.indexThreshold, JSONObject.indexThreshold + 1, 100])
    func objectsOfEverySizeInsertLookUpReplaceAndRemove(size: Int) {
        var object = JSONObject()
        for number in 0..<size { object["k\(number)"] = .integer(Int64(number)) }
        #expect(object.count == size)
        #expect(object.keys == (0..<size).map { "k\($0)" })
        #expect((0..<size).allSatisfy { object["k\($0)"] == .integer(Int64($0)) })
        #expect(object["missing"] == nil && !object.contains("missing"))

        object["k1"] = .string("replaced")  // keeps its position
        #expect(object.keys[1] == "k1" && object["k1"] == .string("replaced"))
        object["k0"] = nil  // the others move up and stay reachable
        #expect(object.count == size - 1 && !object.contains("k0"))
        #expect((2..<size).allSatisfy { object["k\($0)"] == .integer(Int64($0)) })
        object["k0"] = .null  // back, at the end
        #expect(object.keys.last == "k0" && object["k0"] == .null)
        #expect(Array(object).map(\.key) == object.keys)

        // Equality and hashing follow keys in order and values, whatever the storage.
        let rebuilt = JSONObject(object.map { ($0.key, $0.value) })
        #expect(rebuilt == object && rebuilt.hashValue == object.hashValue)
        let reordered = JSONObject(object.reversed().map { ($0.key, $0.value) })
        #expect(reordered != object)
    }

    @Test func asciiAndNonASCIIStringsParseAlike() throws {
        let value = try JSONValue.parse(#"{"plain": "abc", "accented": "café", "mixed": "a\u00e9€", "€": 1}"#)
        #expect(value["plain"] == .string("abc"))
        #expect(value["accented"] == .string("café"))
        #expect(value["mixed"] == .string("aé€"))
        #expect(value["€"] == .integer(1))
    }

    /// ASCII strings up to 15 bytes are built as small strings without a second check, longer
    /// ones through UTF-8 validation: every length around the boundary reads back exactly, as
    /// values and as member names, beside non-ASCII and escaped strings of the same lengths.
    @Test func stringsOfEveryLengthAroundTheSmallStringBoundaryParseExactly() throws {
        for length in 0...33 {
            let ascii = String((0..<length).map { Character(UnicodeScalar(UInt8(0x20 + ($0 * 7) % 0x5F))) })
            let accented = String(repeating: "é", count: length / 2) + String(repeating: "a", count: length % 2)
            for text in [ascii, accented, ascii + "\n"] {
                let value = JSONValue.object(JSONObject([(text, .string(text)), ("k", .string(text))]))
                let parsed = try JSONValue.parse(value.compactText)
                #expect(parsed == value, "\(length): \(text)")
                #expect(parsed.objectValue?.keys.first.map { Array($0.utf8) } == Array(text.utf8))
                #expect(parsed["k"]?.stringValue.map { Array($0.utf8) } == Array(text.utf8))
            }
        }
    }

    @Test func keepsKeyOrder() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""\u00e9\ud83d\ude00\/\"""#) == .string("é😀/\""))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("[1,]", "unexpected character ']'"),
        ("{\"a\" 1}", "expected ':' after object key"),
        ("01", "leading zeros are not allowed in numbers"),
        ("\"abc", "unterminated string"),
        ("tru", "unexpected end of input"),
        ("[1] x", "unexpected data after the JSON value"),
        ("\"\\ud800\"", "unpaired surrogate in \\u escape"),
    ])
    func rejectsMalformedText(text: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do { _ = try JSONValue.parse(text) } catch { #expect(error.message == message) }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": ?\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: [0x22, 0xFF, 0x22]) }
    }

    @Test func pathsRenderAndResolve() throws {
        let doc = try JSONValue.parse(#"{"objects":[{"status":{"key":1}}],"odd key":2}"#)
        let path = JSONPath([.key("objects"), .index(0), .key("status"), .key("key")])
        #expect(path.description == "$.objects[0].status.key")
        #expect(path.resolve(in: doc) == .integer(1))
        let odd = JSONPath([.key("odd key")])
        #expect(odd.description == "$['odd key']")
        #expect(odd.resolve(in: doc) == .integer(2))
        #expect(JSONPath([.key("objects"), .index(-1)]).resolve(in: doc) != nil)
    }
}

/// Work that grows with the input grows linearly: servers that escape every non-ASCII
/// character send exactly these bodies (640k `\u00e9` took 25 s when unescaping was quadratic).
@Suite struct LinearParsingTests {
    @Test(.timeLimit(.minutes(1)))
    func aStringOfHalfAMillionEscapesDecodesWhole() throws {
        let count = 500_000
        let text = "\"" + String(repeating: #"\u00e9"#, count: count) + "\""
        let value = try JSONValue.parse(text)
        let decoded = try #require(value.stringValue)
        #expect(decoded.unicodeScalars.count == count)
        #expect(decoded.unicodeScalars.allSatisfy { $0 == "\u{E9}" })
    }

    @Test func escapesBetweenRawRunsKeepEveryByte() throws {
        let value = try JSONValue.parse(#""a\u00e9b\nc€\"d\ud83d\ude00e""#)
        #expect(value.stringValue == "a\u{E9}b\nc€\"d😀e")
    }

    @Test func invalidUTF8AfterAnEscapeIsStillRefused() {
        let bytes: [UInt8] = Array(#""\n"#.utf8) + [0xC3, 0x28] + Array(#"""#.utf8)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: bytes) }
    }
}

@Suite struct ExcerptTests {
    @Test(arguments: [#"{"a":[1,2.5,"x\"y"],"b":null,"c":true}"#, #""short""#, "12", "[]", "{}"])
    func shortValuesReadAsTheirCompactText(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.excerpt() == value.compactText)
    }

    @Test func longValuesAreCutWithoutWritingThemWhole() throws {
        let long = JSONValue.string(String(repeating: "a", count: 20_000_000))
        #expect(long.excerpt(10) == "\"aaaaaaaa…")
        let wide = JSONValue.object(JSONObject((0..<100_000).map { ("k\($0)", JSONValue.integer(Int64($0))) }))
        let shown = wide.excerpt(30)
        #expect(shown.count == 30 && shown.hasPrefix(#"{"k0":0,"k1":1,"#) && shown.hasSuffix("…"))
        #expect(JSONValue.array([.string("é😀"), .string(String(repeating: "é", count: 100))]).excerpt(9) == "[\"é😀\",\"é…")
    }
}

@Suite struct ParsedContainerTests {
    /// The parser builds each container at its end from a shared stack: nesting, siblings and
    /// repeated keys must come out as the member-by-member construction made them.
    @Test func nestedContainersAndRepeatedKeysKeepTheirShape() throws {
        let value = try JSONValue.parse(#"{"a": [1, {"b": [], "c": {}}, [2, [3]]], "d": {"e": 1, "e": 2, "f": 3}, "a": "last"}"#)
        guard case .object(let top) = value else { Issue.record("not an object"); return }
        #expect(Array(top.keys) == ["a", "d"], "a repeated key keeps its first position")
        #expect(top["a"] == .string("last"), "and its last value")
        #expect(top["d"] == .object(JSONObject([("e", .integer(2)), ("f", .integer(3))])))
        let nested = try JSONValue.parse(#"[[1, [2, {"x": [3, 4]}]], {"y": {"z": [5]}}, 6]"#)
        #expect(nested.compactText == #"[[1,[2,{"x":[3,4]}]],{"y":{"z":[5]}},6]"#)
        // Above the scan threshold, duplicates go through the index.
        let many = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let big = try JSONValue.parse("{\(many), \"k3\": 99}")
        guard case .object(let object) = big else { Issue.record("not an object"); return }
        #expect(object.count == 20 && object["k3"] == .integer(99) && object.keys[3] == "k3")
        // "é" and "e\u{301}" are two members (code points), not a repeat.
        let names = try JSONValue.parse("{\"\u{e9}\": 1, \"e\u{301}\": 2}")
        #expect(names.objectValue?.count == 2)
    }

    /// A parsed object above the index threshold gets the parser's own positions (kept once
    /// a repeat was suspected) or an index built at its end; either way lookups, replacement,
    /// removal and insertion afterwards behave as in an object built member by member. Repeats
    /// land below, at and above the threshold.
    @Test(arguments: [0, JSONObject.indexThreshold - 1, JSONObject.indexThreshold, JSONObject.indexThreshold + 1, 40])
    func parsedObjectsAroundTheIndexThresholdMatchTheSetter(repeatAt: Int) throws {
        var text: [String] = []
        var expected = JSONObject()
        for number in 0..<(JSONObject.indexThreshold + 30) {
            let name = number == repeatAt ? "k0" : "k\(number)"
            text.append("\"\(name)\": \(number)")
            expected[name] = .integer(Int64(number))
            // One name spelled with an escape, and "é" beside "e\u{301}" (two members).
            if number == 20 { text.append(#""\u006b3": "escaped""#); expected["k3"] = .string("escaped") }
            if number == 25 {
                text.append("\"\u{e9}\": 1, \"e\u{301}\": 2")
                expected["\u{e9}"] = .integer(1)
                expected["e\u{301}"] = .integer(2)
            }
        }
        var parsed = try #require(try JSONValue.parse("{" + text.joined(separator: ", ") + "}").objectValue)
        #expect(parsed == expected && parsed.keys == expected.keys)
        for key in expected.keys { #expect(parsed[key] == expected[key], "\(key)") }
        #expect(parsed["e\u{301}"] == .integer(2) && parsed["\u{e9}"] == .integer(1) && parsed["missing"] == nil)
        parsed["k5"] = .null
        expected["k5"] = .null
        parsed["k1"] = nil
        expected["k1"] = nil
        parsed["new"] = .bool(true)
        expected["new"] = .bool(true)
        #expect(parsed == expected && parsed.keys == expected.keys)
        for key in expected.keys { #expect(parsed[key] == expected[key], "\(key)") }
    }

    /// The parser skips the scan for a repeated name when its filter (bits placed by a name's
    /// length and first byte, as decoded) has not seen the name's bit. Every repeat must still
    /// be found: an escaped spelling of an earlier name, names sharing a bit, more names than
    /// bits, above and below the index threshold. Checked against `JSONObject`'s own setter.
    @Test func repeatedNamesAreFoundWhateverTheFilterSays() throws {
        let spellings: [(written: String, name: String)] = [
            ("a", "a"), (#"\u0061"#, "a"), ("b", "b"), ("ab", "ab"), (#"a\u0062"#, "ab"), ("\u{e9}", "\u{e9}"),
            (#"\u00e9"#, "\u{e9}"), ("e\u{301}", "e\u{301}"), (#"\""#, "\""), ("", ""), (#"\\"#, "\\"), ("h", "h"),
        ]
        var generator = SplitMix64(state: 12)
        for round in 0..<300 {
            let count = round < 100 ? Int(generator.next() % 8) + 1 : Int(generator.next() % 90) + 1
            var text: [String] = []
            var expected = JSONObject()
            for position in 0..<count {
                let spelling: (written: String, name: String)
                if generator.next() % 2 == 0 {
                    spelling = spellings[Int(generator.next() % UInt64(spellings.count))]
                } else {
                    let name = "m\(generator.next() % UInt64(round < 200 ? 40 : 200))"
                    spelling = (name, name)
                }
                text.append("\"\(spelling.written)\": \(position)")
                expected[spelling.name] = .integer(Int64(position))
            }
            let parsed = try JSONValue.parse("{" + text.joined(separator: ",") + "}")
            guard case .object(let object) = parsed else { Issue.record("not an object"); return }
            #expect(object == expected, "round \(round): \(text.joined(separator: ","))")
        }
    }
}
