/// A `pattern` (a `patternProperties` key, a header `matches:` rule) compiled once.
///
/// JSON Schema patterns are ECMA-262 regular expressions, matched anywhere in the string (not
/// anchored). Conform reads them with its own engine (`Pattern/`), in ECMA-262's unicode mode:
/// code points, ASCII `\d` and `\w`, ECMA-262's `\s`, no POSIX classes. The engine cannot
/// hang on a hostile string: patterns without backreferences (lookaround included) run on an
/// automaton in time linear in the input; those with backreferences run on a backtracker with
/// a step budget and, past it, answer "undecided" (`PatternOutcome.exceededBudget`), never a
/// silent pass.
public final class CompiledPattern: Sendable {
    public let source: String
    let program: ECMAPatternProgram
    /// The same pattern as a direct matcher, when it has that simple form.
    private let anchoredClasses: AnchoredClassPattern?

    /// The backtracker's default budget, in steps (an instruction or a compared code point).
    /// About 16 ms of matching in a release build (a UUID-sized match takes a few µs).
    public static let defaultStepBudget = 1_000_000

    /// Compiles `source`; the error message says what is wrong with it and at which offset.
    public init(_ source: String) throws(PatternError) {
        do {
            program = try Self.compile(source)
        } catch {
            throw PatternError(message: error.description)
        }
        self.source = source
        anchoredClasses = AnchoredClassPattern(source)
    }

    private static func compile(_ source: String) throws(ECMAPatternError) -> ECMAPatternProgram {
        let (node, groupCount) = try ECMAPatternParser.parse(source)
        do {
            return try ECMAPatternProgram(node, groupCount: groupCount)
        } catch {
            throw ECMAPatternError(offset: 0, reason: "the pattern expands to more than \(ECMAPatternProgram.maximumInstructions) instructions (nested counts multiply); simplify it")
        }
    }

    /// Whether the pattern needs the bounded backtracker (it has backreferences), so that a
    /// match may come back undecided.
    public var needsBacktracking: Bool { program.needsBacktracking }

    /// Decides whether the pattern matches anywhere in `string`. `stepBudget` bounds the
    /// backtracker (patterns with backreferences); `isCancelled` is asked every
    /// few thousand steps, so a cancelled run (SIGINT) stops matching promptly.
    public func evaluate(_ string: String, stepBudget: Int = defaultStepBudget,
        isCancelled: () -> Bool = { Task.isCancelled }) -> PatternOutcome
    {
        evaluateCountingSteps(string, stepBudget: stepBudget, isCancelled: isCancelled).outcome
    }

    /// The outcome and the backtracker steps it took (0 when the automaton or the direct
    /// matcher decided: their cost is linear in the string and needs no budget).
    func evaluateCountingSteps(_ string: String, stepBudget: Int, isCancelled: () -> Bool)
        -> (outcome: PatternOutcome, steps: Int)
    {
        if let answer = anchoredClasses?.matches(string) { return (answer ? .match : .noMatch, 0) }
        return engineEvaluate(string, stepBudget: stepBudget, isCancelled: isCancelled)
    }

    /// `true` or `false` when decided within the default budget, `nil` when not.
    public func matches(_ string: String) -> Bool? { evaluate(string).matched }

    /// What the engine alone answers, without the direct matcher (the tests compare them),
    /// and the backtracking steps it took.
    func engineEvaluate(_ string: String, stepBudget: Int = defaultStepBudget,
        isCancelled: () -> Bool = { Task.isCancelled }) -> (outcome: PatternOutcome, steps: Int)
    {
        let input = string.unicodeScalars.map(\.value)
        if !program.needsBacktracking {
            return (ECMAPikeVM(program: program, input: input).run(isCancelled: isCancelled), 0)
        }
        return withoutActuallyEscaping(isCancelled) { isCancelled in
            var backtracker = ECMABacktracker(program: program, input: input, budget: stepBudget, isCancelled: isCancelled)
            let outcome = backtracker.search()
            return (outcome, backtracker.steps)
        }
    }

    public struct PatternError: Error, Sendable {
        public let message: String
    }

    /// The compiled pattern for this text, compiled at most once per process: a suite names
    /// the same few patterns (uuid, date-time) in many shapes.
    public static func shared(_ source: String) throws(PatternError) -> CompiledPattern {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        let compiled = try CompiledPattern(source)
        return cache.withLock { entries in
            if let raced = entries[source] { return raced }
            entries[source] = compiled
            return compiled
        }
    }

    private static let cache = Mutex<[String: CompiledPattern]>([:])
}

import Synchronization
