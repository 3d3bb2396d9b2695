import ConformHTTP
import ConformShape
import ConformSpec

/// Checks one response against a case's expectations and reports every mismatch, each with
/// the spec line that stated the expectation.
struct ResponseChecker {
    let expectation: Expectation
    /// The compiled `shape`, when the expectation has one.
    let shape: CompiledSchema?
    /// Positions of schema rules, to point a mismatch at the rule it broke.
    let shapes: CompiledShapes
    let rejectUnknown: Bool
    let stepLocation: SourceLocation
    /// Long pattern matches stop (undecided) when the run is interrupted.
    var interruption = RunInterruption()

    private var isCancelled: () -> Bool { { [interruption] in interruption.isInterrupted || Task.isCancelled } }

    struct Outcome {
        var diagnostics: [Diagnostic] = []
        /// Checks that were not made because a variable they need has no value (an earlier
        /// case did not capture it): reported as not run, never counted as passed.
        var unchecked: [(variable: String, diagnostic: Diagnostic)] = []
        var drift: [DriftRecord] = []
        /// Drift records the shape checker counted but did not keep.
        var driftOmitted = 0
        /// The body as JSON when it parsed (captures read from it).
        var json: JSONValue?
    }

    /// Bodies up to this size are checked where the case runs: on the HTTP client's thread
    /// (`Runner`), between its rounds of I/O, which is cheaper than a thread handoff for
    /// the small bodies most APIs send. A larger body would hold up every other transfer while
    /// it is parsed and checked (~1 ms for 16 KiB), so it goes to the global pool, where such
    /// checks also run side by side on every core.
    static let inlineBodyLimit = 16 * 1024

    /// ``check(_:scope:)``, on the global executor for a body above ``inlineBodyLimit``; the
    /// case then goes on where it was.
    func checkAwayFromIOWhenLarge(_ response: HTTPResponse, scope: VariableScope) async -> Outcome {
        guard response.body.count > Self.inlineBodyLimit else { return check(response, scope: scope) }
        return await withTaskExecutorPreference(globalConcurrentExecutor) { check(response, scope: scope) }
    }

    func check(_ response: HTTPResponse, scope: VariableScope) -> Outcome {
        var outcome = Outcome()
        var statusMatched = true
        if let status = expectation.status, !status.matches(response.status) {
            statusMatched = false
            outcome.diagnostics.append(Diagnostic(
                .statusMismatch(expected: status.description, actual: response.status),
                "status: expected \(status), actual \(response.status)\(Self.errorHint(response))", at: status.location))
        }
        for header in expectation.headers { checkHeader(header, response: response, scope: scope, into: &outcome) }
        checkBody(response, scope: scope, into: &outcome)
        // A response of another status is another document (a 503's error envelope is not
        // the object the spec describes): what it holds beyond the spec is not drift.
        guard statusMatched else {
            outcome.drift = []
            return outcome
        }
        outcome.drift += HeaderDrift.records(for: response, expectation: expectation)
        outcome.drift = DriftRecord.merged(outcome.drift)
        if rejectUnknown {
            // Strict: every addition fails, whichever check saw it. (The shape checker has
            // already turned its own into mismatches; these come from `values`, `body.json`
            // and the headers.)
            for record in outcome.drift { outcome.diagnostics.append(Self.rejected(record, at: stepLocation)) }
            outcome.drift = []
        }
        return outcome
    }

    /// The failure an addition becomes under `--strict-unknown` or `unknown: reject`.
    static func rejected(_ record: DriftRecord, at location: SourceLocation) -> Diagnostic {
        let message = "\(record): unknown fields and headers are rejected (--strict-unknown or `unknown: reject`)"
        switch record.kind {
        case .field:
            return Diagnostic(.shapeMismatch(path: record.location, keyword: "unknown", expected: "no undeclared property", actual: record.type),
                              message, at: location)
        case .header:
            return Diagnostic(.headerMismatch(name: record.location, expected: "absent (not declared)", actual: "present"), message, at: location)
        case .baseline:
            return Diagnostic(.baselineBreak(change: "added", path: record.location, old: "", new: record.type), message, at: location)
        }
    }

    /// Codings the client decodes (it asks for these and only these).
    static let decodedEncodings: Set<String> = ["gzip", "x-gzip", "deflate", "identity"]

    /// ` (the body is br-encoded, …)` when the server compressed the body with a coding Conform
    /// did not ask for and so did not decode: why "not JSON" then, said outright.
    static func undecodedEncodingHint(_ response: HTTPResponse) -> String {
        guard let encoding = response.headers["Content-Encoding"]?.lowercased().trimmingCharacters(in: .whitespaces), !encoding.isEmpty,
            !decodedEncodings.contains(encoding)
        else { return "" }
        return " (the body is \(encoding)-encoded, which Conform did not ask for — it sends Accept-Encoding: gzip, deflate — and does not decode)"
    }

