extension CompiledSchema {
    /// Checks an instance: every mismatch (not only the first), and the drift (properties no
    /// applicable schema declares). Safe to call from many tasks at once.
    ///
    /// `isCancelled` is asked every few thousand steps of a long `pattern` match; when it says
    /// yes, that pattern is reported undecided (an error mismatch) instead of finishing.
    public func check(_ instance: JSONValue, options: ShapeCheckOptions = .default,
        isCancelled: () -> Bool = { Task.isCancelled }) -> ShapeCheckResult
    {
        check(instance, options: options, reusingSharedApplications: true, isCancelled: isCancelled)
    }

    /// `check`, optionally walking every repeated application again (the tests compare both).
    func check(_ instance: JSONValue, options: ShapeCheckOptions, reusingSharedApplications: Bool,
        isCancelled: () -> Bool) -> ShapeCheckResult
    {
        withoutActuallyEscaping(isCancelled) { isCancelled in
            var evaluator = Evaluator(program: program, options: options, collecting: true, isCancelled: isCancelled)
            evaluator.reusesSharedApplications = reusingSharedApplications
            _ = evaluator.evaluate(root, instance)
            // Undecided patterns count wherever they were met, even inside `not` or a losing
            // `anyOf` branch: an answer that rests on them is not an answer.
            evaluator.findings.mismatches += evaluator.undecided.map { PendingMismatch(mismatch: $0) }
            evaluator.findings.mismatchesOmitted += evaluator.undecidedOmitted
            return evaluator.findings.result(program: program, options: options)
        }
    }

    /// Whether the instance passes, stopping at the first failure and building no messages.
    /// Always the same answer as `check(instance, options: options).passed`.
    public func validates(_ instance: JSONValue, options: ShapeCheckOptions = .default,
        isCancelled: () -> Bool = { Task.isCancelled }) -> Bool
    {
        // Strict mode needs the drift, which only a full check computes.
        guard !options.rejectUnknown else { return check(instance, options: options, isCancelled: isCancelled).passed }
        return withoutActuallyEscaping(isCancelled) { isCancelled in
            var evaluator = Evaluator(program: program, options: options, collecting: false, isCancelled: isCancelled)
            return evaluator.evaluate(root, instance) && evaluator.undecided.isEmpty && evaluator.undecidedOmitted == 0
        }
    }
}

/// Walks an instance and a compiled schema together.
///
/// One evaluator serves both modes: `collecting` builds mismatches and drift records; without
/// it, evaluation stops at the first failure and builds no strings (for `not`, `validates`,
/// and rename guesses). The instance path is a stack of segments pushed and popped on the
/// way down; a `JSONPath` value is only built when something is recorded.
struct Evaluator {
    let program: SchemaProgram
    let options: ShapeCheckOptions
    var collecting: Bool
    var path: [JSONPath.Segment] = []
    var findings = Findings()
    /// Patterns that could not be decided (over the step budget, or cancelled), recorded
    /// outside `findings` so that no branch or `not` can discard them.
    var undecided: [ShapeMismatch] = []
    /// Undecided patterns past `maximumMismatches`, counted.
    var undecidedOmitted = 0
    /// What is left of `options.patternStepBudgetPerCheck`.
    var patternStepsLeft: Int
    var depth = 0
    /// The highest `depth` an application has started at so far (see `evaluateShared`).
    var deepest = 0
    /// Finished applications of shared nodes to objects that can stand in for a repeat.
    var sharedApplications: [SharedApplication] = []
    /// Off only in tests, which check that reuse changes nothing.
    var reusesSharedApplications = true
    /// What `properties` and `required` say about each member of the objects being walked,
    /// innermost object last (see `evaluateMembers`).
    var memberLookups: [ObjectKeywords.Member?] = []
    /// Asked by long pattern matches (the run was interrupted).
    let isCancelled: () -> Bool

    init(program: SchemaProgram, options: ShapeCheckOptions, collecting: Bool,
        isCancelled: @escaping () -> Bool = { false })
    {
        self.program = program
        self.options = options
        self.collecting = collecting
        self.isCancelled = isCancelled
        patternStepsLeft = options.patternStepBudgetPerCheck
        // Room for the usual depth and the usual number of object records (a page of ten
        // items leaves about fifty), instead of growing both 1, 2, 4, 8, ... for every
        // checked response.
        if collecting {
            path.reserveCapacity(16)
            memberLookups.reserveCapacity(64)
            findings.objects.reserveCapacity(64)
        }
    }

