import Testing
@testable import ConformShape

/// `true`, `1` and `1.0` are three different things to a contract: a boolean that turned
/// into `1` is a breaking change, while `1.0` for an integer is allowed by JSON Schema.
@Suite struct TypeAndEqualityTests {
    @Test(arguments: [
        // (type, instance, valid)
        ("integer", "1", true),
        ("integer", "1.0", true),
        ("integer", "1.5", false),
        ("integer", "true", false),
        ("integer", "\"1\"", false),
        ("number", "1", true),
        ("number", "1.0", true),
        ("number", "false", false),
        ("boolean", "true", true),
        ("boolean", "1", false),
        ("boolean", "0", false),
        ("boolean", "1.0", false),
        ("null", "null", true),
        ("null", "0", false),
        ("string", "\"true\"", true),
        ("string", "true", false),
        ("array", "[]", true),
        ("object", "[]", false),
    ])
    func typeKeepsKindsApart(type: String, instance: String, valid: Bool) throws {
        let schema = try compile(#"{"type": "\#(type)"}"#)
        #expect(schema.check(json(instance)).passed == valid)
        #expect(schema.validates(json(instance)) == valid)
    }

    @Test(arguments: [
        // (allowed values, instance, valid)
        ("[1]", "1", true),
        ("[1]", "1.0", true),
        ("[1]", "true", false),
        ("[true]", "1", false),
        ("[true]", "true", true),
        ("[0]", "false", false),
        ("[false]", "0", false),
        ("[1.0]", "1", true),
        ("[[1]]", "[true]", false),
        ("[{\"a\": 1}]", "{\"a\": true}", false),
        ("[{\"a\": 1, \"b\": 2}]", "{\"b\": 2, \"a\": 1.0}", true),
        ("[null]", "0", false),
    ])
    func enumAndConstUseJSONEquality(allowed: String, instance: String, valid: Bool) throws {
        let enumSchema = try compile(#"{"enum": \#(allowed)}"#)
        #expect(enumSchema.check(json(instance)).passed == valid, "enum \(allowed) vs \(instance)")
        let single = try #require(json(allowed).arrayValue?.first)
        let constSchema = try compile(#"{"const": \#(single.compactText)}"#)
        #expect(constSchema.check(json(instance)).passed == valid, "const \(single) vs \(instance)")
        #expect(constSchema.validates(json(instance)) == valid)
    }

    @Test func typeListAcceptsNull() throws {
        let schema = try compile(#"{"type": ["string", "null"]}"#)
        #expect(schema.check(json("null")).passed)
        #expect(schema.check(json("\"x\"")).passed)
        let result = schema.check(json("1"))
        #expect(result.mismatches.map(\.expected) == ["string or null"])
        #expect(result.mismatches.map(\.actual) == ["integer 1"])
    }

    @Test func typeMismatchNamesIntegerAndNumberAndBoolean() throws {
        let schema = try compile(#"{"type": "boolean"}"#)
        #expect(schema.check(json("1")).mismatches.first?.actual == "integer 1")
        #expect(schema.check(json("1.0")).mismatches.first?.actual == "number 1.0")
        let integer = try compile(#"{"type": "integer"}"#)
        #expect(integer.check(json("true")).mismatches.first?.actual == "boolean true")
    }

    @Test func largeIntegersCompareExactly() throws {
        // 2^53 + 1 is not representable as a double; the bound must still be exact.
        let schema = try compile(#"{"maximum": 9007199254740992}"#)
        #expect(schema.check(json("9007199254740992")).passed)
        #expect(!schema.check(json("9007199254740993")).passed)
    }

    @Test(arguments: [
        ("0.01", "19.99", true),
        ("0.01", "19.991", false),
        ("0.1", "0.3", true),
        ("3", "9", true),
        ("3", "10", false),
        ("1.5", "4.5", true),
        ("0.5", "true", true),  // not a number: multipleOf does not apply
    ])
    func multipleOfUsesTheWrittenDecimals(divisor: String, instance: String, valid: Bool) throws {
        let schema = try compile(#"{"multipleOf": \#(divisor)}"#)
        #expect(schema.check(json(instance)).passed == valid)
    }

    @Test func lengthCountsCodePoints() throws {
        let schema = try compile(#"{"maxLength": 2, "minLength": 2}"#)
        #expect(schema.check(json(#""💩💩""#)).passed)  // two code points, four UTF-16 units
        #expect(schema.check(json(#""e\u0301""#)).passed)  // one grapheme, two code points
        #expect(!schema.check(json(#""é""#)).passed)
    }
}
