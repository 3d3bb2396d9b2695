/// Runs a regular program (no backreferences, no lookaround) over the input by simulating all
/// of the automaton's threads at once, one input position at a time (Thompson's construction,
/// as in Pike's VM). A thread is only a program counter — no captures are needed to answer
/// "does it match anywhere" — and each counter is kept once per position, so the cost is at
/// most instructions × (input length + 1), whatever the pattern: `^(a+)+$` cannot blow up.
struct ECMAPikeVM {
    let program: ECMAPatternProgram
    let input: [UInt32]

    /// How often, in thread steps, `isCancelled` is asked.
    static let cancellationInterval = 4096

    func run(isCancelled: () -> Bool) -> PatternOutcome {
        let instructions = program.instructions
        var current = SparseSet(capacity: instructions.count)
        var next = SparseSet(capacity: instructions.count)
        var stack: [Int] = []
        var steps = 0
        for position in 0...input.count {
            // An unanchored search starts a thread at every position (the implicit `.*?`).
            if position == 0 || !program.isAnchoredAtStart {
                if addThread(0, at: position, to: &current, stack: &stack) { return .match }
            }
            guard position < input.count, !current.isEmpty else {
                if program.isAnchoredAtStart || position == input.count { return .noMatch }
                continue
            }
            let codePoint = input[position]
            next.removeAll()
            for pc in current.members {
                steps += 1
                if steps % Self.cancellationInterval == 0, isCancelled() { return .cancelled }
                let consumes: Bool
                switch instructions[pc] {
                case .codePoint(let value, _): consumes = value == codePoint
                case .characterClass(let index, _): consumes = program.classes[index].contains(codePoint)
                default: consumes = false
                }
                if consumes, addThread(pc + 1, at: position + 1, to: &next, stack: &stack) { return .match }
            }
            swap(&current, &next)
        }
        return .noMatch
    }

    /// Adds `pc` and everything reachable from it without consuming input (splits, jumps,
    /// assertions that hold at `position`). `true` when that reaches `match`.
    private func addThread(_ pc: Int, at position: Int, to set: inout SparseSet, stack: inout [Int]) -> Bool {
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
                // whether a regular pattern matches.
                stack.append(pc + 1)
            case .assertion(let assertion):
                if ECMAAssertions.holds(assertion, in: input, at: position) { stack.append(pc + 1) }
            case .match:
                return true
            case .codePoint, .characterClass, .backreference, .lookaround:
                break  // consuming instructions wait for the next position (the others never occur here)
            }
        }
        return false
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
