import Testing
@testable import ConformShape

/// What a user reads when a check fails: the instance path, the keyword, expected and
/// actual, the schema pointer to blame, and one line saying it all.
@Suite struct MismatchMessageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let schema: String
        let instance: String
        let path: String
        let keyword: String
        let expected: String
        let actual: String
        let pointer: String
        var testDescription: String { "\(keyword) at \(path)" }
    }

    static let cases: [Case] = [
        Case(schema: #"{"properties": {"id": {"type": "integer"}}}"#, instance: #"{"id": "5"}"#,
            path: "$.id", keyword: "type", expected: "integer", actual: #"string "5""#, pointer: "/properties/id/type"),
        Case(schema: #"{"enum": ["a", "b"]}"#, instance: #""c""#,
            path: "$", keyword: "enum", expected: #"one of ["a","b"]"#, actual: #""c""#, pointer: "/enum"),
        Case(schema: #"{"properties": {"updated_at": {"type": "string", "format": "date-time"}}, "required": ["updated_at"]}"#,
            instance: #"{}"#, path: "$.updated_at", keyword: "required",
            expected: #"property "updated_at" (date-time string)"#, actual: "missing", pointer: "/required"),
        Case(schema: #"{"const": 0}"#, instance: "1", path: "$", keyword: "const", expected: "0", actual: "1", pointer: "/const"),
        Case(schema: #"{"minimum": 1}"#, instance: "0", path: "$", keyword: "minimum", expected: ">= 1", actual: "0",
            pointer: "/minimum"),
        Case(schema: #"{"exclusiveMaximum": 10}"#, instance: "10", path: "$", keyword: "exclusiveMaximum",
            expected: "< 10", actual: "10", pointer: "/exclusiveMaximum"),
        Case(schema: #"{"maxLength": 3}"#, instance: #""abcd""#, path: "$", keyword: "maxLength",
            expected: "at most 3 characters", actual: #"4 ("abcd")"#, pointer: "/maxLength"),
        Case(schema: #"{"pattern": "^[a-z]+$"}"#, instance: #""A1""#, path: "$", keyword: "pattern",
            expected: "string matching /^[a-z]+$/", actual: #""A1""#, pointer: "/pattern"),
        Case(schema: #"{"format": "uuid"}"#, instance: #""x""#, path: "$", keyword: "format",
            expected: "uuid string", actual: #""x""#, pointer: "/format"),
        Case(schema: #"{"minItems": 2}"#, instance: "[1]", path: "$", keyword: "minItems",
            expected: "at least 2 items", actual: "1", pointer: "/minItems"),
        Case(schema: #"{"properties": {"a": {}}, "additionalProperties": false}"#, instance: #"{"a": 1, "b": "x"}"#,
            path: "$.b", keyword: "additionalProperties", expected: "no undeclared property (declared: a)",
            actual: #"string "x""#, pointer: "/additionalProperties"),
        Case(schema: #"{"items": {"properties": {"status": {"properties": {"key": {"type": "integer"}}}}}}"#,
            instance: #"[{"status": {"key": 0}}, {"status": {"key": "1"}}]"#, path: "$[1].status.key", keyword: "type",
            expected: "integer", actual: #"string "1""#, pointer: "/items/properties/status/properties/key/type"),
        Case(schema: #"{"uniqueItems": true}"#, instance: "[1, 2, 1.0]", path: "$", keyword: "uniqueItems",
            expected: "unique items", actual: "items 0 and 2 are both 1.0", pointer: "/uniqueItems"),
        Case(schema: #"{"not": {"type": "null"}}"#, instance: "null", path: "$", keyword: "not",
            expected: "not null", actual: "null", pointer: "/not"),
        Case(schema: #"{"contains": {"type": "string"}}"#, instance: "[1]", path: "$", keyword: "contains",
            expected: "at least 1 item matching string", actual: "0 of 1 match", pointer: "/contains"),
        Case(schema: #"{"dependentRequired": {"a": ["b"]}}"#, instance: #"{"a": 1}"#, path: "$.b",
            keyword: "dependentRequired", expected: #"property "b" (required when "a" is present)"#, actual: "missing",
            pointer: "/dependentRequired"),
        Case(schema: #"{"properties": {"x": false}}"#, instance: #"{"x": 1}"#, path: "$.x", keyword: "false",
            expected: "nothing here (`false` schema)", actual: "integer 1", pointer: "/properties/x"),
        Case(schema: #"{"prefixItems": [{}], "items": false}"#, instance: "[1, 2]", path: "$", keyword: "items",
            expected: "at most 1 item (`items: false` after `prefixItems`)", actual: "2 items", pointer: "/items"),
        Case(schema: #"{"type": "object", "properties": {"a": {}}}"#, instance: "[]", path: "$", keyword: "type",
            expected: "object {a}", actual: "array []", pointer: "/type"),
        Case(schema: #"{"properties": {"odd key": {"type": "string"}}}"#, instance: #"{"odd key": null}"#,
            path: "$['odd key']", keyword: "type", expected: "string", actual: "null", pointer: "/properties/odd key/type"),
    ]

    @Test(arguments: cases)
    func mismatchShape(_ c: Case) throws {
        let result = try check(c.schema, c.instance)
        #expect(result.mismatches.count == 1, "\(result.mismatches)")
        let mismatch = try #require(result.mismatches.first)
        #expect(mismatch.path.description == c.path)
        #expect(mismatch.keyword == c.keyword)
        #expect(mismatch.expected == c.expected)
        #expect(mismatch.actual == c.actual)
        #expect(mismatch.schemaLocation.document == "/specs/shapes/test.json")
        #expect(mismatch.schemaLocation.pointer.description == c.pointer)
        #expect(!mismatch.message.contains("\n"))
        // Keywords about presence have their own sentences (tested below); the rest share one form.
        if !["required", "dependentRequired", "additionalProperties"].contains(c.keyword) {
            #expect(mismatch.message == "\(c.path): expected \(c.expected), actual \(c.actual)")
        }
    }

    @Test func undeclaredPropertyMessageSaysWhy() throws {
        let result = try check(#"{"properties": {"a": {}}, "additionalProperties": false}"#, #"{"a": 1, "b": "x"}"#)
        #expect(result.mismatches.map(\.message) == ["$.b: undeclared property (string) where `additionalProperties: false`"])
    }

    @Test func missingPropertyMessageNamesTheObjectAndTheField() throws {
        let result = try check(#"{"properties": {"updated_at": {"type": "string"}}, "required": ["updated_at"]}"#,
            #"{"objects": []}"#)
        #expect(result.mismatches.map(\.message) == ["$: missing required property `updated_at` (string)"])
    }

    @Test func reportsEveryMismatchNotOnlyTheFirst() throws {
        let schema = #"""
            {"type": "object",
             "required": ["id", "name"],
             "properties": {
               "id": {"type": "string", "format": "uuid"},
               "count": {"type": "integer", "minimum": 0},
               "tags": {"type": "array", "items": {"type": "string"}}
             }}
            """#
        let result = try check(schema, #"{"id": "nope", "count": -1.5, "tags": ["a", 2, "c", false]}"#)
        let summary = result.mismatches.map { "\($0.path) \($0.keyword)" }
        #expect(summary == [
            "$.count type", "$.count minimum", "$.id format", "$.name required", "$.tags[1] type", "$.tags[3] type",
        ])
        #expect(!result.passed)
    }

    // MARK: - Alternatives

    static let statusSchema = #"""
        {"properties": {"status": {"oneOf": [
            {"type": "object", "properties": {"key": {"type": "integer"}, "display": {"type": "string"}},
             "required": ["key", "display"]},
            {"type": "null"}
        ]}}}
        """#

    @Test func valueThatFitsNoAlternativeListsThemAll() throws {
        let result = try check(Self.statusSchema, #"{"status": 1}"#)
        #expect(result.mismatches.count == 1)
        let mismatch = try #require(result.mismatches.first)
        #expect(mismatch.path.description == "$.status")
        #expect(mismatch.keyword == "oneOf")
        #expect(mismatch.expected == "object {key, display} | null")
        #expect(mismatch.actual == "integer 1")
        #expect(mismatch.message == "$.status: expected object {key, display} | null (oneOf), actual integer 1")
        #expect(mismatch.schemaLocation.pointer.description == "/properties/status/oneOf")
    }

    @Test func closestAlternativeExplainsItself() throws {
        let result = try check(Self.statusSchema, #"{"status": {"key": 1}}"#)
        #expect(result.mismatches.count == 1)
        let mismatch = try #require(result.mismatches.first)
        #expect(mismatch.path.description == "$.status.display")
        #expect(mismatch.keyword == "required")
        #expect(mismatch.message
            == "$.status: missing required property `display` (string) — closest of 2 `oneOf` alternatives: #1 (object {key, display})")
    }

    @Test func taggedUnionPicksTheAlternativeWhoseTagMatches() throws {
        let schema = #"""
            {"anyOf": [
              {"properties": {"kind": {"const": "circle"}, "radius": {"type": "number"}}, "required": ["kind", "radius"]},
              {"properties": {"kind": {"const": "square"}, "side": {"type": "number"}}, "required": ["kind", "side"]}
            ]}
            """#
        let result = try check(schema, #"{"kind": "square", "side": "big"}"#)
        #expect(result.mismatches.map(\.path.description) == ["$.side"])
        #expect(result.mismatches.first?.message.hasSuffix("closest of 2 `anyOf` alternatives: #2 (object {kind, side})") == true)
    }

    @Test func oneOfMatchingTwiceSaysWhich() throws {
        let result = try check(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}, {"type": "string"}]}"#, "3")
        #expect(result.mismatches.map(\.expected) == ["exactly one of 3 alternatives"])
        #expect(result.mismatches.map(\.actual) == ["integer 3 matches 2: #1, #2"])
    }
}
