public import ConformRunner
public import ConformSpec

/// The human summary printed while a run goes: a line per spec file, and under it each
/// case that did not pass with its spec location and first mismatch; then totals and drift.
public struct ConsoleReport: Sendable {
    public let redactor: Redactor
    /// Also list every mismatch (not only the first) and each case's drift.
    public let verbose: Bool
    /// Whether the run had credentials. Without them, cases answered 401 are one line per
    /// file (the run says why once), not a block each.
    public let credentialsConfigured: Bool
    /// Colour or plain text (see `ConsoleStyle.decide`).
    public let style: ConsoleStyle
    /// The loaded files' text, for the line under each failure.
    public let sources: SourceTexts

    public init(redactor: Redactor, verbose: Bool = false, credentialsConfigured: Bool = true,
                style: ConsoleStyle = ConsoleStyle(colored: false), sources: SourceTexts = SourceTexts()) {
        self.redactor = redactor
        self.verbose = verbose
        self.credentialsConfigured = credentialsConfigured
        self.style = style
        self.sources = sources
    }

    /// Left out by `--tags`/`--filter`, or not started after `--fail-fast` stopped the run:
    /// counted on one line, not listed one by one.
    static func notRunReason(_ result: CaseResult) -> Diagnostic.NotRunReason? {
        guard result.status == .skipped, case .notRun(let reason)? = result.diagnostics.first?.kind else { return nil }
        switch reason {
        case .deselected, .failFast: return reason
        default: return nil
        }
    }

    static func isStoppedByFailFast(_ result: CaseResult) -> Bool {
        if case .failFast? = notRunReason(result) { return true }
        return false
    }

    /// A case answered 401 while no credentials were configured (what else failed follows
    /// from that: the body is the error envelope, nothing was captured).
    func isUnauthorizedWithoutCredentials(_ result: CaseResult) -> Bool {
        guard !credentialsConfigured, !verbose, result.status == .failed, let first = result.diagnostics.first else { return false }
        if case .statusMismatch(_, 401) = first.kind { return true }
        return false
    }

    public func header(specCount: Int, target: String) -> String {
        "conform: \(specCount) spec file\(specCount == 1 ? "" : "s") against \(redactor.redact(target))\n"
    }

    /// The block for one finished spec file; nothing for a file none of whose cases ran
    /// because of `--tags`/`--filter` or `--fail-fast` (the summary counts them).
    public func lines(for spec: SpecResult) -> String {
        if !spec.cases.isEmpty, spec.cases.allSatisfy({ Self.notRunReason($0) != nil }), spec.teardownProblems.isEmpty {
            return ""
        }
        let tally = spec.tally
        // PASS only when nothing failed or errored, beta included: a beta problem is `WARN`.
        let label = tally.failed > 0 ? style.paint("FAIL ", .fail) : tally.errors > 0 ? style.paint("ERROR", .error)
            : tally.betaProblems > 0 ? style.paint("WARN ", .warn) : style.paint("PASS ", .pass)
        var counts = ["\(tally.passed) passed"]
        if tally.failed > 0 { counts.append("\(tally.failed) failed") }
        if tally.errors > 0 { counts.append("\(tally.errors) error\(tally.errors == 1 ? "" : "s")") }
        if tally.skipped > 0 {
            let beta = tally.betaProblems > 0 ? " (\(tally.betaProblems) beta)" : ""
            counts.append("\(tally.skipped) skipped\(beta)")
        }
        var text = "\(label) \(spec.path)  (\(counts.joined(separator: ", ")); \(Self.seconds(spec.duration)))\n"
        for result in spec.cases where result.status == .passed && !result.retries.isEmpty {
            text += "  ↻ \(result.name): passed after \(result.retries.count) retr\(result.retries.count == 1 ? "y" : "ies")\n"
            for note in result.retries { text += "      retried: \(redactor.redact(note.message))\n" }
        }
        if verbose {
            for result in spec.cases where result.status == .passed && !result.exchanges.isEmpty {
                text += "  ↪ \(result.name): passed after\n" + exchangeLines(of: result)
            }
        }
        let unauthorized = spec.cases.filter(isUnauthorizedWithoutCredentials)
        if !unauthorized.isEmpty {
            let names = unauthorized.prefix(3).map(\.name).joined(separator: "; ") + (unauthorized.count > 3 ? "; …" : "")
            text += "  ✗ \(unauthorized.count) case\(unauthorized.count == 1 ? "" : "s") answered 401 Unauthorized (no credentials configured): \(names)\n"
        }
        let deselected = spec.cases.filter { Self.notRunReason($0) == .deselected }.count
        if deselected > 0 { text += "  - \(deselected) case\(deselected == 1 ? "" : "s") deselected by --tags/--filter\n" }
        let stopped = spec.cases.filter(Self.isStoppedByFailFast).count
        if stopped > 0 { text += "  - \(stopped) case\(stopped == 1 ? "" : "s") not run: --fail-fast stopped the run\n" }
        for result in spec.cases where (result.status != .passed || (verbose && !result.drift.isEmpty))
            && !isUnauthorizedWithoutCredentials(result) && Self.notRunReason(result) == nil
        {
            let mark = switch result.status {
            case .passed: style.paint("✓", .pass)
            case .failed: style.paint("✗", .fail)
            case .error: style.paint("!", .error)
            case .skipped: "-"
            }
            let beta = result.reported == .betaProblem ? " [beta: does not gate]" : ""
            text += "  \(mark) \(style.paint(result.name, .bold))\(beta)\n"
            let shown = verbose ? result.diagnostics : Array(result.diagnostics.prefix(1))
            for diagnostic in shown {
                text += "      \(redactor.redact(DiagnosticText.line(for: diagnostic)))\n"
                if let location = diagnostic.location {
                    for line in SourceSnippet.lines(at: location, in: sources, style: style) {
                        text += "        " + redactor.redact(line) + "\n"
                    }
                }
            }
            for note in result.retries { text += "      retried before: \(redactor.redact(note.message))\n" }
            text += exchangeLines(of: result)
            if !verbose, result.diagnostics.count > 1 {
                text += "      (+\(result.diagnostics.count - 1) more mismatch\(result.diagnostics.count == 2 ? "" : "es"); see the JUnit report or use --verbose)\n"
            }
            if verbose {
                for record in result.drift { text += "      drift: \(record)\n" }
                if result.driftOmitted > 0 { text += "      drift: \(JUnitReport.omittedDrift(result.driftOmitted))\n" }
            }
            text += exchange(of: result)
        }
        for problem in spec.teardownProblems {
            text += "  teardown: \(redactor.redact(problem.description))\n"
        }
        return text
    }

