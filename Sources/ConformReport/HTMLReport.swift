public import ConformRunner
public import ConformSpec
import Foundation

/// A run as one self-contained HTML page (`--report-html`): inline CSS, no script, no external
/// asset, so it opens offline from a CI artifact. It holds the verdict and totals, a table per
/// endpoint, each failure as the terminal shows it (the spec line with carets, path, expected,
/// actual, the exchange and a replay command), every file's cases (collapsed with `<details>`,
/// which needs no script), the run's drift once per field across files, retries and flaky
/// cases, and the slowest cases. Every text is redacted, then escaped.
public enum HTMLReport {
    /// Failures rendered in full, and rows in the drift and slowest tables; the rest is counted.
    public static let limit = 200
    static let slowest = 10
    /// Diagnostics of one case rendered with their spec line and fields; the rest a line each.
    static let fullDiagnostics = 3

    public static func text(for run: RunResult, redactor: Redactor, sources: SourceTexts, exitCode: Int32) -> String {
        var page = Page(redactor: redactor)
        let verdict = ExitCode.verdict(exitCode)
        let tone = exitCode == ExitCode.success ? "pass" : exitCode == ExitCode.contractFailure ? "fail" : "error"
        let tally = run.tally
        page.raw("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Conform: \(escape(verdict.word)) — \(escape(redactor.redact(run.targetDescription)))</title>
            <style>\(stylesheet)</style>
            </head>
            <body>

            """)
        page.raw("<header><h1>Conform report <span class=\"verdict \(tone)\" id=\"verdict\">\(escape(verdict.word))</span></h1>\n")
        page.raw("<p class=\"reason\">")
        page.text(verdict.reason.map { "\($0)" } ?? "every gating case passed")
        page.raw("</p>\n<dl class=\"facts\"><dt>target</dt><dd><code>")
        page.text(run.targetDescription)
        page.raw("</code></dd><dt>started</dt><dd>\(escape(JUnitReport.timestamp(run.startedAt)))</dd>")
        page.raw("<dt>duration</dt><dd>\(escape(seconds(run.duration)))</dd><dt>exit code</dt><dd>\(exitCode)</dd></dl>\n")
        page.raw("<p class=\"totals\" id=\"totals\">\(run.specs.count) spec file\(run.specs.count == 1 ? "" : "s"), ")
        page.raw("\(tally.total) case\(tally.total == 1 ? "" : "s"): ")
        page.raw("<span class=\"pass\">\(tally.passed) passed</span>, <span class=\"fail\">\(tally.failed) failed</span>, ")
        page.raw("<span class=\"error\">\(tally.errors) error\(tally.errors == 1 ? "" : "s")</span>, \(tally.skipped) skipped")
        if tally.betaProblems > 0 { page.raw(" (\(tally.betaProblems) of them beta failures, not gating)") }
        page.raw("</p>\n")
        page.raw("<nav><a href=\"#endpoints\">Endpoints</a> · <a href=\"#failures\">Failures</a> · <a href=\"#files\">Files</a> · ")
        page.raw("<a href=\"#drift\">Drift</a> · <a href=\"#retries\">Retries</a> · <a href=\"#slowest\">Slowest</a></nav></header>\n<main>\n")
        endpoints(run, into: &page)
        failures(run, sources: sources, into: &page)
        files(run, into: &page)
        drift(run, into: &page)
        retries(run, into: &page)
        slowestCases(run, into: &page)
        page.raw("</main>\n<footer>Written by Conform. The JUnit and JSON reports of the same run hold every detail.</footer>\n</body>\n</html>\n")
        return page.html
    }

    // MARK: Sections

    static func endpoints(_ run: RunResult, into page: inout Page) {
        var order: [String] = []
        var rows: [String: (files: Int, tally: Tally)] = [:]
        for spec in run.specs {
            if rows[spec.endpoint] == nil { order.append(spec.endpoint); rows[spec.endpoint] = (0, Tally([])) }
            rows[spec.endpoint]!.files += 1
            rows[spec.endpoint]!.tally.add(spec.tally)
        }
        page.raw("<section id=\"endpoints\"><h2>Endpoints</h2>\n<table><thead><tr><th>endpoint</th><th>files</th>")
        page.raw("<th>passed</th><th>failed</th><th>errors</th><th>skipped</th></tr></thead><tbody>\n")
        for endpoint in order {
            let row = rows[endpoint]!
            page.raw("<tr class=\"row-\(toneClass(row.tally))\"><td><code>")
            page.text(endpoint)
            page.raw("</code></td><td>\(row.files)</td><td>\(row.tally.passed)</td><td>\(row.tally.failed)</td>")
            page.raw("<td>\(row.tally.errors)</td><td>\(row.tally.skipped)</td></tr>\n")
        }
        page.raw("</tbody></table></section>\n")
    }

    /// Each case that failed or could not be checked, as the terminal shows it.
    static func failures(_ run: RunResult, sources: SourceTexts, into page: inout Page) {
        let problems = run.specs.flatMap { spec in spec.cases.filter(isShownAsFailure).map { (spec, $0) } }
        page.raw("<section id=\"failures\"><h2>Failures (\(problems.count))</h2>\n")
        if problems.isEmpty { page.raw("<p class=\"none\">No case failed or erred.</p>\n") }
        for (spec, result) in problems.prefix(limit) {
            let status = result.reported == .betaProblem ? "beta" : result.status.rawValue
            page.raw("<article class=\"failure \(result.status == .failed ? "failed" : "errored")\">")
            page.raw("<h3><span class=\"badge\">\(escape(status))</span> ")
            page.text(result.name)
            page.raw("</h3>\n<p class=\"where\"><code>")
            page.text("\(spec.path):\(result.location.line)")
            page.raw("</code> · <code>")
            page.text(spec.endpoint)
            page.raw("</code></p>\n")
            // The first few in full (snippet and fields), the rest a line each: a response with
            // fifty mismatches is one broken object, not fifty stories.
            for diagnostic in result.diagnostics.prefix(fullDiagnostics) { self.diagnostic(diagnostic, sources: sources, into: &page) }
            let rest = result.diagnostics.dropFirst(fullDiagnostics)
            if !rest.isEmpty {
                page.raw("<ul class=\"more\">")
                for diagnostic in rest.prefix(50) {
                    page.raw("<li>")
                    page.text(DiagnosticText.line(for: diagnostic))
                    page.raw("</li>")
                }
                if rest.count > 50 { page.raw("<li>… \(rest.count - 50) more (the JSON report has them all)</li>") }
                page.raw("</ul>\n")
            }
            for note in result.retries {
                page.raw("<p class=\"retry\">retried before: ")
                page.text(note.message)
                page.raw("</p>\n")
            }
            if !result.exchanges.isEmpty { page.block("exchanges", result.exchanges.joined(separator: "\n")) }
            if let transcript = result.transcript {
                page.block("request", transcript.request)
                if let response = transcript.responseExcerpt ?? transcript.response { page.block("response", response) }
                if let replay = transcript.replay { page.block("replay", replay) }
            }
            page.raw("</article>\n")
        }
        if problems.count > limit { page.raw("<p>… \(problems.count - limit) more failures (see the JSON or JUnit report)</p>\n") }
        let notRun = run.cases.filter { ($0.status == .failed || $0.status == .error) && isNotRun($0) }.count
        if notRun > 0 {
            page.raw("<p class=\"not-run\">\(notRun) more case\(notRun == 1 ? "" : "s") could not run because of an earlier problem ")
            page.raw("(the target stopped answering, or a value was not captured): see the Files section.</p>\n")
        }
        page.raw("</section>\n")
    }

    static func diagnostic(_ diagnostic: Diagnostic, sources: SourceTexts, into page: inout Page) {
        var fields: [(String, String)] = []
        // The fields say path, expected and actual; the sentence is for the kinds without them
        // (and for a status, whose sentence also quotes the error envelope).
        var sentence = true
        switch diagnostic.kind {
        case .shapeMismatch(let path, _, let expected, let actual), .valueMismatch(let path, let expected, let actual):
            fields = [("JSON path", path), ("expected", expected), ("actual", actual)]
            sentence = false
        case .statusMismatch(let expected, let actual):
            fields = [("expected", "status \(expected)"), ("actual", "status \(actual)")]
        case .headerMismatch(let name, let expected, let actual):
            fields = [("header", name), ("expected", expected), ("actual", actual)]
            sentence = false
        default:
            break
        }
        if let candidate = diagnostic.renameCandidate { fields.append(("renamed to?", candidate)) }
        page.raw("<div class=\"diagnostic severity-\(diagnostic.severity.rawValue)\"><p class=\"message\">")
        if let location = diagnostic.location {
            page.raw("<code class=\"location\">")
            page.text(location.description)
            page.raw("</code> ")
        }
        if sentence { page.text(DiagnosticText.withoutLocation(diagnostic)) }
        page.raw("</p>\n")
        if !fields.isEmpty {
            page.raw("<dl class=\"fields\">")
            for (name, value) in fields {
                page.raw("<dt>\(escape(name))</dt><dd><code>")
                page.text(value)
                page.raw("</code></dd>")
            }
            page.raw("</dl>\n")
        }
        if let location = diagnostic.location {
            let lines = SourceSnippet.lines(at: location, in: sources, style: ConsoleStyle(colored: false))
            if !lines.isEmpty { page.block("spec", lines.joined(separator: "\n"), className: "snippet") }
        }
        page.raw("</div>\n")
    }

    static func files(_ run: RunResult, into page: inout Page) {
        page.raw("<section id=\"files\"><h2>Files</h2>\n")
        for spec in run.specs {
            let tally = spec.tally
            let label = tally.failed > 0 ? "FAIL" : tally.errors > 0 ? "ERROR" : tally.betaProblems > 0 ? "WARN" : "PASS"
            let open = label == "PASS" ? "" : " open"
            page.raw("<details class=\"file file-\(label.lowercased())\"\(open)><summary><span class=\"badge\">\(label)</span> <code>")
            page.text(spec.path)
            page.raw("</code> \(escape(tally.sentence)); \(escape(seconds(spec.duration)))</summary>\n")
            page.raw("<table><thead><tr><th>case</th><th>line</th><th>status</th><th>time</th><th>note</th></tr></thead><tbody>\n")
            for result in spec.cases {
                let status = result.reported == .betaProblem ? "beta failure" : result.status.rawValue
                page.raw("<tr class=\"row-\(escape(result.status.rawValue))\"><td>")
                page.text(result.name)
                page.raw("</td><td>\(result.location.line)</td><td>\(escape(status))</td><td>\(escape(seconds(result.duration)))</td><td>")
                if result.status == .skipped, let first = result.diagnostics.first {
                    page.text(first.message)
                } else if !result.retries.isEmpty {
                    page.text("\(result.retries.count) retr\(result.retries.count == 1 ? "y" : "ies")")
                } else if !result.drift.isEmpty {
                    page.text("\(result.drift.count + result.driftOmitted) drift")
                }
                page.raw("</td></tr>\n")
            }
            page.raw("</tbody></table>\n")
            for problem in spec.teardownProblems {
                page.raw("<p class=\"teardown\">teardown: ")
                page.text(problem.description)
                page.raw("</p>\n")
            }
            page.raw("</details>\n")
        }
        page.raw("</section>\n")
    }

    /// The run's drift once per place across files: which endpoints sent it, with what types,
    /// in how many cases.
    static func drift(_ run: RunResult, into page: inout Page) {
        let rows = RunDrift.deduplicated(run)
        page.raw("<section id=\"drift\"><h2>Drift (tolerated, not failing): \(rows.count)</h2>\n")
        if rows.isEmpty {
            page.raw("<p class=\"none\">No undeclared field or header.</p>\n</section>\n")
            return
        }
        page.raw("<table><thead><tr><th>undeclared</th><th>where</th><th>type</th><th>endpoints</th><th>cases</th></tr></thead><tbody>\n")
        for row in rows.prefix(limit) {
            page.raw("<tr><td>\(row.kind.rawValue)</td><td><code>")
            page.text(row.location)
            page.raw("</code></td><td>")
            page.text(row.types.joined(separator: " or "))
            page.raw("</td><td>")
            // A field every endpoint sends (a new envelope member) names three and counts the rest.
            let shown = row.endpoints.prefix(3).joined(separator: "; ")
            page.text(row.endpoints.count > 3 ? shown + "; +\(row.endpoints.count - 3) more" : shown)
            page.raw("</td><td>\(row.caseCount)</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        if rows.count > limit { page.raw("<p>… \(rows.count - limit) more (see the JSON report)</p>\n") }
        page.raw("</section>\n")
    }

    /// Cases that needed more than one attempt; those that then passed are flaky.
    static func retries(_ run: RunResult, into page: inout Page) {
        let retried = run.specs.flatMap { spec in spec.cases.filter { !$0.retries.isEmpty }.map { (spec, $0) } }
        let flaky = retried.filter { $0.1.status == .passed }.count
        page.raw("<section id=\"retries\"><h2>Retries: \(retried.count) case\(retried.count == 1 ? "" : "s"), \(flaky) flaky</h2>\n")
        if retried.isEmpty {
            page.raw("<p class=\"none\">Every request was answered at the first attempt.</p>\n</section>\n")
            return
        }
        page.raw("<table><thead><tr><th>case</th><th>file</th><th>outcome</th><th>earlier attempts</th></tr></thead><tbody>\n")
        for (spec, result) in retried.prefix(limit) {
            page.raw("<tr><td>")
            page.text(result.name)
            page.raw("</td><td><code>")
            page.text("\(spec.path):\(result.location.line)")
            page.raw("</code></td><td>\(result.status == .passed ? "flaky: passed after retrying" : escape(result.status.rawValue))</td><td>")
            page.text(result.retries.map(\.message).joined(separator: "\n"))
            page.raw("</td></tr>\n")
        }
        page.raw("</tbody></table></section>\n")
    }

    static func slowestCases(_ run: RunResult, into page: inout Page) {
        let cases = run.specs.flatMap { spec in spec.cases.filter { $0.status != .skipped }.map { (spec, $0) } }
        let top = cases.sorted { $0.1.duration > $1.1.duration }.prefix(slowest)
        page.raw("<section id=\"slowest\"><h2>Slowest cases</h2>\n")
        page.raw("<table><thead><tr><th>time</th><th>case</th><th>file</th></tr></thead><tbody>\n")
        for (spec, result) in top {
            page.raw("<tr><td>\(escape(seconds(result.duration)))</td><td>")
            page.text(result.name)
            page.raw("</td><td><code>")
            page.text("\(spec.path):\(result.location.line)")
            page.raw("</code></td></tr>\n")
        }
        page.raw("</tbody></table></section>\n")
    }

    // MARK: Helpers

    /// Cases the Failures section renders: failed or erred (beta too), but not the ones merely
    /// left out by `--tags`, `--filter` or `--fail-fast`.
    static func isShownAsFailure(_ result: CaseResult) -> Bool {
        (result.status == .failed || result.status == .error) && !isNotRun(result)
    }

    /// Not sent because of an earlier problem (the target stopped answering, a capture is
    /// missing): counted under the failures, not rendered one by one.
    static func isNotRun(_ result: CaseResult) -> Bool {
        if case .notRun? = result.diagnostics.first?.kind { return true }
        return false
    }

    static func toneClass(_ tally: Tally) -> String {
        tally.failed > 0 ? "fail" : tally.errors > 0 ? "error" : "pass"
    }

    static func seconds(_ value: Double) -> String { JUnitWriter.seconds(value) + " s" }

    /// Text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // Control characters other than tab and newline cannot appear in HTML text.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The page being written: `text` redacts and escapes, `raw` is markup written here.
    struct Page {
        let redactor: Redactor
        var html = ""

        mutating func raw(_ markup: String) { html += markup }
        mutating func text(_ value: String) { html += escape(redactor.redact(value)) }
        mutating func block(_ label: String, _ body: String, className: String = "exchange") {
            raw("<div class=\"\(className)\"><span class=\"label\">\(escape(label))</span><pre>")
            text(body)
            raw("</pre></div>\n")
        }
    }

    static let stylesheet = """
        :root{--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--error:#8250df;--warn:#9a6700;--code:#f6f8fa}
        @media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;--pass:#3fb950;--fail:#f85149;--error:#a371f7;--warn:#d29922;--code:#161b22}}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:1rem 1.5rem}
        h1{font-size:1.6rem;margin:.2rem 0} h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem} h3{font-size:1rem;margin:.2rem 0}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em}
        pre{background:var(--code);border:1px solid var(--line);border-radius:4px;padding:.5rem .7rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word;margin:.2rem 0}
        .verdict{border-radius:4px;padding:.05rem .5rem;color:#fff;font-size:1.1rem;vertical-align:middle}
        .pass{color:var(--pass)} .fail{color:var(--fail)} .error{color:var(--error)} .warn{color:var(--warn)}
        .verdict.pass{background:var(--pass);color:#fff} .verdict.fail{background:var(--fail);color:#fff} .verdict.error{background:var(--error);color:#fff}
        .reason,.where,.none,footer{color:var(--muted)} footer{margin-top:2rem;font-size:.85rem}
        dl.facts,dl.fields{display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem;margin:.3rem 0} dt{color:var(--muted)} dd{margin:0}
        table{border-collapse:collapse;width:100%;margin:.4rem 0} th,td{border-bottom:1px solid var(--line);text-align:left;padding:.25rem .5rem;vertical-align:top} td code{overflow-wrap:anywhere}
        th{font-weight:600;white-space:nowrap} tr.row-fail td:first-child,tr.row-failed td:first-child{border-left:3px solid var(--fail)}
        tr.row-error td:first-child{border-left:3px solid var(--error)}
        tr.row-failed td:nth-child(3){color:var(--fail)} tr.row-error td:nth-child(3){color:var(--error)} tr.row-passed td:nth-child(3){color:var(--pass)}
        article.failure{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:4px;padding:.5rem .8rem;margin:.8rem 0}
        article.failure.errored{border-left-color:var(--error)} article.failure h3 .badge{color:var(--fail)} article.failure.errored h3 .badge{color:var(--error)}
        .diagnostic{margin:.5rem 0 .7rem} .diagnostic .message{margin:.1rem 0} ul.more{font-family:ui-monospace,monospace;font-size:.85em;padding-left:1.2rem}
        .badge{font-family:ui-monospace,monospace;font-size:.8rem;border:1px solid currentColor;border-radius:3px;padding:0 .3rem}
        .label{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
        details.file{border-bottom:1px solid var(--line);padding:.3rem 0} details.file summary{cursor:pointer}
        details.file-fail summary .badge{color:var(--fail)} details.file-error summary .badge{color:var(--error)}
        details.file-pass summary .badge{color:var(--pass)} details.file-warn summary .badge{color:var(--warn)}
        nav{margin:.6rem 0}
        """
}

/// The run's drift deduplicated across files: one row per kind and place (field path or header
/// name), with every type seen, the endpoints that sent it, and how many cases saw it. (The
/// console and Markdown list it per file; a person reading a report wants it per field.)
public struct RunDrift: Sendable, Hashable {
    public let kind: DriftRecord.Kind
    public let location: String
    public var types: [String]
    public var endpoints: [String]
    public var caseCount: Int

    public static func deduplicated(_ run: RunResult) -> [RunDrift] {
        var order: [String] = []
        var rows: [String: RunDrift] = [:]
        for entry in run.driftSummary {
            let key = entry.drift.kind.rawValue + " " + entry.drift.location
            let types = entry.drift.type.isEmpty ? [] : entry.drift.type.components(separatedBy: " or ")
            if var row = rows[key] {
                for type in types where !row.types.contains(type) { row.types.append(type) }
                if !row.endpoints.contains(entry.endpoint) { row.endpoints.append(entry.endpoint) }
                row.caseCount += entry.cases.count
                rows[key] = row
            } else {
                order.append(key)
                rows[key] = RunDrift(kind: entry.drift.kind, location: entry.drift.location, types: types,
                                     endpoints: [entry.endpoint], caseCount: entry.cases.count)
            }
        }
        return order.compactMap { rows[$0] }
    }
}
