import Testing
@testable import ConformShape

/// A compiled schema is checked thousands of times per run, from many tasks at once.
@Suite struct ScaleTests {
    static let listSchema = ##"""
        {"type": "object", "required": ["objects", "count"],
         "properties": {
           "count": {"type": "integer", "minimum": 0},
           "objects": {"type": "array", "items": {"$ref": "#/$defs/task"}}},
         "$defs": {
           "task": {"type": "object", "required": ["id", "name", "status", "updated_at"],
             "properties": {
               "id": {"type": "string", "format": "uuid"},
               "name": {"type": "string", "minLength": 1, "pattern": "^[A-Za-z0-9 ]+$"},
               "updated_at": {"type": "string", "format": "date-time"},
               "due": {"type": ["string", "null"], "format": "date"},
               "status": {"anyOf": [{"$ref": "#/$defs/status"}, {"type": "null"}]},
               "tags": {"type": "array", "items": {"enum": ["home", "work", "urgent"]}, "uniqueItems": true}}},
           "status": {"type": "object", "required": ["key", "display"],
             "properties": {"key": {"type": "integer"}, "display": {"type": "string"}}}}}
        """##

    static func list(count: Int, extraField: Bool = false) -> JSONValue {
        var objects: [JSONValue] = []
        objects.reserveCapacity(count)
        for index in 0..<count {
            var object = JSONObject()
            object["id"] = .string("2eb8aa08-aa98-11ea-b4aa-\(String(100_000_000_000 + index))")
            object["name"] = .string("Task \(index)")
            object["updated_at"] = .string("2015-02-05T08:17:01.123Z")
            object["due"] = index % 2 == 0 ? .string("2015-02-28") : .null
            object["status"] = .object(JSONObject([("key", .integer(Int64(index % 3))), ("display", .string("Open"))]))
            object["tags"] = .array([.string("home"), .string("urgent")])
            if extraField { object["created_by"] = .string("ann") }
            objects.append(.object(object))
        }
        return .object(JSONObject([("objects", .array(objects)), ("count", .integer(Int64(count)))]))
    }

    /// Correctness at list scale; its speed is measured in bench/, never asserted here.
    @Test func thousandObjectListRecordsEveryDrift() throws {
        let schema = try compile(Self.listSchema)
        let instance = Self.list(count: 1000, extraField: true)
        let result = schema.check(instance)
        #expect(result.passed, "\(result.mismatches.prefix(3))")
        #expect(result.drift.count == 1000)
        #expect(result.drift.last?.path.description == "$.objects[999].created_by")
    }

    @Test func manyTasksShareOneCompiledSchema() async throws {
        let schema = try compile(Self.listSchema)
        let good = Self.list(count: 50)
        var badObject = Self.list(count: 50).objectValue ?? JSONObject()
        badObject["count"] = .string("50")
        let bad = JSONValue.object(badObject)
        let outcomes = await withTaskGroup(of: (Bool, Int).self) { group in
            for index in 0..<64 {
                group.addTask {
                    let result = schema.check(index % 2 == 0 ? good : bad)
                    return (index % 2 == 0, result.mismatches.count)
                }
            }
            var collected: [(Bool, Int)] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        #expect(outcomes.count == 64)
        for (wasGood, mismatches) in outcomes {
            #expect(mismatches == (wasGood ? 0 : 1))
        }
    }
}

/// What one response can make the checker keep is bounded; the rest is counted, never lost.
@Suite struct CheckBoundsTests {
    static func object(members: Int) -> JSONValue {
        .object(JSONObject((0..<members).map { ("k\($0)", JSONValue.integer(Int64($0))) }))
    }

    @Test func undeclaredMembersAreKeptUpToTheBoundAndCounted() throws {
        let schema = try compile(#"{"type":"object","properties":{"k0":{"type":"integer"}}}"#)
        let result = schema.check(Self.object(members: 5001))
        #expect(result.passed)
        #expect(result.drift.count == 1000 && result.driftOmitted == 4000)
        let strict = schema.check(Self.object(members: 5001), options: ShapeCheckOptions(rejectUnknown: true))
        #expect(!strict.passed && strict.mismatches.count == 200)
        #expect(strict.mismatches.count + strict.mismatchesOmitted == 5000, "every rejected member is counted")
    }

    @Test func mismatchesAreKeptUpToTheBoundAndCounted() throws {
        let schema = try compile(#"{"type":"object","properties":{"k0":{"type":"integer"}},"additionalProperties":false}"#)
        let result = schema.check(Self.object(members: 3001))
        #expect(!result.passed)
        #expect(result.mismatches.count == 200 && result.mismatchesOmitted == 2800)
        let roomy = schema.check(Self.object(members: 3001), options: ShapeCheckOptions(maximumMismatches: 10_000))
        #expect(roomy.mismatches.count == 3000 && roomy.mismatchesOmitted == 0)
    }
}