    /// The path as a value of its own: a copy of the stack, not a share of its buffer. A share
    /// (one per object record) made the next push or pop copy the stack at its exact size, and
    /// the push after that grow it again.
    var currentPath: JSONPath { JSONPath(path.withUnsafeBufferPointer { Array($0) }) }

    /// Applies node `id` to `value` at the current path; `true` when it passes.
    mutating func evaluate(_ id: NodeID, _ value: JSONValue) -> Bool {
        // Not retained and released for every application (~40 instructions, ~75,000 times for
        // 300 responses): `program`, which the evaluator holds for its whole life, keeps every
        // node alive.
        unowned(unsafe) let node = program.nodes[id]
        if depth > deepest { deepest = depth }
        if node.rejectsEverything {
            fail(node, "false", location: node.location, expected: "nothing here (`false` schema)",
                actual: ValueDescription.typed(value))
            return false
        }
        guard depth < options.maximumDepth else {
            let limit = options.maximumDepth
            fail(node, "depth", location: node.location, expected: "at most \(limit) nested schema applications",
                actual: "deeper (a recursive schema on a very deep instance)")
            return false
        }
        depth += 1
        defer { depth -= 1 }

        var valid = true
        var typeFailed = false
        for keyword in node.keywords {
            if !valid && !collecting { return false }
            switch keyword {
            case .type(let types):
                if !types.accepts(value) {
                    typeFailed = true
                    valid = false
                    let summary = SchemaSummary(program: program)
                    fail(node, "type", expected: summary.describe(id), actual: ValueDescription.typed(value))
                }
            case .constant(let expected):
                // With the wrong type, "expected string, actual integer 5" already says it all.
                guard !typeFailed else { continue }
                do throws(NumberTooLargeError) {
                    if try !expected.jsonEqualsExactly(value) {
                        valid = false
                        fail(node, "const", expected: ValueDescription.literal(expected), actual: ValueDescription.literal(value))
                    }
                } catch {
                    valid = false
                    tooLarge(node, "const", expected: ValueDescription.literal(expected), error)
                }
            case .enumeration(let allowed):
                guard !typeFailed else { continue }
                do throws(NumberTooLargeError) {
                    if try !Self.contains(allowed, value) {
                        valid = false
                        fail(node, "enum", expected: "one of " + ValueDescription.list(allowed), actual: ValueDescription.literal(value))
                    }
                } catch {
                    valid = false
                    tooLarge(node, "enum", expected: "one of " + ValueDescription.list(allowed), error)
                }
            case .reference(let target):
                // The commonest applicator (every `$ref`, one or more per checked member), taken
                // here rather than through `evaluateApplicator`. A target several places
                // name may have been applied here before, with an answer to reuse.
                let passed = collecting && reusesSharedApplications && program.sharedTargets[target] ? evaluateShared(target, value) : evaluate(target, value)
                if !passed { valid = false }
            // Each other keyword goes straight to its family (asking the families in turn, each
            // answering `nil` for keywords not its own, cost ~100 instructions a family passed).
            case .bound, .multipleOf, .minLength, .maxLength, .pattern, .format:
                if evaluateScalar(node, keyword, value) == false { valid = false }
            case .object, .minProperties, .maxProperties, .propertyNames, .dependentRequired, .dependentSchemas:
                if evaluateObjectKeyword(node, keyword, value) == false { valid = false }
            case .items, .contains, .minItems, .maxItems, .uniqueItems:
                if evaluateArrayKeyword(node, keyword, value) == false { valid = false }
            case .allOf, .anyOf, .oneOf, .not, .conditional:
                if evaluateApplicator(node, keyword, value) == false { valid = false }
            }
        }
        return valid
    }

