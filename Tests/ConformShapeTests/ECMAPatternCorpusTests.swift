import Foundation
import Testing
@testable import ConformShape

/// The ECMA-262 dialect, as data: `Tests/Corpus/patterns.json` lists patterns, inputs and what
/// ECMA-262 (unicode mode) answers — match, no match, a compile error, or (for patterns that
/// need the backtracker) the budget outcome. The pathological entries have inputs of tens of
/// thousands of characters: a backtracking engine would not return, the automaton answers at
/// once. Nothing here is timed; a regression would show as a hang.
@Suite struct ECMAPatternCorpusTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        let pattern: String
        /// The string matched: the file's `input`, repeated `repeat` times (default 1), then
        /// `suffix` — so long pathological inputs stay one line in the file.
        let input: String
        let expected: Expected
        let why: String

        enum CodingKeys: String, CodingKey {
            case pattern, input, `repeat`, suffix, expected, why
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pattern = try container.decode(String.self, forKey: .pattern)
            let unit = try container.decode(String.self, forKey: .input)
            let count = try container.decodeIfPresent(Int.self, forKey: .repeat) ?? 1
            input = String(repeating: unit, count: count) + (try container.decodeIfPresent(String.self, forKey: .suffix) ?? "")
            expected = try container.decode(Expected.self, forKey: .expected)
            why = try container.decode(String.self, forKey: .why)
        }

        enum Expected: String, Decodable, Sendable {
            case match, nomatch, budget
            case compileError = "compile-error"
        }

        var testDescription: String { "/\(pattern)/ on \"\(input.prefix(24))\"\(input.count > 24 ? "…" : ""): \(why)" }
    }

    static let corpus = read("patterns.json")

    /// Random patterns (groups, lookaround, backreferences, classes, escapes, quantifiers,
    /// some with a character deleted to make syntax errors) and short inputs, with what
    /// node 20's V8 answered for `new RegExp(pattern, "u").test(input)`. Kept as data so the
    /// check needs no JavaScript engine.
    static let generated = read("v8-generated.json")

    static func read(_ name: String) -> [Entry] {
        let url = Corpus.folder.appendingPathComponent(name)
        do {
            return try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
        } catch {
            Issue.record("Corpus/\(name) unreadable: \(error)")
            return []
        }
    }

    @Test(arguments: corpus)
    func answersAsECMA262Does(_ entry: Entry) {
        let pattern: CompiledPattern
        do {
            pattern = try CompiledPattern(entry.pattern)
        } catch {
            #expect(entry.expected == .compileError, "refused: \(error.message)")
            #expect(error.message.hasPrefix("at offset "), "the message names the offset: \(error.message)")
            return
        }
        let outcome = pattern.evaluate(entry.input)
        switch entry.expected {
        case .match: #expect(outcome == .match)
        case .nomatch: #expect(outcome == .noMatch)
        case .budget: #expect(outcome == .exceededBudget(steps: CompiledPattern.defaultStepBudget))
        case .compileError: Issue.record("compiled, but ECMA-262 unicode mode refuses it")
        }
        // The fast path for simple anchored patterns never changes an answer.
        #expect(pattern.engineEvaluate(entry.input).outcome == outcome)
    }

    @Test func agreesWithV8OnGeneratedPatterns() {
        #expect(Self.generated.count >= 800)
        for entry in Self.generated {
            let outcome: Entry.Expected
            do {
                outcome = switch try CompiledPattern(entry.pattern).evaluate(entry.input) {
                case .match: .match
                case .noMatch: .nomatch
                case .exceededBudget, .cancelled: .budget
                }
            } catch {
                outcome = .compileError
            }
            #expect(outcome == entry.expected, "\(entry.testDescription)")
        }
    }

    /// The backtracker can run programs without backreferences too, and must agree with the
    /// automaton there (lookarounds included, which the two decide in different ways): a
    /// compilation bug cannot hide in either.
    @Test func bothMatchersAgreeWithoutBackreferences() throws {
        var compared = 0
        for entry in Self.corpus + Self.generated where entry.input.unicodeScalars.count <= 200 {
            guard let pattern = try? CompiledPattern(entry.pattern), !pattern.program.needsBacktracking else { continue }
            let input = entry.input.unicodeScalars.map(\.value)
            var backtracker = ECMABacktracker(program: pattern.program, input: input, budget: 1_000_000, isCancelled: { false })
            let answer = backtracker.search()
            // The pathological entries are exactly where backtracking gives up.
            if case .exceededBudget = answer { continue }
            #expect(answer == pattern.engineEvaluate(entry.input).outcome, "\(entry.testDescription)")
            compared += 1
        }
        #expect(compared > 300)
    }

    @Test func theCorpusCoversEveryOutcome() {
        let kinds = Set(Self.corpus.map(\.expected.rawValue))
        #expect(kinds == ["match", "nomatch", "budget", "compile-error"])
        #expect(Self.corpus.count > 100)
    }

    @Test func compileErrorsNameTheOffsetAndTheProblem() {
        let cases: [(String, String)] = [
            (#"ab\a"#, "at offset 2: invalid escape `\\a`"),
            ("x(y", "at offset 1: unterminated group"),
            ("[z-a]", "at offset 1: range out of order"),
            ("a{2000}", "at offset 1: quantifier count 2000 exceeds Conform's limit of 1000"),
            (#"\p{Script=Greek}"#, "at offset 0: `\\p{Script=Greek}`: Script properties are not supported"),
        ]
        for (source, prefix) in cases {
            do {
                _ = try CompiledPattern(source)
                Issue.record("\(source) compiled")
            } catch {
                #expect(error.message.hasPrefix(prefix), "\(source): \(error.message)")
            }
        }
    }

    @Test func theBudgetIsAParameter() throws {
        let pattern = try CompiledPattern(#"^(a+)\1$"#)
        let input = String(repeating: "a", count: 2000)
        #expect(pattern.needsBacktracking)
        #expect(pattern.evaluate(input, stepBudget: 100) == .exceededBudget(steps: 100))
        #expect(pattern.evaluate(input) == .match)
        #expect(pattern.matches(input + "b") == false)
    }

    @Test func regularPatternsIgnoreTheBudget() throws {
        let pattern = try CompiledPattern("^(a+)+$")
        #expect(!pattern.needsBacktracking)
        let input = String(repeating: "a", count: 5000)
        #expect(pattern.evaluate(input, stepBudget: 1) == .match)
        #expect(pattern.evaluate(input + "b", stepBudget: 1) == .noMatch)
    }

    @Test func cancellationStopsBothMatchers() throws {
        let long = String(repeating: "a", count: 20000) + "b"
        let regular = try CompiledPattern("(a|aa)+c")
        #expect(regular.evaluate(long, isCancelled: { true }) == .cancelled)
        let backtracking = try CompiledPattern(#"^(a+)+\1$"#)
        #expect(backtracking.evaluate(long, isCancelled: { true }) == .cancelled)
        // Not cancelled: the same inputs are decided.
        #expect(regular.evaluate(long, isCancelled: { false }) == .noMatch)
    }

    @Test func sharedCompilesOnce() throws {
        #expect(try CompiledPattern.shared("^x+$") === CompiledPattern.shared("^x+$"))
    }
}
