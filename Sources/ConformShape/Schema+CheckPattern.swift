/// `pattern` and `patternProperties` matches, and what happens when one cannot be decided.
extension Evaluator {
    /// `pattern` on a string: `true` when it matches; a mismatch when it does not; an error
    /// mismatch when the match is undecided (over a step budget, or cancelled).
    mutating func evaluatePattern(_ node: SchemaNode, _ pattern: CompiledPattern, _ text: String) -> Bool {
        let (outcome, budget) = decide(pattern, text)
        switch outcome {
        case .match:
            return true
        case .noMatch:
            fail(node, "pattern", expected: "string matching /\(pattern.source)/", actual: ValueDescription.literal(.string(text)))
        case .exceededBudget, .cancelled:
            recordUndecided(outcome, pattern, budget: budget, location: node.location.appending("pattern"), at: currentPath)
        }
        return false
    }

    /// Whether a `patternProperties` pattern applies to member `name` (the current path is the
    /// member's); `nil`, with an error mismatch recorded, when that is undecided.
    mutating func patternApplies(_ node: SchemaNode, _ pattern: CompiledPattern, to name: String) -> Bool? {
        let (outcome, budget) = decide(pattern, name)
        if let matched = outcome.matched { return matched }
        recordUndecided(outcome, pattern, budget: budget,
            location: node.location.appending("patternProperties").appending(pattern.source), at: currentPath)
        return nil
    }

    /// Runs one match within the per-match budget and what is left of the per-check one;
    /// returns the outcome and the budget it was given.
    private mutating func decide(_ pattern: CompiledPattern, _ text: String) -> (PatternOutcome, budget: Int) {
        let budget = min(options.patternStepBudget, patternStepsLeft)
        let (outcome, steps) = pattern.evaluateCountingSteps(text, stepBudget: budget, isCancelled: isCancelled)
        patternStepsLeft = max(0, patternStepsLeft - steps)
        return (outcome, budget)
    }

    /// An error mismatch naming the pattern, the instance path and the budget. Kept outside
    /// `findings` (and even when not collecting), so no branch or `not` can drop it.
    private mutating func recordUndecided(_ outcome: PatternOutcome, _ pattern: CompiledPattern, budget: Int,
        location: SchemaLocation, at path: JSONPath)
    {
        guard undecided.count < options.maximumMismatches else {
            undecidedOmitted += 1
            return
        }
        let why: String
        let actual: String
        if outcome == .cancelled {
            why = "not decided at \(path): matching was cancelled (the run was interrupted)"
            actual = "undecided (cancelled)"
        } else if budget < options.patternStepBudget {
            let total = options.patternStepBudgetPerCheck
            why = "not decided at \(path): this check's pattern budget of \(total) steps is spent"
            actual = "undecided (check budget of \(total) steps spent)"
        } else {
            why = "not decided within \(budget) steps at \(path) (backreferences on this string need more; raise the budget or simplify the pattern)"
            actual = "undecided within \(budget) steps"
        }
        undecided.append(ShapeMismatch(path: path, keyword: "pattern", expected: "string matching /\(pattern.source)/",
            actual: actual, schemaLocation: location, message: "pattern `\(pattern.source)` \(why)", isError: true))
    }
}
