import Foundation
public import ConformRunner
import ConformSpec

/// A run as Markdown for a pull request comment or a CI job page (`--report-markdown`, and
/// GitHub's job summary when `GITHUB_STEP_SUMMARY` is set): the verdict, a table per file, the
/// cases that did not pass with their spec line, and the run's drift once per field.
public enum MarkdownReport {
    /// Listed failures and drift rows; the rest is counted (the JUnit report has everything).
    public static let limit = 50

    public static func text(for run: RunResult, redactor: Redactor, exitCode: Int32) -> String {
        let tally = run.tally
        let verdict = ExitCode.verdict(exitCode)
        let mark = exitCode == ExitCode.success ? "✅" : exitCode == ExitCode.contractFailure ? "❌" : "⚠️"
        var text = "## Conform: \(mark) \(verdict.word)" + (verdict.reason.map { " (\($0))" } ?? "") + "\n\n"
        text += "\(run.specs.count) spec file\(run.specs.count == 1 ? "" : "s"), \(tally.total) case\(tally.total == 1 ? "" : "s"): "
            + "\(tally.sentence), against `\(cell(redactor.redact(run.targetDescription)))`\n\n"
        text += "| file | endpoint | passed | failed | errors | skipped |\n|---|---|---:|---:|---:|---:|\n"
        for spec in run.specs {
            let t = spec.tally
            text += "| `\(cell(spec.path))` | `\(cell(spec.endpoint))` | \(t.passed) | \(t.failed) | \(t.errors) | \(t.skipped) |\n"
        }
        let problems = run.specs.flatMap { spec in spec.cases.filter { [.failed, .error, .betaProblem].contains($0.reported) } }
        if !problems.isEmpty {
            text += "\n### Cases that did not pass\n\n| case | where | what |\n|---|---|---|\n"
            for result in problems.prefix(limit) {
                let diagnostic = result.diagnostics.first
                let location = diagnostic?.location ?? result.location
                let beta = result.reported == .betaProblem ? " (beta, not gating)" : ""
                let what = diagnostic.map { DiagnosticText.withoutLocation($0) } ?? "\(result.status)"
                text += "| \(cell(redactor.redact(result.name)))\(beta) | `\(cell(location.description))` | \(cell(redactor.redact(what))) |\n"
            }
            if problems.count > limit { text += "\n… and \(problems.count - limit) more (see the JUnit report)\n" }
        }
        let drift = run.driftSummary
        if !drift.isEmpty {
            text += "\n### Drift (tolerated, not failing)\n\n| file | undeclared | cases |\n|---|---|---|\n"
            for entry in drift.prefix(limit) {
                let cases = entry.cases.prefix(3).joined(separator: "; ") + (entry.cases.count > 3 ? "; +\(entry.cases.count - 3) more" : "")
                text += "| `\(cell(entry.spec))` | \(cell(redactor.redact(entry.drift.description))) | \(cell(redactor.redact(cases))) |\n"
            }
            if drift.count > limit { text += "\n… and \(drift.count - limit) more (see the JUnit report)\n" }
        }
        return text
    }

    /// Text for a table cell: `|` escaped, line breaks as spaces, backticks kept out of code spans.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'")
    }
}
