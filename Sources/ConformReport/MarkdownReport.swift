import Foundation
public import ConformRunner
public import ConformShape
import ConformSpec

/// A run as Markdown for a pull request comment or a CI job page (`--report-markdown`, and
/// GitHub's job summary when `GITHUB_STEP_SUMMARY` is set): the verdict, a table per file, the
/// cases that did not pass with their spec line, and the run's drift once per field. Written
/// from a `RunSummary`, which a run makes and which `conform merge` reads back from the JSON
/// reports of sharded runs, so a merged summary reads exactly as one run's would.
public enum MarkdownReport {
    /// Listed failures and drift rows; the rest is counted (the JUnit report has everything).
    public static let limit = 50

    public static func text(for run: RunResult, redactor: Redactor, exitCode: Int32) -> String {
        text(for: RunSummary(run, redactor: redactor, exitCode: exitCode))
    }

    public static func text(for summary: RunSummary) -> String {
        let tally = summary.tally
        let verdict = ExitCode.verdict(summary.exitCode)
        let mark = summary.exitCode == ExitCode.success ? "✅" : summary.exitCode == ExitCode.contractFailure ? "❌" : "⚠️"
        var text = "## Conform: \(mark) \(verdict.word)" + (verdict.reason.map { " (\($0))" } ?? "") + "\n\n"
        text += "\(summary.files.count) spec file\(summary.files.count == 1 ? "" : "s"), \(tally.total) case\(tally.total == 1 ? "" : "s"): "
            + "\(tally.sentence), against `\(cell(summary.target))`\n\n"
        text += "| file | endpoint | passed | failed | errors | skipped |\n|---|---|---:|---:|---:|---:|\n"
        for file in summary.files {
            let t = file.tally
            text += "| `\(cell(file.path))` | `\(cell(file.endpoint))` | \(t.passed) | \(t.failed) | \(t.errors) | \(t.skipped) |\n"
        }
        if !summary.problems.isEmpty {
            text += "\n### Cases that did not pass\n\n| case | where | what |\n|---|---|---|\n"
            for problem in summary.problems.prefix(limit) {
                let beta = problem.beta ? " (beta, not gating)" : ""
                text += "| \(cell(problem.name))\(beta) | `\(cell(problem.location))` | \(cell(problem.what)) |\n"
            }
            if summary.problems.count > limit { text += "\n… and \(summary.problems.count - limit) more (see the JUnit report)\n" }
        }
        if !summary.drift.isEmpty {
            text += "\n### Drift (tolerated, not failing)\n\n| file | undeclared | cases |\n|---|---|---|\n"
            for entry in summary.drift.prefix(limit) {
                let cases = entry.cases.prefix(3).joined(separator: "; ") + (entry.cases.count > 3 ? "; +\(entry.cases.count - 3) more" : "")
                text += "| `\(cell(entry.spec))` | \(cell(entry.description)) | \(cell(cases)) |\n"
            }
            if summary.drift.count > limit { text += "\n… and \(summary.drift.count - limit) more (see the JUnit report)\n" }
        }
        return text
    }

    /// Appends to GitHub's job summary file when `GITHUB_STEP_SUMMARY` names one (appended, as
    /// GitHub asks: other steps write to the same file). Returns a warning to print, if any.
    public static func appendToStepSummary(_ markdown: String, environment: [String: String]) -> String? {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            return "warning: GITHUB_STEP_SUMMARY \(path) cannot be opened for appending\n"
        }
        handle.seekToEndOfFile()
        handle.write(Data((markdown + "\n").utf8))
        handle.closeFile()
        return nil
    }

    /// Text for a table cell: `|` escaped, line breaks as spaces, backticks kept out of code spans.
    /// One pass over the scalars (Foundation's `replacingOccurrences`, four times, cost as much
    /// as a hundred requests for a large run).
    static func cell(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "`") }) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": result.append(contentsOf: "\\|".unicodeScalars)
            case "\r", "\n": result.append(" ")
            case "`": result.append("'")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

/// What a summary says about a run, already redacted: made from a run, or read back from a
/// `--report-json` report (so `conform merge` can summarise sharded runs).
public struct RunSummary: Sendable {
    public struct File: Sendable { public var path, endpoint: String; public var tally: Tally }
    public struct Problem: Sendable { public var name: String; public var beta: Bool; public var location, what: String }
    public struct Drift: Sendable { public var spec, description: String; public var cases: [String] }

