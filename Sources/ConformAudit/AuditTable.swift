/// The audit's spec-strength table, for the console and (as Markdown) for the README.
public enum AuditTable {
    public static func text(_ report: Audit.Report, markdown: Bool) -> String {
        var lines: [String] = []
        let caught = report.findings.filter(\.isCaught).count
        let total = report.findings.count
        let score = total == 0 ? 100 : caught * 100 / total
        if markdown {
            lines.append("| Change | Endpoint | Caught by |")
            lines.append("|---|---|---|")
        }
        for finding in report.findings {
            let profile = finding.profile
            let endpoint = profile.endpoint?.description ?? "every endpoint"
            var verdict: String
            if let first = finding.caughtBy.first {
                verdict = first + (finding.caughtBy.count > 1 ? " (+\(finding.caughtBy.count - 1) more)" : "")
            } else {
                verdict = "**MISSED**"
                if !finding.seenOnlyByBeta.isEmpty { verdict += " (only beta cases saw it: \(finding.seenOnlyByBeta[0]))" }
            }
            if markdown {
                lines.append("| `\(profile.kind)` | `\(endpoint)` | \(verdict) |")
            } else {
                lines.append("\(finding.isCaught ? "caught" : "MISSED")  \(profile.kind)  \(endpoint)  \(verdict.replacingOccurrences(of: "**", with: ""))")
            }
        }
        lines.append("")
        let additive = report.additiveFailures.isEmpty
            ? "additive drift: no failures (\(report.additiveDriftCount) drift records)"
            : "additive drift: \(report.additiveFailures.count) false positives: \(report.additiveFailures.joined(separator: "; "))"
        lines.append(additive)
        if !report.baselineFailures.isEmpty {
            lines.append("faithful mock: \(report.baselineFailures.count) gating cases fail, so the audit cannot judge: \(report.baselineFailures.joined(separator: "; "))")
        }
        lines.append("breaking changes caught: \(caught) of \(total) (\(score)%) by \(report.specCount) spec files, \(report.caseCount) cases")
        return lines.joined(separator: "\n")
    }
}
