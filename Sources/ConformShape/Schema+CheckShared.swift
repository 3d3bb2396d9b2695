/// One node applied twice to one object at one place, the second time answered by the first.
///
/// A page of items is checked against each item's envelope twice: `list.yaml`'s
/// `items: {$ref: object.yaml}`, and the item shape's own `allOf: [{$ref: object.yaml}]`. Both
/// walk the same members with the same node, and the second walk can only repeat the first:
/// the instance does not change during a check, and what an application leaves behind is its
/// answer, its mismatches, its undecided patterns, the pattern budget it spent, and its drift
/// records (the same records again change nothing in the merge, an intersection, but they are
/// appended anyway, so the findings are exactly those of a second walk).
///
/// So a finished application is kept for reuse only when it left nothing that a second walk
/// could leave differently: it passed with no mismatch (counted or not), no undecided pattern
/// and no backtracking steps (the budget left decides undecided patterns); and the depth it
/// reached, moved to where the repeat starts, stays under `maximumDepth` (the repeat usually
/// starts deeper). A repeat then appends the same drift records and answers `true`.
struct SharedApplication {
    let node: NodeID
    /// Kept (retained) so that its storage, compared by identity, cannot be reused.
    let object: JSONObject
    let path: JSONPath
    /// How far below its start the application went (`deepest` minus the starting depth).
    let height: Int
    let records: [ObjectRecord]
}

extension Evaluator {
    /// `evaluate(id, value)` for a node that several `$ref`s name, while collecting: answered
    /// from an earlier application of the node to this object here when there is one.
    mutating func evaluateShared(_ id: NodeID, _ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return evaluate(id, value) }
        for earlier in sharedApplications
        where earlier.node == id && earlier.object.isSameInstance(as: object) && depth + earlier.height < options.maximumDepth
            && earlier.path.segments == path
        {
            // One by one: `+=` went through the generic sequence append (~360 instructions for
            // the usual single record).
            for record in earlier.records { findings.objects.append(record) }
            return true
        }
        let before = (mismatches: findings.mismatches.count, omitted: findings.mismatchesOmitted, records: findings.objects.count,
                      undecided: undecided.count, undecidedOmitted: undecidedOmitted, steps: patternStepsLeft)
        let deepestBefore = deepest
        deepest = depth
        let passed = evaluate(id, value)
        let height = deepest - depth
        deepest = max(deepest, deepestBefore)
        if passed && depth + height < options.maximumDepth && findings.mismatches.count == before.mismatches
            && findings.mismatchesOmitted == before.omitted && undecided.count == before.undecided
            && undecidedOmitted == before.undecidedOmitted && patternStepsLeft == before.steps
        {
            // Copied one by one: `Array(slice)` is the generic collection copy (~465 instructions).
            var records: [ObjectRecord] = []
            records.reserveCapacity(findings.objects.count - before.records)
            for index in before.records..<findings.objects.count { records.append(findings.objects[index]) }
            // Records made meanwhile are at this path or below it; one as long as the path is
            // at this very path, and lends its copy of it.
            let here = records.last { $0.path.segments.count == path.count }?.path ?? currentPath
            sharedApplications.append(SharedApplication(node: id, object: object, path: here, height: height, records: records))
        }
        return passed
    }
}