    /// A short reason for an unexpected status: the API's error `type` and `detail` when the
    /// body is an error envelope, so "expected 200, actual 422" also says why.
    static func errorHint(_ response: HTTPResponse) -> String {
        guard response.status >= 400, let json = try? JSONValue.parse(bytes: response.body),
            let type = json["type"]?.stringValue else { return "" }
        let detail = json["detail"]?.stringValue.map { ": \($0)" } ?? ""
        return " (\(type)\(detail))"
    }

    /// The template's text, or `nil` after noting the check as not made for want of a variable.
    private func resolvedText(_ template: Template, for check: String, at location: SourceLocation, scope: VariableScope,
                      into outcome: inout Outcome) -> String? {
        do { return try scope.string(template) } catch {
            outcome.unchecked.append((error.name, Self.unbound(error.name, check: check, at: location)))
            return nil
        }
    }

    private func resolvedJSON(_ template: JSONTemplate, for check: String, at location: SourceLocation, scope: VariableScope,
                      into outcome: inout Outcome) -> JSONValue? {
        do { return try scope.json(template) } catch {
            outcome.unchecked.append((error.name, Self.unbound(error.name, check: check, at: location)))
            return nil
        }
    }

    static func unbound(_ name: String, check: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.notRun(reason: .unbound(variable: name)), "\(check) not checked: `${\(name)}` has no value", at: location)
    }

    func checkHeader(_ header: HeaderExpectation, response: HTTPResponse, scope: VariableScope, into outcome: inout Outcome) {
        let actual = response.headers[header.name]
        func mismatch(_ expected: String) {
            let shown = actual.map { "\"\($0)\"" } ?? "missing"
            outcome.diagnostics.append(Diagnostic(.headerMismatch(name: header.name, expected: expected, actual: shown),
                                                  "header \(header.name): expected \(expected), actual \(shown)", at: header.location))
        }
        switch header.rule {
        case .present(let present):
            if (actual != nil) != present { mismatch(present ? "present" : "absent") }
        case .equals(let template):
            guard let wanted = resolvedText(template, for: "header \(header.name)", at: header.location, scope: scope, into: &outcome)
            else { return }
            if actual != wanted { mismatch("\"\(wanted)\"") }
        case .contains(let template):
            guard let wanted = resolvedText(template, for: "header \(header.name)", at: header.location, scope: scope, into: &outcome)
            else { return }
            if !(actual?.contains(wanted) ?? false) { mismatch("to contain \"\(wanted)\"") }
        case .matches(let pattern):
            // Validated when the spec was loaded; the server controls the header, so the match
            // is the bounded ECMA-262 engine's, and "undecided" is an error, not a pass.
            guard let compiled = try? CompiledPattern.shared(pattern) else { return }
            guard let actual else { return mismatch("to match /\(pattern)/") }
            switch compiled.evaluate(actual, isCancelled: isCancelled) {
            case .match: break
            case .noMatch: mismatch("to match /\(pattern)/")
            case .exceededBudget(let steps):
                outcome.diagnostics.append(Diagnostic(.undecided(path: "header \(header.name)", keyword: "matches"),
                    "header \(header.name): pattern `\(pattern)` not decided within \(steps) steps", at: header.location))
            case .cancelled:
                outcome.diagnostics.append(Diagnostic(.undecided(path: "header \(header.name)", keyword: "matches"),
                    "header \(header.name): pattern `\(pattern)` not decided: matching was cancelled (the run was interrupted)",
                    at: header.location))
            }
        }
    }

    func checkBody(_ response: HTTPResponse, scope: VariableScope, into outcome: inout Outcome) {
        if case .empty(let location)? = expectation.body, !response.body.isEmpty {
            outcome.diagnostics.append(Diagnostic(.bodyMismatch(expected: "empty", actual: "\(response.body.count) bytes"),
                                                  "body: expected empty, actual \(response.body.count) bytes", at: location))
        }
        if case .contains(let template, let location)? = expectation.body,
            let wanted = resolvedText(template, for: "body.contains", at: location, scope: scope, into: &outcome),
            !response.bodyText.contains(wanted)
        {
            outcome.diagnostics.append(Diagnostic(.bodyMismatch(expected: "to contain \"\(wanted)\"", actual: Self.excerpt(response.bodyText)),
                                                  "body: expected to contain \"\(wanted)\"", at: location))
        }
        // Parse once; captures also read this value.
        let parsed: JSONValue?
        let parseError: JSONParseError?
        if response.body.isEmpty {
            (parsed, parseError) = (nil, nil)
        } else {
            do { (parsed, parseError) = (try JSONValue.parse(bytes: response.body), nil) } catch { (parsed, parseError) = (nil, error) }
        }
        outcome.json = parsed
        // A body that says it is JSON and is not breaks the contract even when the spec
        // checks nothing inside it: every client parsing it would fail.
        if let parseError, !expectation.needsJSON, Self.declaresJSON(response) {
            outcome.diagnostics.append(Diagnostic(.bodyNotJSON(reason: parseError.description),
                                                  "body is not valid JSON although its Content-Type is \(response.headers["Content-Type"] ?? ""): \(parseError)"
                                                      + Self.undecodedEncodingHint(response),
                                                  at: stepLocation))
        }
        guard expectation.needsJSON else { return }
        guard let json = parsed else {
            let reason = parseError.map(\.description) ?? "the body is empty"
            let type = response.headers["Content-Type"].map { " (Content-Type: \($0))" } ?? ""
            outcome.diagnostics.append(Diagnostic(.bodyNotJSON(reason: reason), "body is not JSON\(type): \(reason)" + Self.undecodedEncodingHint(response),
                                                  at: expectation.shape?.location ?? expectation.values.first?.location ?? stepLocation))
            return
        }
        if let shape, let source = expectation.shape {
            let result = shape.check(json, options: ShapeCheckOptions(rejectUnknown: rejectUnknown), isCancelled: isCancelled)
            for mismatch in result.mismatches {
                let kind: Diagnostic.Kind = mismatch.isError
                    ? .undecided(path: mismatch.path.description, keyword: mismatch.keyword)
                    : .shapeMismatch(path: mismatch.path.description, keyword: mismatch.keyword, expected: mismatch.expected, actual: mismatch.actual)
                outcome.diagnostics.append(Diagnostic(kind, mismatch.message,
                    at: shapes.sourceLocation(of: mismatch.schemaLocation) ?? source.location, renameCandidate: mismatch.renamedTo))
            }
            outcome.drift += DriftRecord.grouped(result.drift)
            outcome.driftOmitted += result.driftOmitted
            if result.mismatchesOmitted > 0 {
                let count = result.mismatchesOmitted
                outcome.diagnostics.append(Diagnostic(
                    .shapeMismatch(path: "$", keyword: "more", expected: "", actual: "\(count) more mismatches"),
                    "… \(count) more shape mismatch\(count == 1 ? "" : "es") not listed (at most \(ShapeCheckOptions.default.maximumMismatches) per response)",
                    at: source.location))
            }
        }
        for value in expectation.values {
            guard let expected = resolvedJSON(value.expected, for: "value", at: value.location, scope: scope, into: &outcome) else { continue }
            let selector: SelectorPath
            switch value.path {
            case .fixed(let fixed): selector = fixed
            case .templated(let template):
                guard let text = resolvedText(template, for: "value", at: value.location, scope: scope, into: &outcome) else { continue }
                do { selector = try SelectorPath(parsing: text) } catch {
                    outcome.diagnostics.append(Diagnostic(.invalidValue, "`\(template.source)` became \"\(text)\", which is not a JSON path: \(error.message)",
                                                          at: value.location))
                    continue
                }
            }
            guard let found = selector.resolve(in: json) else {
                outcome.diagnostics.append(Diagnostic(
                    .valueMismatch(path: selector.description, expected: Self.describe(expected), actual: "missing"),
                    "\(selector): expected \(Self.describe(expected)), actual missing", at: value.location))
                continue
            }
            let match = ContractMatch.compare(found.value, expected: expected, at: found.path)
            outcome.drift += DriftRecord.grouped(match.additions)
            if let difference = match.difference {
                // Name the element a filter picked, so the message points at the real place.
                let path = selector.isPlain ? difference.path.description : "\(difference.path) (\(selector))"
                let shownActual = (difference.actual.map(Self.describe) ?? "missing") + (difference.note.map { " (\($0))" } ?? "")
                outcome.diagnostics.append(Diagnostic(
                    .valueMismatch(path: path, expected: Self.describe(difference.expected), actual: shownActual),
                    "\(path): expected \(Self.describe(difference.expected)), actual \(shownActual)", at: value.location))
            }
        }
        if case .json(let template, let location)? = expectation.body,
            let expected = resolvedJSON(template, for: "body.json", at: location, scope: scope, into: &outcome)
        {
            let match = ContractMatch.compare(json, expected: expected, at: .root)
            outcome.drift += DriftRecord.grouped(match.additions)
            if let difference = match.difference {
                let shownActual = (difference.actual.map(Self.describe) ?? "missing") + (difference.note.map { " (\($0))" } ?? "")
                outcome.diagnostics.append(Diagnostic(
                    .valueMismatch(path: difference.path.description, expected: Self.describe(difference.expected), actual: shownActual),
                    "body: \(difference.path): expected \(Self.describe(difference.expected)), actual \(shownActual)", at: location))
            }
        }
    }

    static func declaresJSON(_ response: HTTPResponse) -> Bool {
        guard let type = response.headers["Content-Type"]?.lowercased() else { return false }
        return type.contains("application/json") || type.contains("+json")
    }

    /// A value as a person reads it in a message: `integer 1`, `string "1"`, `null`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .string: "string \(value.excerpt(120))"
        default: "\(value.typeDescription) \(value.excerpt(120))"
        }
    }

    static func excerpt(_ text: String, limit: Int = 120) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
