/// What matching a pattern against a string decided.
public enum PatternOutcome: Sendable, Hashable {
    /// The pattern matches somewhere in the string.
    case match
    case noMatch
    /// Undecided: a pattern with backreferences (run by the backtracker) used up
    /// its budget of `steps` without an answer. Report it; never read it as a pass.
    case exceededBudget(steps: Int)
    /// Undecided: the run was cancelled while matching.
    case cancelled

    /// `true` or `false` when decided, `nil` when not.
    public var matched: Bool? {
        switch self {
        case .match: true
        case .noMatch: false
        case .exceededBudget, .cancelled: nil
        }
    }
}
