/// A pattern compiled to instructions for a Thompson-style automaton (and, for patterns with
/// backreferences, for the bounded backtracker).
///
/// `{n,m}` is expanded into copies of its atom, so the program is finite and its size known
/// at compile time; `maximumInstructions` keeps it small enough that the linear matcher's
/// cost (instructions × input length) stays reasonable.
struct ECMAPatternProgram: Sendable {
    enum Instruction: Sendable {
        /// Consume this code point (reading backwards inside a lookbehind).
        case codePoint(UInt32, backward: Bool)
        /// Consume a code point from `classes[index]`.
        case characterClass(Int, backward: Bool)
        /// Try `first`, then `second` (the order matters to the backtracker only).
        case split(Int, Int)
        case jump(Int)
        case assertion(ECMAAssertion)
        /// Record the position in capture slot `slot` (group `slot / 2`, start or end).
        case save(Int)
        /// Forget groups `range` (at the start of each iteration of a quantifier).
        case clearCaptures(ClosedRange<Int>)
        /// Record the position in loop register `register` …
        case markPosition(Int)
        /// … and fail if it has not moved: ECMA-262 ends a loop whose iteration matched empty.
        case requireProgress(Int)
        /// Consume the text group `group` captured (empty if it did not take part).
        case backreference(Int, backward: Bool)
        /// A lookaround, `lookarounds[index]` for the automaton. The backtracker runs the
        /// sub-program at `body` (ending in `.match`) at this position; both continue at the
        /// next instruction when it succeeds (or, `negated`, fails).
        case lookaround(body: Int, negated: Bool, index: Int)
        case match
    }

    /// Largest program accepted, in instructions (counting the lookaround programs).
    static let maximumInstructions = 20_000

    private(set) var instructions: [Instruction] = []
    private(set) var classes: [ECMACharacterClass] = []
    /// Capture groups (slots are `2 * group` and `2 * group + 1`, group 0 unused).
    let groupCount: Int
    private(set) var registerCount = 0
    /// Whether only the backtracker can run it (it has backreferences).
    let needsBacktracking: Bool
    let isAnchoredAtStart: Bool
    /// For the automaton (empty when `needsBacktracking`): each lookaround's body as a program
    /// of its own, in the order of the `.lookaround` instructions' `index`.
    private(set) var lookarounds: [ECMALookaroundProgram] = []
    /// Instructions here and in every lookaround program.
    private(set) var size = 0

    struct TooLarge: Error {}

    /// `backward`: compile to read right to left (a lookahead body for the automaton).
    init(_ node: ECMAPatternNode, groupCount: Int, backward: Bool = false) throws(TooLarge) {
        self.groupCount = groupCount
        needsBacktracking = node.hasBackreference
        isAnchoredAtStart = !backward && node.isAnchoredAtStart
        var bodies: [(node: ECMAPatternNode, behind: Bool)] = []
        try emit(node, backward: backward, bodies: &bodies)
        append(.match)
        size = instructions.count
        if !needsBacktracking {
            for body in bodies {
                // The automaton marks, for every position, whether the body matches there: a
                // lookahead body read backwards from the end, a lookbehind body read forwards.
                let program = try ECMAPatternProgram(body.node, groupCount: groupCount, backward: !body.behind)
                lookarounds.append(ECMALookaroundProgram(program: program, ahead: !body.behind))
                size += program.size
                guard size <= Self.maximumInstructions else { throw TooLarge() }
            }
        }
        guard size <= Self.maximumInstructions else { throw TooLarge() }
    }

    // MARK: - Emitting

    private mutating func append(_ instruction: Instruction) {
        instructions.append(instruction)
    }

