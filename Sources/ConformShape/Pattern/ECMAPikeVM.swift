/// Runs a program without backreferences over the input by simulating all of the
/// automaton's threads at once, one input position at a time (Thompson's construction, as in
/// Pike's VM). A thread is only a program counter — no captures are needed to answer "does it
/// match anywhere" — and each counter is kept once per position, so the cost is at most
/// instructions × (input length + 1), whatever the pattern: `^(a+)+$` cannot blow up.
///
/// Lookarounds are decided first, each by one scan of its own program over the whole input
/// (`lookaroundTables`), so inside the main scan they are assertions looked up by position.
/// That keeps the whole run linear: every program is scanned once.
struct ECMAPikeVM {
    let program: ECMAPatternProgram
    let input: [UInt32]

    /// How often, in thread steps, `isCancelled` is asked.
    static let cancellationInterval = 4096

    func run(isCancelled: () -> Bool) -> PatternOutcome {
        var steps = 0
        guard let tables = Self.lookaroundTables(program, input, &steps, isCancelled) else { return .cancelled }
        var scan = Scan(program: program, input: input, tables: tables)
        for position in 0...input.count {
            // An unanchored search starts a thread at every position (the implicit `.*?`).
            if position == 0 || !program.isAnchoredAtStart {
                if scan.addThread(0, at: position) { return .match }
            }
            guard position < input.count, !scan.current.isEmpty else {
                if program.isAnchoredAtStart || position == input.count { return .noMatch }
                continue
            }
            switch scan.step(from: position, backward: false, &steps, isCancelled) {
            case .matched: return .match
            case .cancelled: return .cancelled
            case .continued: break
            }
        }
        return .noMatch
    }

    /// For each lookaround of `program`, whether its body matches at each position 0...n
    /// (before negation): a lookahead body that starts there, a lookbehind body that ends
    /// there. `nil` when cancelled.
    static func lookaroundTables(_ program: ECMAPatternProgram, _ input: [UInt32], _ steps: inout Int,
        _ isCancelled: () -> Bool) -> [[Bool]]?
    {
        var tables: [[Bool]] = []
        for lookaround in program.lookarounds {
            let body = lookaround.program
            guard let inner = lookaroundTables(body, input, &steps, isCancelled) else { return nil }
            var scan = Scan(program: body, input: input, tables: inner)
            var table = [Bool](repeating: false, count: input.count + 1)
            // The body may end (lookbehind) or start (lookahead) anywhere: a thread starts at
            // every position, in the direction the body's program reads.
            let positions = lookaround.ahead ? Array((0...input.count).reversed()) : Array(0...input.count)
            for position in positions {
                if scan.addThread(0, at: position) { table[position] = true }
                let last = lookaround.ahead ? 0 : input.count
                guard position != last, !scan.current.isEmpty else {
                    scan.current.removeAll()
                    continue
                }
                switch scan.step(from: position, backward: lookaround.ahead, &steps, isCancelled) {
                case .matched:
                    table[position + (lookaround.ahead ? -1 : 1)] = true
                case .cancelled:
                    return nil
                case .continued:
                    break
                }
            }
            tables.append(table)
        }
        return tables
    }
}

/// One simulation: the current set of threads (program counters) and how they advance.
private struct Scan {
    let program: ECMAPatternProgram
    let input: [UInt32]
    /// `lookaroundTables` for `program`.
    let tables: [[Bool]]
    var current: SparseSet
    private var next: SparseSet
    private var stack: [Int] = []

    enum StepResult {
        case continued, matched, cancelled
    }

    init(program: ECMAPatternProgram, input: [UInt32], tables: [[Bool]]) {
        self.program = program
        self.input = input
        self.tables = tables
        current = SparseSet(capacity: program.instructions.count)
        next = SparseSet(capacity: program.instructions.count)
    }

    /// Adds `pc` and everything reachable from it without consuming input (splits, jumps,
    /// assertions and lookarounds that hold at `position`) to `current`; `true` when that
    /// reaches `match`.
    mutating func addThread(_ pc: Int, at position: Int) -> Bool {
        Self.close(pc, at: position, into: &current, program: program, input: input, tables: tables, stack: &stack)
    }

    /// Moves every thread over the code point after (or, `backward`, before) `position`;
    /// `.matched` when a thread reaches `match` at the new position.
    mutating func step(from position: Int, backward: Bool, _ steps: inout Int, _ isCancelled: () -> Bool) -> StepResult {
        let codePoint = backward ? input[position - 1] : input[position]
        let target = backward ? position - 1 : position + 1
        next.removeAll()
        var matched = false
        for pc in current.members {
            steps += 1
            if steps % ECMAPikeVM.cancellationInterval == 0, isCancelled() { return .cancelled }
            let consumes: Bool
            switch program.instructions[pc] {
            case .codePoint(let value, _): consumes = value == codePoint
            case .characterClass(let index, _): consumes = program.classes[index].contains(codePoint)
            default: consumes = false
            }
            if consumes, Self.close(pc + 1, at: target, into: &next, program: program, input: input, tables: tables,
                stack: &stack)
            {
                matched = true
            }
        }
        swap(&current, &next)
        return matched ? .matched : .continued
    }

    private static func close(_ pc: Int, at position: Int, into set: inout SparseSet, program: ECMAPatternProgram,
        input: [UInt32], tables: [[Bool]], stack: inout [Int]) -> Bool
    {
        var matched = false
        stack.removeAll(keepingCapacity: true)
        stack.append(pc)
        while let pc = stack.popLast() {
            guard set.insert(pc) else { continue }
            switch program.instructions[pc] {
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .jump(let target):
                stack.append(target)
            case .save, .clearCaptures, .markPosition, .requireProgress:
                // Bookkeeping for the backtracker; an empty loop iteration cannot change
                // whether a pattern without backreferences matches.
                stack.append(pc + 1)
            case .assertion(let assertion):
                if ECMAAssertions.holds(assertion, in: input, at: position) { stack.append(pc + 1) }
            case .lookaround(_, let negated, let index):
                // The body inline after this instruction is the backtracker's; skip to the jump over it.
                if tables[index][position] != negated { stack.append(pc + 1) }
            case .match:
                matched = true
            case .codePoint, .characterClass, .backreference:
                break  // consuming instructions wait for the next position (no backreferences here)
            }
        }
        return matched
    }
}

/// A set of program counters with O(1) insert, clear and ordered iteration (Briggs & Torczon).
struct SparseSet {
    private(set) var members: [Int] = []
    private var slots: [Int]

    init(capacity: Int) {
        slots = [Int](repeating: 0, count: capacity)
        members.reserveCapacity(capacity)
    }

    var isEmpty: Bool { members.isEmpty }

    /// `false` when already present.
    mutating func insert(_ value: Int) -> Bool {
        let slot = slots[value]
        if slot < members.count, members[slot] == value { return false }
        slots[value] = members.count
        members.append(value)
        return true
    }

    mutating func removeAll() { members.removeAll(keepingCapacity: true) }
}

/// `^`, `$`, `\b`, `\B` at a position of the input (no `m` flag: input start and end only).
enum ECMAAssertions {
    static func holds(_ assertion: ECMAAssertion, in input: [UInt32], at position: Int) -> Bool {
        switch assertion {
        case .start: return position == 0
        case .end: return position == input.count
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && ECMACharacterClass.isWordCharacter(input[position - 1])
            let after = position < input.count && ECMACharacterClass.isWordCharacter(input[position])
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}
