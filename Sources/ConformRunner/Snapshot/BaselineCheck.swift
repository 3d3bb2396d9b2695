import ConformShape
import ConformSpec
import Foundation

/// `conform run --baseline FILE`: the run's own snapshot compared with the baseline's, turned
/// into one more spec result so every report shows it like any other: an endpoint with a
/// breaking change is a failed case (one diagnostic per change), additive changes are drift
/// "new since baseline". Endpoints the suite did not reach this time are not judged (a run with
/// `--tags` sees less); that an endpoint is gone shows when the suite that saw it runs.
public enum BaselineCheck {
    public static func result(baseline: ContractSnapshot, current: ContractSnapshot, baselinePath: String,
                              redactor: Redactor) -> SpecResult {
        // Only what this run exercised: a filtered run must not report the rest as removed.
        let reached = Set(current.endpoints.map(\.key))
        let comparable = ContractSnapshot(endpoints: baseline.endpoints.filter { reached.contains($0.key) })
        let diff = SnapshotDiff(old: comparable, new: current)
        let byEndpoint = Dictionary(grouping: diff.changes) { $0.endpoint.components(separatedBy: " → ").first ?? $0.endpoint }
        let location = SourceLocation(file: baselinePath, line: 1, column: 1)
        var cases: [CaseResult] = []
        for endpoint in byEndpoint.keys.sorted() {
            let changes = byEndpoint[endpoint] ?? []
            let breaking = changes.filter { $0.severity == .breaking }
            let diagnostics = breaking.map { change in
                Diagnostic(.baselineBreak(change: change.kind.rawValue, path: change.path, old: change.old ?? "", new: change.new ?? ""),
                           "\(change.kind.rawValue) since the baseline: \(change.message)", at: location)
            }
            let drift = changes.filter { $0.severity == .additive }.map { change in
                DriftRecord(kind: .baseline, location: change.path.isEmpty ? change.endpoint : "\(change.endpoint) \(change.path)",
                            type: change.new ?? "")
            }
            let bounded = DriftRecord.bounded(drift, redactor: redactor)
            cases.append(CaseResult(name: "\(endpoint) as in the baseline", id: SpecCase.identifier(for: endpoint), location: location,
                                    status: breaking.isEmpty ? .passed : .failed, diagnostics: diagnostics, drift: bounded.records,
                                    driftOmitted: bounded.omitted, gates: true, duration: 0, transcript: nil))
        }
        if cases.isEmpty {
            cases.append(CaseResult(name: "every endpoint as in the baseline", id: "every-endpoint-as-in-the-baseline", location: location,
                                    status: .passed, diagnostics: [], drift: [], gates: true, duration: 0, transcript: nil))
        }
        return SpecResult(path: baselinePath, name: "Baseline \(baselinePath)", endpoint: "(every endpoint the run reached)",
                          stability: .stable, cases: cases, teardownProblems: [], startedAt: Date(), duration: 0)
    }
}
