/// `pattern` and `patternProperties` matches, and what happens when one cannot be decided.
extension Evaluator {
    /// `pattern` on a string: `true` when it matches; a mismatch when it does not; an error
    /// mismatch when the match is undecided (over the step budget or cancelled).
    mutating func evaluatePattern(_ node: SchemaNode, _ pattern: CompiledPattern, _ text: String) -> Bool {
        let outcome = pattern.evaluate(text, stepBudget: options.patternStepBudget, isCancelled: isCancelled)
        switch outcome {
        case .match:
            return true
        case .noMatch:
            fail(node, "pattern", expected: "string matching /\(pattern.source)/", actual: ValueDescription.literal(.string(text)))
        case .exceededBudget, .cancelled:
            recordUndecided(outcome, pattern, location: node.location.appending("pattern"), at: currentPath)
        }
        return false
    }

    /// Whether a `patternProperties` pattern applies to member `name` (the current path is the
    /// member's); `nil`, with an error mismatch recorded, when that is undecided.
    mutating func patternApplies(_ node: SchemaNode, _ pattern: CompiledPattern, to name: String) -> Bool? {
        let outcome = pattern.evaluate(name, stepBudget: options.patternStepBudget, isCancelled: isCancelled)
        if let matched = outcome.matched { return matched }
        recordUndecided(outcome, pattern, location: node.location.appending("patternProperties").appending(pattern.source),
            at: currentPath)
        return nil
    }

    /// An error mismatch naming the pattern, the instance path and the budget. Kept outside
    /// `findings` (and even when not collecting), so no branch or `not` can drop it.
    private mutating func recordUndecided(_ outcome: PatternOutcome, _ pattern: CompiledPattern,
        location: SchemaLocation, at path: JSONPath)
    {
        let budget = options.patternStepBudget
        let cancelled = outcome == .cancelled
        let message = cancelled
            ? "pattern `\(pattern.source)` not decided at \(path): matching was cancelled (the run was interrupted)"
            : "pattern `\(pattern.source)` not decided within \(budget) steps at \(path) (backreferences or lookaround on this string need more; raise the budget or simplify the pattern)"
        undecided.append(ShapeMismatch(path: path, keyword: "pattern", expected: "string matching /\(pattern.source)/",
            actual: cancelled ? "undecided (cancelled)" : "undecided within \(budget) steps", schemaLocation: location,
            message: message, isError: true))
    }
}