    /// Under a case that did not pass: the request line, the response (status, content type,
    /// the start of the body; everything with `--verbose`), and a curl command that sends the
    /// request again. Redacted when the transcript was made, and again here, as every report does.
    func exchange(of result: CaseResult) -> String {
        guard result.status == .failed || result.status == .error, let transcript = result.transcript else { return "" }
        var text = ""
        func block(_ label: String, _ body: String) {
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let trimmed = lines.last == "" ? Array(lines.dropLast()) : lines
            for (index, line) in trimmed.enumerated() {
                text += "      " + (index == 0 ? style.paint(label, .dim) : String(repeating: " ", count: label.count))
                    + redactor.redact(line) + "\n"
            }
        }
        if verbose {
            block("request:  ", transcript.request)
            if let response = transcript.response { block("response: ", response) }
        } else {
            block("request:  ", String(transcript.request.prefix { $0 != "\n" }))
            if let excerpt = transcript.responseExcerpt { block("response: ", excerpt) }
        }
        if let replay = transcript.replay { block("replay:   ", replay) }
        return text
    }

    /// The cases that did not pass, in path order, one line each: the blocks above came in the
    /// order files finished, and a person reading the end of the log wants the list in one place.
    public func recap(for run: RunResult) -> String {
        var problems: [(SpecResult, CaseResult)] = []
        var notRun = 0
        for spec in run.specs {
            // Cases answered 401 without credentials are counted by `unauthorizedNote`, not listed.
            for result in spec.cases where (result.status == .failed || result.status == .error) && !isUnauthorizedWithoutCredentials(result) {
                if case .notRun? = result.diagnostics.first?.kind { notRun += 1 } else { problems.append((spec, result)) }
            }
        }
        guard !problems.isEmpty else { return "" }
        var text = "\nnot passed (\(problems.count), in path order):\n"
        for (spec, result) in problems.prefix(Self.recapLimit) {
            let mark = result.status == .failed ? style.paint("✗", .fail) : style.paint("!", .error)
            let beta = result.gates ? "" : " [beta]"
            let first = result.diagnostics.first.map { "  " + Self.oneLine(redactor.redact(DiagnosticText.withoutLocation($0))) } ?? ""
            text += "  \(mark) \(spec.path):\(result.location.line)  \(result.name)\(beta)\(style.paint(first, .dim))\n"
        }
        if problems.count > Self.recapLimit { text += "  … \(problems.count - Self.recapLimit) more (see the reports)\n" }
        if notRun > 0 { text += "  and \(notRun) case\(notRun == 1 ? "" : "s") not run because of those (see above)\n" }
        return text
    }

