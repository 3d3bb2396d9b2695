import Testing
@testable import ConformShape

/// A pattern the bounded backtracker cannot decide within its budget is an error mismatch
/// naming the pattern, the path and the budget: never a pass, and never lost inside `not`
/// or a combinator branch.
@Suite struct PatternUndecidedTests {
    static let hostile = String(repeating: "a", count: 30) + "b"

    func compile(_ schema: String) throws -> CompiledSchema {
        var registry = SchemaRegistry()
        registry.register(try JSONValue.parse(schema), as: "https://conform.invalid/undecided.json")
        return try registry.compile(uri: "https://conform.invalid/undecided.json")
    }

    @Test func anUndecidedPatternIsAnErrorMismatch() throws {
        let schema = try compile(#"{"properties": {"x": {"type": "string", "pattern": "^(a+)+\\1$"}}}"#)
        let result = schema.check((["x": .string(Self.hostile)] as JSONValue))
        #expect(!result.passed)
        let mismatch = try #require(result.mismatches.first)
        #expect(result.mismatches.count == 1)
        #expect(mismatch.isError)
        #expect(mismatch.keyword == "pattern")
        #expect(mismatch.path.description == "$.x")
        #expect(mismatch.message.contains(#"pattern `^(a+)+\1$` not decided within 1000000 steps at $.x"#), "\(mismatch.message)")
        #expect(!schema.validates((["x": .string(Self.hostile)] as JSONValue)))
        // A decided string is an ordinary result.
        #expect(schema.check((["x": .string("aa")] as JSONValue)).passed)
        let plain = schema.check((["x": .string("ab")] as JSONValue))
        #expect(plain.mismatches.map(\.isError) == [false])
    }

    @Test func theBudgetComesFromTheOptions() throws {
        let schema = try compile(#"{"pattern": "^(a+)\\1$"}"#)
        let input = JSONValue.string(String(repeating: "a", count: 400))
        #expect(schema.check(input).passed)
        let tight = schema.check(input, options: ShapeCheckOptions(patternStepBudget: 50))
        #expect(tight.mismatches.map(\.isError) == [true])
        #expect(tight.mismatches.first?.message.contains("within 50 steps") == true)
    }

    @Test func notAndAnyOfCannotHideIt() throws {
        let negated = try compile(#"{"not": {"pattern": "^(a+)+\\1$"}}"#)
        let result = negated.check(.string(Self.hostile))
        #expect(result.mismatches.contains { $0.isError && $0.keyword == "pattern" })
        #expect(!negated.validates(.string(Self.hostile)))
        let either = try compile(#"{"anyOf": [{"pattern": "^(a+)+\\1$"}, {"type": "string"}]}"#)
        #expect(either.check(.string(Self.hostile)).mismatches.contains { $0.isError })
    }

    @Test func patternPropertiesReportTheKey() throws {
        let schema = try compile(#"{"patternProperties": {"^(a+)+\\1$": {"type": "integer"}}, "additionalProperties": false}"#)
        let result = schema.check(([Self.hostile: .integer(1)] as JSONValue))
        #expect(result.mismatches.count == 1)
        #expect(result.mismatches.first?.isError == true)
        #expect(result.mismatches.first?.path.description == "$.\(Self.hostile)")
    }

    @Test func manyHostileStringsShareOneBudgetPerCheck() throws {
        let schema = try compile(#"{"type": "array", "items": {"pattern": "^(a+)+\\1$"}}"#)
        let strings = JSONValue.array(Array(repeating: .string(Self.hostile), count: 50))
        let options = ShapeCheckOptions(patternStepBudget: 1000, patternStepBudgetPerCheck: 5000)
        let result = schema.check(strings, options: options)
        #expect(result.mismatches.count == 50)
        #expect(result.mismatches.allSatisfy { $0.isError })
        // The first five use their own budget; then the check's is spent.
        #expect(result.mismatches.filter { $0.message.contains("not decided within 1000 steps") }.count == 5)
        #expect(result.mismatches.last?.message.contains("this check's pattern budget of 5000 steps is spent") == true)
        #expect(!schema.validates(strings, options: options))
    }
}

