import Testing
@testable import ConformShape

/// A node applied twice to one object at one place (a page item through the list's `items`
/// and again through the item shape's `allOf`) is answered the second time by the first
/// application when that cannot change anything (`Evaluator.evaluateShared`). These checks
/// compare every result with the one of walking every application again.
@Suite struct SharedApplicationTests {
    static let pageSchema = #"""
        {"allOf": [
           {"$ref": "#/$defs/list"},
           {"properties": {"objects": {"items": {"$ref": "#/$defs/item"}}}}],
         "$defs": {
           "list": {"type": "object", "required": ["objects"],
                    "properties": {"objects": {"type": "array", "items": {"$ref": "#/$defs/object"}}, "count": {"type": "integer"}}},
           "object": {"type": "object", "required": ["id", "type"],
                      "properties": {"id": {"type": "string", "format": "uuid", "pattern": "^[0-9a-f-]{36}$"},
                                     "type": {"type": "string"},
                                     "tag": {"type": "string", "pattern": "^(a+)\\1$"},
                                     "meta": {"$ref": "#/$defs/meta"}}},
           "meta": {"type": "object", "properties": {"k": {"type": "integer"}}},
           "item": {"allOf": [{"$ref": "#/$defs/object"},
                              {"type": "object", "required": ["name", "due"],
                               "properties": {"type": {"const": "task"}, "name": {"type": ["string", "null"]},
                                              "due": {"type": "string", "format": "date"}}}]}}}
        """#

    static let items = [
        #"{"id": "0b6c6f0e-6a43-4a8e-9a4b-1d2a3b4c5d6e", "type": "task", "name": "n", "due": "2024-01-01", "meta": {"k": 1}}"#,
        #"{"id": "1b6c6f0e-6a43-4a8e-9a4b-1d2a3b4c5d6e", "type": "task", "name": null, "due": "2024-01-02", "x": 1, "meta": {"k": 2, "y": true}}"#,
        #"{"id": "2b6c6f0e-6a43-4a8e-9a4b-1d2a3b4c5d6e", "type": "task", "name": "n", "due_on": "2024-01-03"}"#,
        #"{"id": 7, "type": "task", "name": "n", "due": "2024-01-04", "extra": "e"}"#,
        #"{"id": "3b6c6f0e-6a43-4a8e-9a4b-1d2a3b4c5d6e", "type": "task", "name": "n", "due": "2024-01-05", "tag": "aaaa"}"#,
        #"{"id": "4b6c6f0e-6a43-4a8e-9a4b-1d2a3b4c5d6e", "type": "note", "name": "n", "due": "2024-01-06", "meta": {"k": "one"}}"#,
        #"{"id": "5B6C6F0E-6A43-4A8E-9A4B-1D2A3B4C5D6E", "type": "task", "name": "n", "due": "2024-01-07", "tag": "aaa", "z": []}"#,
    ]

    static var options: [ShapeCheckOptions] {
        var all: [ShapeCheckOptions] = [.default, ShapeCheckOptions(rejectUnknown: true)]
        all += (1...16).map { ShapeCheckOptions(maximumDepth: $0) }
        all += [1, 2, 3, 5].map { ShapeCheckOptions(maximumMismatches: $0) }
        all += [0, 1].map { ShapeCheckOptions(maximumDriftPerObject: $0) }
        all += [1, 3, 10, 40].map { ShapeCheckOptions(patternStepBudget: $0) }
        all += [0, 3, 10, 25, 60].map { ShapeCheckOptions(patternStepBudgetPerCheck: $0) }
        return all
    }

    func compare(_ schema: CompiledSchema, _ instance: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for options in Self.options {
            let reused = schema.check(instance, options: options, reusingSharedApplications: true, isCancelled: { false })
            let walked = schema.check(instance, options: options, reusingSharedApplications: false, isCancelled: { false })
            #expect(reused == walked, "options \(options)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyPageGivesTheSameResultWithAndWithoutReuse() throws {
        let schema = try compile(Self.pageSchema)
        // Every single item, every pair, and all of them, on one page.
        var pages: [[String]] = Self.items.map { [$0] }
        for first in Self.items.indices { for second in Self.items.indices { pages.append([Self.items[first], Self.items[second]]) } }
        pages.append(Self.items)
        for page in pages {
            compare(schema, json(#"{"objects": [\#(page.joined(separator: ", "))], "count": \#(page.count), "more": false}"#))
        }
    }

    @Test func theSameObjectAtTwoPlacesIsCheckedAtEach() throws {
        let schema = try compile(Self.pageSchema)
        for item in Self.items {
            // One stored object at two indices: the same instance, two paths.
            guard case .object(let object) = json(item) else { Issue.record("not an object"); continue }
            compare(schema, .object(JSONObject([("objects", .array([.object(object), .object(object)]))])))
        }
    }

    @Test func aCleanPageIsAnsweredFromTheFirstApplication() throws {
        let schema = try compile(Self.pageSchema)
        let object = schema.program.nodes.indices.filter { schema.program.sharedTargets[$0] }
        #expect(object.count == 1, "only `object` is named by two `$ref`s")
        var evaluator = Evaluator(program: schema.program, options: .default, collecting: true)
        let passed = evaluator.evaluate(schema.root, json(#"{"objects": [\#(Self.items[0]), \#(Self.items[1])]}"#))
        #expect(passed)
        #expect(evaluator.sharedApplications.count == 2)
        #expect(evaluator.findings.mismatches.isEmpty)
    }
}
