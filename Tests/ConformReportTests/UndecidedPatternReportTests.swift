import Foundation
import Testing
import ConformRunner
import ConformShape
import ConformSpec
@testable import ConformReport

/// A pattern the engine could not decide is a JUnit `<error>` (could not check), typed by
/// its keyword, with the message that names the pattern, path and budget.
@Suite struct UndecidedPatternReportTests {
    @Test func anUndecidedPatternIsAnError() {
        let at = ConformShape.SourceLocation(file: "Specs/p.yaml", line: 9, column: 7)
        let message = #"pattern `^(a+)+\1$` not decided within 1000000 steps at $.code"#
        let diagnostic = Diagnostic(.undecided(path: "$.code", keyword: "pattern"), message, at: at)
        #expect(diagnostic.category == .couldNotCheck)
        let result = CaseResult(name: "reads", id: "reads", location: at, status: .error, diagnostics: [diagnostic],
                                drift: [], gates: true, duration: 0.01, transcript: nil)
        let spec = SpecResult(path: "Specs/p.yaml", name: "Patterns", endpoint: "GET /things.json", stability: .stable,
                              cases: [result], teardownProblems: [], startedAt: Date(timeIntervalSince1970: 0), duration: 0.01)
        let run = RunResult(specs: [spec], startedAt: Date(timeIntervalSince1970: 0), duration: 0.01, targetDescription: "x")
        #expect(run.exitCode == 3)
        let report = JUnitReport(run: run, redactor: Redactor(secrets: []), hostname: "ci")
        guard case .error(let shown, let type, _) = report.suites[0].cases[0].outcome else {
            Issue.record("expected an error, got \(report.suites[0].cases[0].outcome)")
            return
        }
        #expect(type == "undecided.pattern")
        #expect(shown.contains(message))
    }
}