    static let recapLimit = 50

    /// The first line of a message, at most 120 characters: the recap is a list, not the detail.
    static func oneLine(_ text: String) -> String {
        let line = text.prefix { $0 != "\n" }
        return line.count > 120 ? line.prefix(119) + "…" : String(line)
    }

    /// Totals, the drift summary and the verdict.
    public func summary(for run: RunResult) -> String {
        var text = ""
        let drift = run.driftSummary
        if !drift.isEmpty {
            text += "\ndrift (tolerated, not failing): \(drift.count) undeclared field\(drift.count == 1 ? "" : "s") or header\(drift.count == 1 ? "" : "s")\n"
            for entry in drift.prefix(verbose ? Int.max : 20) {
                let cases = entry.cases.count <= 3 ? entry.cases.joined(separator: "; ")
                    : entry.cases.prefix(3).joined(separator: "; ") + "; +\(entry.cases.count - 3) more"
                text += "  \(entry.spec)  \(entry.drift)  (\(cases))\n"
            }
            if !verbose, drift.count > 20 { text += "  … \(drift.count - 20) more (see the JUnit report or use --verbose)\n" }
        }
        for sentence in run.abandonedTargets { text += "\n\(redactor.redact(sentence))\n" }
        // One pass over the cases in place (copying every case result of a large run into new
        // arrays to count two kinds of skip cost more than the rest of the summary).
        var deselected = 0
        var stopped = 0
        var firstStop: (name: String, file: String)?
        for spec in run.specs {
            for index in spec.cases.indices {
                switch Self.notRunReason(spec.cases[index]) {
                case .deselected?: deselected += 1
                case .failFast(let name, let file)?:
                    stopped += 1
                    if firstStop == nil { firstStop = (name, file) }
                default: break
                }
            }
        }
        if deselected > 0 { text += "\n\(deselected) case\(deselected == 1 ? "" : "s") deselected by --tags/--filter\n" }
        if let firstStop {
            text += "\n\(stopped) case\(stopped == 1 ? "" : "s") not run: \(FailFast.sentence(afterCase: firstStop.name, file: firstStop.file))\n"
        }
        let tally = run.tally
        text += "\n\(run.specs.count) spec file\(run.specs.count == 1 ? "" : "s"), \(tally.total) case\(tally.total == 1 ? "" : "s"): "
        text += "\(tally.sentence) in \(Self.seconds(run.duration))\n"
        return text
    }

    /// Redirects followed and attempts of `retry: { until }`: all of them with `--verbose`,
    /// else the first two and the last three (the last ones say why the case ended as it did).
    func exchangeLines(of result: CaseResult) -> String {
        let lines = result.exchanges.map { "      ↪ " + redactor.redact($0) + "\n" }
        guard !verbose, lines.count > 6 else { return lines.joined() }
        return lines.prefix(2).joined() + "      ↪ … \(lines.count - 5) more\n" + lines.suffix(3).joined()
    }

    /// Said once, before anything is sent, when credentials go by the default scheme to a URL
    /// that does not look like a JourneyApps deployment.
    public func defaultAuthNote() -> String {
        "note: credentials go as JourneyApps expects them (`Authorization: Bearer O:<token>`, auth: journeyapps-token, the default); "
            + "for another API set `auth:` on the target in conform.yaml or pass --auth bearer|basic|header:NAME|query:NAME\n"
    }

    /// Said once, before anything is sent, when the run has no credentials.
    public func credentialsNote(hint: String) -> String {
        "note: no credentials configured (set \(hint)): requests go without Authorization, "
            + "so a deployment that needs them answers 401\n"
    }

    /// Said once after the run when many cases got 401 and no credentials were set.
    public func unauthorizedNote(for run: RunResult, hint: String) -> String {
        let count = run.unauthorizedCount
        guard count >= 3 else { return "" }
        return "\n\(count) cases failed with 401 Unauthorized and no credentials were configured: set \(hint)\n"
    }

    /// The last line. An interrupted run has no verdict: what did not run was not checked.
    public func verdict(for run: RunResult, interruptedBy signal: String? = nil) -> String {
        if let signal { return "result: INTERRUPTED by \(signal) (the report holds what finished; teardown ran)\n" }
        let code = run.exitCode
        let verdict = ExitCode.verdict(code)
        let tone: ConsoleStyle.Tone = code == ExitCode.success ? .pass : code == ExitCode.contractFailure ? .fail : .error
        return "result: \(style.paint(verdict.word, tone))" + (verdict.reason.map { " (\($0))" } ?? "") + "\n"
    }

    static func seconds(_ value: Double) -> String { JUnitWriter.seconds(value) + "s" }
}
