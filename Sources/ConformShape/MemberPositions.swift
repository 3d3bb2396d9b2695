/// Which members of one object a schema left undeclared, by position in the object.
///
/// Every describing schema applied at every object of every response leaves one of these
/// (`ObjectRecord`), and nearly all of them are later intersected and thrown away. Positions
/// rather than copies of names and values: the first 64 are bits of one word (no allocation,
/// no retain, and intersecting two records is one `&`); an object with more members lists
/// the rest. All records at one path are about the same object (the instance does not change
/// while it is checked), so their positions mean the same members.
struct MemberPositions {
    private var low: UInt64 = 0
    /// Positions from 64 up, ascending.
    private var high: [Int] = []

    var isEmpty: Bool { low == 0 && high.isEmpty }

    /// Adds a position above every one added before.
    mutating func append(_ position: Int) {
        if position < 64 { low |= 1 << UInt64(position) } else { high.append(position) }
    }

    func intersection(_ other: MemberPositions) -> MemberPositions {
        var common = MemberPositions()
        common.low = low & other.low
        if !high.isEmpty && !other.high.isEmpty {
            // Both ascending: one merge pass.
            var mine = 0, theirs = 0
            while mine < high.count && theirs < other.high.count {
                if high[mine] == other.high[theirs] {
                    common.high.append(high[mine])
                    mine += 1
                    theirs += 1
                } else if high[mine] < other.high[theirs] {
                    mine += 1
                } else {
                    theirs += 1
                }
            }
        }
        return common
    }

    /// The positions, ascending.
    var positions: [Int] {
        var result: [Int] = []
        var bits = low
        while bits != 0 {
            result.append(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        return result + high
    }
}