    private mutating func emit(_ node: ECMAPatternNode, backward: Bool,
        bodies: inout [(node: ECMAPatternNode, behind: Bool)]) throws(TooLarge)
    {
        // Checked as it grows so that `(a{1000}){1000}` stops early instead of allocating.
        guard instructions.count <= Self.maximumInstructions else { throw TooLarge() }
        switch node {
        case .empty:
            break
        case .codePoint(let value):
            append(.codePoint(value, backward: backward))
        case .characterClass(let set):
            classes.append(set)
            append(.characterClass(classes.count - 1, backward: backward))
        case .sequence(let parts):
            // A lookbehind reads right to left, so its terms run in reverse order.
            for part in backward ? parts.reversed() : parts { try emit(part, backward: backward, bodies: &bodies) }
        case .alternation(let parts):
            var jumpsToEnd: [Int] = []
            for (offset, part) in parts.enumerated() {
                if offset < parts.count - 1 {
                    let split = instructions.count
                    append(.split(split + 1, -1))
                    try emit(part, backward: backward, bodies: &bodies)
                    jumpsToEnd.append(instructions.count)
                    append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(part, backward: backward, bodies: &bodies)
                }
            }
            for jump in jumpsToEnd { instructions[jump] = .jump(instructions.count) }
        case .group(let inner, let capture):
            guard let capture else { return try emit(inner, backward: backward, bodies: &bodies) }
            // Backwards, the end of the group is reached first.
            append(.save(2 * capture + (backward ? 1 : 0)))
            try emit(inner, backward: backward, bodies: &bodies)
            append(.save(2 * capture + (backward ? 0 : 1)))
        case .quantified(let inner, let minimum, let maximum, let greedy):
            try emitRepetition(inner, minimum: minimum, maximum: maximum, greedy: greedy, backward: backward, bodies: &bodies)
        case .assertion(let assertion):
            append(.assertion(assertion))
        case .lookaround(let inner, let behind, let negated):
            // The body lives out of line: lookaround, jump over the body, body, match.
            let index = bodies.count
            bodies.append((inner, behind))
            let look = instructions.count
            append(.lookaround(body: -1, negated: negated, index: index))
            let jump = instructions.count
            append(.jump(-1))
            let body = instructions.count
            // Lookarounds nested in this body belong to the body's own program for the
            // automaton, which never enters this inline copy (only the backtracker does).
            var nested: [(node: ECMAPatternNode, behind: Bool)] = []
            try emit(inner, backward: behind, bodies: &nested)
            append(.match)
            instructions[look] = .lookaround(body: body, negated: negated, index: index)
            instructions[jump] = .jump(instructions.count)
        case .backreference(let group):
            append(.backreference(group, backward: backward))
        }
    }

    /// `minimum` plain copies, then either a loop or `maximum - minimum` optional copies.
    private mutating func emitRepetition(_ inner: ECMAPatternNode, minimum: Int, maximum: Int?, greedy: Bool,
        backward: Bool, bodies: inout [(node: ECMAPatternNode, behind: Bool)]) throws(TooLarge)
    {
        let captures = inner.captureRange
        for _ in 0..<minimum {
            if let captures { append(.clearCaptures(captures)) }
            try emit(inner, backward: backward, bodies: &bodies)
        }
        guard let maximum else {
            // loop: split(body, exit); body: mark; clear; inner; progress; jump loop
            let loop = instructions.count
            append(.split(-1, -1))
            try emitOptionalIteration(inner, captures: captures, backward: backward, bodies: &bodies)
            append(.jump(loop))
            let exit = instructions.count
            instructions[loop] = greedy ? .split(loop + 1, exit) : .split(exit, loop + 1)
            return
        }
        var splits: [Int] = []
        for _ in minimum..<maximum {
            splits.append(instructions.count)
            append(.split(-1, -1))
            try emitOptionalIteration(inner, captures: captures, backward: backward, bodies: &bodies)
        }
        let exit = instructions.count
        for split in splits { instructions[split] = greedy ? .split(split + 1, exit) : .split(exit, split + 1) }
    }

    private mutating func emitOptionalIteration(_ inner: ECMAPatternNode, captures: ClosedRange<Int>?,
        backward: Bool, bodies: inout [(node: ECMAPatternNode, behind: Bool)]) throws(TooLarge)
    {
        let register = registerCount
        registerCount += 1
        append(.markPosition(register))
        if let captures { append(.clearCaptures(captures)) }
        try emit(inner, backward: backward, bodies: &bodies)
        append(.requireProgress(register))
    }
}

/// A lookaround body compiled for the automaton (see `ECMAPikeVM.lookaroundTables`).
struct ECMALookaroundProgram: Sendable {
    let program: ECMAPatternProgram
    /// A lookahead (its program reads backwards); otherwise a lookbehind (reads forwards).
    let ahead: Bool
}
