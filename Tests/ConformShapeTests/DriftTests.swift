import Testing
@testable import ConformShape

/// The contract rule: a property the spec does not declare never fails a check; it is
/// recorded as drift. Declared-but-missing, renamed or retyped properties fail.
@Suite struct DriftTests {
    static let listSchema = #"""
        {"type": "object",
         "properties": {"objects": {"type": "array", "items": {"$ref": "#/$defs/object"}}},
         "$defs": {"object": {
            "type": "object",
            "required": ["id"],
            "properties": {
              "id": {"type": "string"},
              "status": {"type": "object", "properties": {"key": {"type": "integer"}, "display": {"type": "string"}}},
              "meta": {"type": "object"}
            }}}}
        """#

    func paths(_ result: ShapeCheckResult) -> [String] { result.drift.map(\.path.description) }

    @Test func undeclaredPropertiesPassAndAreRecorded() throws {
        let result = try check(#"{"properties": {"id": {"type": "integer"}}}"#, #"{"id": 1, "created_by": "ann"}"#)
        #expect(result.passed)
        #expect(result.drift == [ShapeDrift(path: JSONPath([.key("created_by")]), type: "string")])
        #expect(result.drift.first?.description == "unknown field `$.created_by` (string)")
    }

    @Test func nestedArraysOfObjectsSortedByPathWithNumericIndices() throws {
        var objects: [String] = []
        for index in 0..<11 {
            let extra = index == 2 || index == 10 ? #", "created_by": "x""# : ""
            objects.append(#"{"id": "\#(index)", "status": {"key": 0, "display": "Open", "color": "red"}\#(extra)}"#)
        }
        let result = try check(Self.listSchema, #"{"objects": [\#(objects.joined(separator: ","))], "count": 11}"#)
        #expect(result.passed)
        var expected = ["$.count"]
        for index in 0..<11 {
            if index == 2 || index == 10 { expected.append("$.objects[\(index)].created_by") }
            expected.append("$.objects[\(index)].status.color")
        }
        #expect(paths(result) == expected)
        #expect(result.drift.first { $0.path.description == "$.count" }?.type == "integer")
    }

    @Test func objectsTheSchemaDoesNotDescribeRecordNothing() throws {
        // `meta` is `{type: object}`: the spec chose not to describe its fields.
        let result = try check(Self.listSchema, #"{"objects": [{"id": "1", "meta": {"anything": true}}]}"#)
        #expect(result.drift.isEmpty)
        #expect(try check(#"{"type": "object"}"#, #"{"a": 1}"#).drift.isEmpty)
    }

    @Test func allOfBranchesDeclareTogether() throws {
        let result = try check(#"{"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]}"#, #"{"a": 1, "b": 2, "c": 3}"#)
        #expect(paths(result) == ["$.c"])
    }

    @Test func branchesDescribingTheSameChildMerge() throws {
        let schema = #"""
            {"allOf": [{"properties": {"x": {"properties": {"p": {}}}}},
                       {"properties": {"x": {"properties": {"q": {}}}}}]}
            """#
        #expect(paths(try check(schema, #"{"x": {"p": 1, "q": 2, "r": 3}}"#)) == ["$.x.r"])
    }

    @Test func onlyPassingAnyOfBranchesDeclare() throws {
        let schema = #"""
            {"anyOf": [{"properties": {"a": {"type": "integer"}}, "required": ["a"]},
                       {"properties": {"b": {"type": "string"}}, "required": ["b"]}]}
            """#
        let oneBranch = try check(schema, #"{"a": 1, "b": 2, "c": 3}"#)
        #expect(oneBranch.passed)
        #expect(paths(oneBranch) == ["$.b", "$.c"])
        let bothBranches = try check(schema, #"{"a": 1, "b": "s"}"#)
        #expect(bothBranches.drift.isEmpty)
    }

    @Test func refAndSiblingPropertiesDeclareTogether() throws {
        let schema = ##"{"$ref": "#/$defs/base", "properties": {"extra": {}}, "$defs": {"base": {"properties": {"id": {}}}}}"##
        #expect(paths(try check(schema, #"{"id": 1, "extra": 2, "new": 3}"#)) == ["$.new"])
    }

    @Test func ifThatPassesDeclaresItsProperties() throws {
        let schema = #"""
            {"properties": {"kind": {}},
             "if": {"properties": {"kind": {"const": "a"}, "alpha": {}}},
             "then": {"required": ["alpha"]}}
            """#
        #expect(paths(try check(schema, #"{"kind": "a", "alpha": 1, "beta": 2}"#)) == ["$.beta"])
    }

    @Test(arguments: [
        (#"{"properties": {"a": {}}, "additionalProperties": true}"#, [String]()),
        (#"{"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}"#, []),
        (#"{"properties": {"a": {}}, "patternProperties": {"^x-": {}}}"#, ["$.z"]),
        (#"{"required": ["a"]}"#, ["$['x-b']", "$.z"]),
    ])
    func whatCountsAsDeclared(schema: String, drift: [String]) throws {
        let result = try check(schema, #"{"a": 1, "x-b": 2, "z": 3}"#)
        #expect(paths(result) == drift)
    }

    @Test func sameLocationReachedTwiceIsRecordedOnce() throws {
        let schema = ##"{"allOf": [{"$ref": "#/$defs/o"}, {"$ref": "#/$defs/o"}], "$defs": {"o": {"properties": {"a": {}}}}}"##
        let compiled = try compile(schema)
        let first = compiled.check(json(#"{"a": 1, "b": 2, "c": 3}"#))
        #expect(first.drift.map(\.path.description) == ["$.b", "$.c"])
        #expect(compiled.check(json(#"{"c": 3, "b": 2, "a": 1}"#)).drift == first.drift)
    }

    @Test func driftIsKeptWhenTheCheckFails() throws {
        let result = try check(Self.listSchema, #"{"objects": [{"status": {"key": "0"}, "created_by": "x"}]}"#)
        #expect(result.mismatches.map(\.path.description) == ["$.objects[0].id", "$.objects[0].status.key"])
        #expect(paths(result) == ["$.objects[0].created_by"])
    }

    // MARK: - Strict mode

    @Test func strictModeTurnsDriftIntoMismatches() throws {
        let options = ShapeCheckOptions(rejectUnknown: true)
        let result = try check(Self.listSchema, #"{"objects": [{"id": "1", "created_by": "x"}]}"#, options: options)
        #expect(result.drift.isEmpty)
        #expect(result.mismatches.count == 1)
        let mismatch = try #require(result.mismatches.first)
        #expect(mismatch.path.description == "$.objects[0].created_by")
        #expect(mismatch.keyword == "unknown")
        #expect(mismatch.expected == "no undeclared property")
        #expect(mismatch.actual == "string")
        #expect(mismatch.schemaLocation.pointer.description == "/$defs/object")
        #expect(mismatch.message == "$.objects[0].created_by: undeclared property (string); unknown fields are rejected")
    }

    @Test func strictModeRespectsAnExplicitAdditionalProperties() throws {
        let options = ShapeCheckOptions(rejectUnknown: true)
        #expect(try check(#"{"properties": {"a": {}}, "additionalProperties": true}"#, #"{"b": 1}"#, options: options).passed)
        #expect(!(try check(#"{"properties": {"a": {}}}"#, #"{"b": 1}"#, options: options).passed))
        let open = try compile(#"{"properties": {"a": {}}}"#)
        #expect(open.validates(json(#"{"b": 1}"#)))
        #expect(!open.validates(json(#"{"b": 1}"#), options: options))
    }

    // MARK: - Renames

    static let renameSchema = #"""
        {"properties": {"objects": {"items": {
            "required": ["id", "updated_at"],
            "properties": {"id": {"type": "integer"}, "updated_at": {"type": "string", "format": "date-time"}}}}}}
        """#

    @Test func missingFieldNextToAMatchingNewOneIsAProbableRename() throws {
        let result = try check(Self.renameSchema,
            #"{"objects": [{"id": 1, "note": "x", "modified_at": "2015-02-05T08:17:01Z"}]}"#)
        #expect(result.mismatches.map(\.message) == ["$.objects[0]: `updated_at` missing; `modified_at` appeared — renamed?"])
        #expect(result.mismatches.first?.path.description == "$.objects[0].updated_at")
        // A value every report reads, not a sentence to search.
        #expect(result.mismatches.map(\.renamedTo) == ["modified_at"])
        #expect(result.drift.map(\.probableRenameOf) == [Optional("updated_at"), nil])
        #expect(result.drift.map(\.path.description) == ["$.objects[0].modified_at", "$.objects[0].note"])
        #expect(result.drift.first?.description == "unknown field `$.objects[0].modified_at` (string); probably `updated_at` renamed")
    }

    @Test func sameTypeIsEnoughForARenameHint() throws {
        let result = try check(Self.renameSchema, #"{"objects": [{"id": 1, "modified_at": "yesterday"}]}"#)
        #expect(result.mismatches.first?.message == "$.objects[0]: `updated_at` missing; `modified_at` appeared — renamed?")
    }

    @Test func closerNameWinsAmongEqualFits() throws {
        let result = try check(Self.renameSchema, #"{"objects": [{"id": 1, "zzz": "2015-02-05T08:17:01Z", "updatedAt": "2015-02-05T08:17:01Z"}]}"#)
        #expect(result.mismatches.first?.message == "$.objects[0]: `updated_at` missing; `updatedAt` appeared — renamed?")
    }

    @Test func noRenameHintForAValueOfAnotherType() throws {
        let result = try check(Self.renameSchema, #"{"objects": [{"id": 1, "modified_at": 5}]}"#)
        #expect(result.mismatches.map(\.message) == ["$.objects[0]: missing required property `updated_at` (date-time string)"])
        #expect(result.drift.first?.probableRenameOf == nil)
    }

    @Test func strictModeKeepsTheRenameHint() throws {
        let result = try check(Self.renameSchema, #"{"objects": [{"id": 1, "modified_at": "2015-02-05T08:17:01Z"}]}"#,
            options: ShapeCheckOptions(rejectUnknown: true))
        // Sorted by path: `$.objects[0].modified_at` before `$.objects[0].updated_at`.
        #expect(result.mismatches.map(\.message) == [
            "$.objects[0].modified_at: undeclared property (string); probably `updated_at` renamed; unknown fields are rejected",
            "$.objects[0]: `updated_at` missing; `modified_at` appeared — renamed?",
        ])
    }
}
