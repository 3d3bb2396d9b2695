/// The parsed form of an ECMA-262 pattern (unicode mode), before it becomes a program.
///
/// Capture groups are numbered from 1 in the order of their opening parenthesis, as ECMA-262
/// numbers them; named groups are numbered the same way and their names resolved at parse time.
indirect enum ECMAPatternNode: Sendable {
    case empty
    /// One code point (a literal or an escape that stands for one).
    case codePoint(UInt32)
    /// `.`, `[...]`, `\d`, `\p{...}` and the like: one code point out of a set.
    case characterClass(ECMACharacterClass)
    case sequence([ECMAPatternNode])
    case alternation([ECMAPatternNode])
    /// `( )` (with its group number) or `(?: )` (`nil`).
    case group(ECMAPatternNode, capture: Int?)
    /// `maximum == nil`: no upper bound. `greedy == false` for the `?`-suffixed forms.
    case quantified(ECMAPatternNode, minimum: Int, maximum: Int?, greedy: Bool)
    case assertion(ECMAAssertion)
    /// `(?= )`, `(?! )`, `(?<= )`, `(?<! )`.
    case lookaround(ECMAPatternNode, behind: Bool, negated: Bool)
    /// `\1` or `\k<name>`, resolved to a group number.
    case backreference(Int)

    /// Whether it has a backreference: the one feature no automaton can decide.
    var hasBackreference: Bool {
        switch self {
        case .backreference: return true
        case .empty, .codePoint, .characterClass, .assertion: return false
        case .sequence(let parts), .alternation(let parts): return parts.contains(where: \.hasBackreference)
        case .group(let inner, _), .quantified(let inner, _, _, _), .lookaround(let inner, _, _): return inner.hasBackreference
        }
    }

    /// Whether every match must start at the start of the input (every branch begins with `^`),
    /// so a search need not try later start positions.
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(.start): return true
        case .sequence(let parts): return parts.first?.isAnchoredAtStart ?? false
        case .alternation(let parts): return !parts.isEmpty && parts.allSatisfy(\.isAnchoredAtStart)
        case .group(let inner, _): return inner.isAnchoredAtStart
        case .quantified(let inner, let minimum, _, _): return minimum > 0 && inner.isAnchoredAtStart
        default: return false
        }
    }

    /// The capture groups inside this node, as a closed range of group numbers (for resetting
    /// them at each iteration of a quantifier, as ECMA-262 does).
    var captureRange: ClosedRange<Int>? {
        var low = Int.max
        var high = Int.min
        func visit(_ node: ECMAPatternNode) {
            switch node {
            case .group(let inner, let capture):
                if let capture { low = min(low, capture); high = max(high, capture) }
                visit(inner)
            case .sequence(let parts), .alternation(let parts): parts.forEach(visit)
            case .quantified(let inner, _, _, _), .lookaround(let inner, _, _): visit(inner)
            default: break
            }
        }
        visit(self)
        return low <= high ? low...high : nil
    }
}

/// The zero-width assertions other than lookaround. Without the `m` flag, `^` and `$` are the
/// start and end of the input only.
enum ECMAAssertion: Sendable {
    case start, end, wordBoundary, notWordBoundary
}

extension UInt32 {
    /// The code point of an ASCII character, for reading pattern text as code points.
    init(ascii scalar: Unicode.Scalar) {
        self = scalar.value
    }
}
