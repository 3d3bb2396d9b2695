/// In-place applicators: `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
///
/// Mandatory applications (`$ref`, `allOf`, `then`/`else`) share the caller's findings: their
/// mismatches are the caller's, and the properties they declare count even when something
/// else failed. Alternatives (`anyOf`, `oneOf`, `if`, `not`) run on separate findings; only
/// passing alternatives contribute drift records.
extension Evaluator {
    mutating func evaluateApplicator(_ node: SchemaNode, _ keyword: SchemaKeyword, _ value: JSONValue) -> Bool? {
        switch keyword {
        // `$ref` is taken by `evaluate` itself, before the keyword families are asked.
        case .allOf(let schemas):
            var valid = true
            for schema in schemas where !evaluate(schema, value) {
                valid = false
                if !collecting { return false }
            }
            return valid
        case .anyOf(let schemas):
            return evaluateAlternatives(node, "anyOf", schemas, value, exactlyOne: false)
        case .oneOf(let schemas):
            return evaluateAlternatives(node, "oneOf", schemas, value, exactlyOne: true)
        case .not(let schema):
            let (passed, _) = branch(collecting: false) { $0.evaluate(schema, value) }
            guard passed else { return true }
            let summary = SchemaSummary(program: program).describe(schema)
            fail(node, "not", expected: "not \(summary)", actual: ValueDescription.typed(value))
            return false
        case .conditional(let condition, let then, let otherwise):
            // `if` only selects; its own failure is not a mismatch. When it passes, the
            // properties it declares count, like those of any schema that applied.
            let (matched, conditionFindings) = branch { $0.evaluate(condition, value) }
            if matched { findings.objects += conditionFindings.objects }
            guard let next = matched ? then : otherwise else { return true }
            return evaluate(next, value)
        default:
            return nil
        }
    }

    /// `anyOf` (at least one) and `oneOf` (exactly one).
    private mutating func evaluateAlternatives(_ node: SchemaNode, _ keyword: String, _ schemas: [NodeID], _ value: JSONValue,
        exactlyOne: Bool) -> Bool
    {
        guard collecting else {
            var passes = 0
            for schema in schemas where evaluate(schema, value) {
                passes += 1
                if !exactlyOne || passes > 1 { break }
            }
            return exactlyOne ? passes == 1 : passes > 0
        }
        // Collecting: every alternative runs, because every passing one declares properties.
        var passing: [Int] = []
        var failing: [(index: Int, findings: Findings)] = []
        var passingFindings = Findings()
        for (index, schema) in schemas.enumerated() {
            let (passed, branchFindings) = branch { $0.evaluate(schema, value) }
            if passed {
                passing.append(index)
                passingFindings.objects += branchFindings.objects
            } else {
                failing.append((index, branchFindings))
            }
        }
        if passing.count == 1 || (!exactlyOne && !passing.isEmpty) {
            findings.objects += passingFindings.objects
            return true
        }
        if passing.count > 1 {
            // Keep what the passing alternatives declare, so the one failure is not drowned in drift.
            findings.objects += passingFindings.objects
            let numbers = passing.map { "#\($0 + 1)" }.joined(separator: ", ")
            fail(node, keyword, expected: "exactly one of \(schemas.count) alternatives",
                actual: "\(ValueDescription.typed(value)) matches \(passing.count): \(numbers)")
            return false
        }
        reportNoAlternative(node, keyword, schemas, failing, value)
        return false
    }

    /// No alternative matched. If some alternative failed only below this value (its type or
    /// constant fit), that one is probably what was meant: its own mismatches are reported,
    /// marked as coming from the closest alternative, and its drift is kept. Otherwise the
    /// value fits none of them at all, and one mismatch lists what each would have wanted:
    /// `$.status: expected object {key, display} | null (oneOf), actual integer 1`.
    private mutating func reportNoAlternative(_ node: SchemaNode, _ keyword: String, _ schemas: [NodeID],
        _ failing: [(index: Int, findings: Findings)], _ value: JSONValue)
    {
        let here = currentPath
        let summary = SchemaSummary(program: program)
        let plausible = failing.filter { !$0.findings.failsAt(here) }
        if let closest = plausible.min(by: { Self.distance($0) < Self.distance($1) }), !closest.findings.mismatches.isEmpty {
            let note = " — closest of \(schemas.count) `\(keyword)` alternatives: #\(closest.index + 1) (\(summary.describe(schemas[closest.index])))"
            for var pending in closest.findings.mismatches {
                pending.mismatch.message += note
                findings.mismatches.append(pending)
            }
            findings.objects += closest.findings.objects
            return
        }
        let alternatives = schemas.map { summary.describe($0) }.joined(separator: " | ")
        let actual = ValueDescription.typed(value)
        fail(node, keyword, expected: alternatives, actual: actual,
            message: "\(here): expected \(alternatives) (\(keyword)), actual \(actual)")
    }

    /// How far an alternative is from matching: failed `const`/`enum` checks (a tag that
    /// picks another alternative) weigh most, then the number of mismatches, then order.
    private static func distance(_ candidate: (index: Int, findings: Findings)) -> (Int, Int, Int) {
        let discriminators = candidate.findings.mismatches.count { ["const", "enum"].contains($0.mismatch.keyword) }
        return (discriminators, candidate.findings.mismatches.count, candidate.index)
    }
}

extension Findings {
    /// Whether the value at `path` itself was rejected: wrong type, wrong constant, a `false`
    /// schema, or no alternative of a nested combinator.
    func failsAt(_ path: JSONPath) -> Bool {
        mismatches.contains { pending in
            pending.mismatch.path == path
                && ["type", "const", "enum", "false", "anyOf", "oneOf", "not"].contains(pending.mismatch.keyword)
        }
    }
}