    /// Number and string keywords.
    private mutating func evaluateScalar(_ node: SchemaNode, _ keyword: SchemaKeyword, _ value: JSONValue) -> Bool? {
        switch keyword {
        case .bound(let bound):
            let relation = switch bound.kind {
            case .minimum: ">="
            case .maximum: "<="
            case .exclusiveMinimum: ">"
            case .exclusiveMaximum: "<"
            }
            let expected = "\(relation) \(ValueDescription.literal(bound.limit))"
            do throws(NumberTooLargeError) {
                guard try !bound.accepts(value) else { return true }
            } catch {
                tooLarge(node, bound.kind.rawValue, expected: expected, error)
                return false
            }
            fail(node, bound.kind.rawValue, expected: expected, actual: ValueDescription.literal(value))
            return false
        case .multipleOf(let divisor, let written):
            let expected = "a multiple of \(ValueDescription.literal(written))"
            do throws(NumberTooLargeError) {
                guard try value.isMultiple(of: divisor, written: written) == false else { return true }
            } catch {
                tooLarge(node, "multipleOf", expected: expected, error)
                return false
            }
            fail(node, "multipleOf", expected: expected, actual: ValueDescription.literal(value))
            return false
        case .minLength(let minimum):
            guard case .string(let text) = value, text.unicodeScalars.count < minimum else { return true }
            fail(node, "minLength", expected: "at least \(minimum) character\(minimum == 1 ? "" : "s")",
                actual: "\(text.unicodeScalars.count) (\(ValueDescription.literal(value)))")
            return false
        case .maxLength(let maximum):
            guard case .string(let text) = value, text.unicodeScalars.count > maximum else { return true }
            fail(node, "maxLength", expected: "at most \(maximum) character\(maximum == 1 ? "" : "s")",
                actual: "\(text.unicodeScalars.count) (\(ValueDescription.literal(value)))")
            return false
        case .pattern(let pattern):
            guard case .string(let text) = value else { return true }
            return evaluatePattern(node, pattern, text)
        case .format(let format):
            guard case .string(let text) = value, !format.accepts(text) else { return true }
            fail(node, "format", expected: "\(format.rawValue) string", actual: ValueDescription.literal(value))
            return false
        default:
            return nil
        }
    }

    /// Whether `allowed` has a value JSON-equal to `value`.
    static func contains(_ allowed: [JSONValue], _ value: JSONValue) throws(NumberTooLargeError) -> Bool {
        for candidate in allowed where try candidate.jsonEqualsExactly(value) { return true }
        return false
    }

    // MARK: - Recording

    /// Records a keyword that could not be decided because two numbers are beyond the exponent
    /// limit (``JSONDecimal/exponentLimit``): the check fails rather than guess.
    mutating func tooLarge(_ node: SchemaNode, _ keyword: String, expected: @autoclosure () -> String,
        _ error: NumberTooLargeError)
    {
        fail(node, keyword, expected: expected(), actual: error.description)
    }

    /// Records a mismatch at the current path (only when collecting). The strings are
    /// autoclosures so the fast path never builds them.
    mutating func fail(_ node: SchemaNode, _ keyword: String, at path: JSONPath? = nil, location: SchemaLocation? = nil,
        expected: @autoclosure () -> String, actual: @autoclosure () -> String, message: @autoclosure () -> String? = nil,
        missingProperty: (name: String, schema: NodeID?)? = nil)
    {
        guard collecting else { return }
        // Bounded whatever the instance: 500,000 members against `additionalProperties: false`
        // are counted, not each turned into a message.
        guard findings.mismatches.count < options.maximumMismatches else {
            findings.mismatchesOmitted += 1
            return
        }
        let mismatch = ShapeMismatch(path: path ?? currentPath, keyword: keyword, expected: expected(), actual: actual(),
            schemaLocation: location ?? node.location.appending(keyword), message: message())
        findings.mismatches.append(PendingMismatch(mismatch: mismatch, missingProperty: missingProperty))
    }

    /// Runs `body` with fresh findings and returns them instead of keeping them, so a
    /// combinator can decide which branch's mismatches and drift records count.
    mutating func branch(collecting branchCollects: Bool? = nil, _ body: (inout Evaluator) -> Bool) -> (Bool, Findings) {
        let saved = findings
        let savedCollecting = collecting
        findings = Findings()
        if let branchCollects { collecting = branchCollects }
        let passed = body(&self)
        let branchFindings = findings
        findings = saved
        collecting = savedCollecting
        return (passed, branchFindings)
    }
}