    public var exitCode: Int32
    public var target: String
    public var tally: Tally
    public var files: [File]
    public var problems: [Problem]
    public var drift: [Drift]

    public init(_ run: RunResult, redactor: Redactor, exitCode: Int32) {
        self.exitCode = exitCode
        target = redactor.redact(run.targetDescription)
        tally = run.tally
        files = run.specs.map { File(path: $0.path, endpoint: $0.endpoint, tally: $0.tally) }
        problems = run.specs.flatMap { spec in spec.cases.filter { [.failed, .error, .betaProblem].contains($0.reported) } }.map { result in
            let diagnostic = result.diagnostics.first
            return Problem(name: redactor.redact(result.name), beta: result.reported == .betaProblem,
                           location: (diagnostic?.location ?? result.location).description,
                           what: redactor.redact(diagnostic.map { DiagnosticText.withoutLocation($0) } ?? "\(result.status)"))
        }
        drift = run.driftSummary.map { entry in
            Drift(spec: entry.spec, description: redactor.redact(entry.drift.description), cases: entry.cases.map(redactor.redact))
        }
    }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The summary of a JSON report (docs/report.schema.json), as the run that wrote it would
    /// have made it. The report is redacted already.
    public init(jsonReport report: JSONValue) throws(ReadError) {
        func int(_ value: JSONValue?) -> Int { if case .integer(let n)? = value { Int(n) } else { 0 } }
        func string(_ value: JSONValue?) -> String { value?.stringValue ?? "" }
        func location(_ value: JSONValue?) -> String? {
            guard let value, let file = value["file"]?.stringValue else { return nil }
            return "\(file):\(int(value["line"])):\(int(value["column"]))"
        }
        guard case .integer(let code)? = report["exitCode"], let specs = report["specs"]?.arrayValue,
              let totals = report["totals"] else {
            throw ReadError(description: "not a Conform JSON report: it lacks exitCode, totals or specs")
        }
        exitCode = Int32(clamping: code)
        target = string(report["target"])
        tally = Tally([])
        tally.passed = int(totals["passed"])
        tally.failed = int(totals["failed"])
        tally.errors = int(totals["errors"])
        tally.skipped = int(totals["skipped"])
        tally.betaProblems = int(totals["betaProblems"])
        files = []
        problems = []
        for spec in specs {
            var fileTally = Tally([])
            for result in spec["cases"]?.arrayValue ?? [] {
                let reported = string(result["reported"])
                switch reported {
                case "passed": fileTally.passed += 1
                case "failed": fileTally.failed += 1
                case "error": fileTally.errors += 1
                case "betaProblem": fileTally.skipped += 1; fileTally.betaProblems += 1
                default: fileTally.skipped += 1
                }
                guard ["failed", "error", "betaProblem"].contains(reported) else { continue }
                let diagnostic = result["diagnostics"]?.arrayValue?.first
                let what = diagnostic.map { diagnostic in
                    DiagnosticText.withoutLocation(path: diagnostic["path"]?.stringValue, expected: diagnostic["expected"]?.stringValue,
                                                   actual: diagnostic["actual"]?.stringValue,
                                                   hasRenameCandidate: diagnostic["renameCandidate"] != nil,
                                                   kindIsMismatch: ["shapeMismatch", "valueMismatch"].contains(string(diagnostic["kind"])),
                                                   message: string(diagnostic["message"]))
                } ?? string(result["status"])
                problems.append(Problem(name: string(result["name"]), beta: reported == "betaProblem",
                                        location: location(diagnostic?["location"]) ?? location(result["location"]) ?? "",
                                        what: what))
            }
            files.append(File(path: string(spec["path"]), endpoint: string(spec["endpoint"]), tally: fileTally))
        }
        drift = (report["drift"]?.arrayValue ?? []).map { entry in
            let record = DriftRecord(kind: DriftRecord.Kind(rawValue: string(entry["kind"])) ?? .field, location: string(entry["location"]),
                                     type: string(entry["type"]))
            return Drift(spec: string(entry["spec"]), description: record.description,
                         cases: entry["cases"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }
}
