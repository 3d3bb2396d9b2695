/// Runs a program with backreferences, which no automaton can decide, by
/// backtracking in ECMA-262's order — with a hard budget of steps, so that a hostile input
/// (`^(a+)+\1$` against many `a`s and a `b`) ends with "undecided" instead of running for ever.
///
/// Choice points and capture changes share one explicit stack (no recursion per step); only
/// a lookaround recurses, as deep as lookarounds nest in the pattern.
struct ECMABacktracker {
    let program: ECMAPatternProgram
    let input: [UInt32]
    let budget: Int
    let isCancelled: () -> Bool
    /// Capture slots (`2 * group`, `2 * group + 1`; -1 when unset), then loop registers.
    private var registers: [Int]
    private(set) var steps = 0

    private enum Frame {
        case retry(pc: Int, position: Int)
        case restore(register: Int, value: Int)
    }

    private enum Stop: Error {
        case budget, cancelled
    }

    init(program: ECMAPatternProgram, input: [UInt32], budget: Int, isCancelled: @escaping () -> Bool) {
        self.program = program
        self.input = input
        self.budget = budget
        self.isCancelled = isCancelled
        registers = [Int](repeating: -1, count: 2 * (program.groupCount + 1) + program.registerCount)
    }

    mutating func search() -> PatternOutcome {
        let lastStart = program.isAnchoredAtStart ? 0 : input.count
        do throws(Stop) {
            for start in 0...lastStart {
                // Copies and resets of the registers cost steps too, so that no work escapes
                // the budget (a program may have many loop registers).
                try count(registers.count)
                for index in registers.indices { registers[index] = -1 }
                if try run(from: 0, at: start) { return .match }
            }
            return .noMatch
        } catch .budget {
            return .exceededBudget(steps: budget)
        } catch {
            return .cancelled
        }
    }

    /// Whether the program from `pc` reaches `match` starting at `position`.
    private mutating func run(from pc: Int, at position: Int) throws(Stop) -> Bool {
        var stack: [Frame] = []
        var pc = pc
        var position = position
        let captureSlots = 2 * (program.groupCount + 1)
        while true {
            try count(1)
            var failed = false
            switch program.instructions[pc] {
            case .codePoint(let value, let backward):
                if let next = consume(at: position, backward: backward, where: { $0 == value }) {
                    position = next
                    pc += 1
                } else {
                    failed = true
                }
            case .characterClass(let index, let backward):
                let set = program.classes[index]
                if let next = consume(at: position, backward: backward, where: { set.contains($0) }) {
                    position = next
                    pc += 1
                } else {
                    failed = true
                }
            case .split(let first, let second):
                stack.append(.retry(pc: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .assertion(let assertion):
                if ECMAAssertions.holds(assertion, in: input, at: position) { pc += 1 } else { failed = true }
            case .save(let slot):
                set(slot, position, &stack)
                pc += 1
            case .clearCaptures(let groups):
                for group in groups {
                    set(2 * group, -1, &stack)
                    set(2 * group + 1, -1, &stack)
                }
                pc += 1
            case .markPosition(let register):
                set(captureSlots + register, position, &stack)
                pc += 1
            case .requireProgress(let register):
                if registers[captureSlots + register] == position { failed = true } else { pc += 1 }
            case .backreference(let group, let backward):
                if let next = try matchBackreference(group, at: position, backward: backward) {
                    position = next
                    pc += 1
                } else {
                    failed = true
                }
            case .lookaround(let body, let negated, _):
                try count(registers.count)
                let saved = registers
                // Lookarounds are atomic: once the body matched, its choices are not revisited.
                let matched = try run(from: body, at: position)
                if matched != negated {
                    if negated {
                        registers = saved
                    } else {
                        for index in registers.indices where registers[index] != saved[index] {
                            stack.append(.restore(register: index, value: saved[index]))
                        }
                    }
                    pc += 1
                } else {
                    registers = saved
                    failed = true
                }
            case .match:
                return true
            }
            guard failed else { continue }
            // Backtrack: undo capture changes down to the latest choice point and resume there.
            var resumed = false
            while let frame = stack.popLast() {
                switch frame {
                case .restore(let register, let value):
                    registers[register] = value
                case .retry(let retryPC, let retryPosition):
                    pc = retryPC
                    position = retryPosition
                    resumed = true
                }
                if resumed { break }
            }
            if !resumed { return false }
        }
    }

    private func consume(at position: Int, backward: Bool, where accepts: (UInt32) -> Bool) -> Int? {
        if backward {
            return position > 0 && accepts(input[position - 1]) ? position - 1 : nil
        }
        return position < input.count && accepts(input[position]) ? position + 1 : nil
    }

    /// The position after the text group `group` captured, or `nil`; a group that did not
    /// take part matches the empty string (ECMA-262).
    private mutating func matchBackreference(_ group: Int, at position: Int, backward: Bool) throws(Stop) -> Int? {
        let start = registers[2 * group]
        let end = registers[2 * group + 1]
        guard start >= 0, end >= start else { return position }
        let length = end - start
        let from = backward ? position - length : position
        guard from >= 0, from + length <= input.count else { return nil }
        try count(length)
        for offset in 0..<length where input[from + offset] != input[start + offset] { return nil }
        return backward ? from : position + length
    }

    private mutating func set(_ register: Int, _ value: Int, _ stack: inout [Frame]) {
        stack.append(.restore(register: register, value: registers[register]))
        registers[register] = value
    }

    private mutating func count(_ cost: Int) throws(Stop) {
        let before = steps
        steps += cost
        if steps > budget {
            steps = budget
            throw .budget
        }
        if before / ECMAPikeVM.cancellationInterval != steps / ECMAPikeVM.cancellationInterval, isCancelled() {
            throw .cancelled
        }
    }
}
