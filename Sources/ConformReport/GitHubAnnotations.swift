import Foundation
public import ConformRunner
import ConformSpec

/// GitHub Actions workflow commands for the cases that did not pass
/// (`::error file=Specs/x.yaml,line=14,col=7,title=…::…`): GitHub shows each on the spec line in
/// the pull request's diff and on the run page. Written when `GITHUB_ACTIONS=true`.
public enum GitHubAnnotations {
    /// GitHub attaches at most 10 errors and 10 warnings per step to the diff and lists the rest
    /// on the run page; past 50 they only add noise to the log, so the rest are counted.
    public static let limit = 50

    public static func commands(for run: RunResult, redactor: Redactor) -> String {
        var lines: [String] = []
        var left = 0
        for spec in run.specs {
            for result in spec.cases {
                let command: String
                switch result.reported {
                case .failed, .error: command = "error"
                case .betaProblem: command = "warning"
                case .passed, .skipped: continue
                }
                guard lines.count < limit else { left += 1; continue }
                let diagnostic = result.diagnostics.first
                let location = diagnostic?.location ?? result.location
                let title = "\(result.name) (\(spec.path))"
                let message = diagnostic.map { DiagnosticText.withoutLocation($0) } ?? "\(result.status)"
                lines.append("::\(command) file=\(property(location.file)),line=\(location.line),col=\(location.column),"
                    + "title=\(property(redactor.redact(title)))::\(data(redactor.redact(message)))")
            }
        }
        if left > 0 { lines.append("::notice::\(left) more cases did not pass; see the JUnit report") }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// A message: `%`, CR and LF escaped, so one command stays one line.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property value: also `:` and `,`, which end a property.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
