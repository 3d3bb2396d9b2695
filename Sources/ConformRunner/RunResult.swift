public import ConformShape
public import ConformSpec
public import Foundation

/// What a run produced, file by file and case by case, in the order the files were given
/// (never the order they finished in), ready for any report.
public struct RunResult: Sendable {
    public let specs: [SpecResult]
    public let startedAt: Date
    public let duration: Double
    /// The target as shown to people (never with credentials).
    public let targetDescription: String

    public init(specs: [SpecResult], startedAt: Date, duration: Double, targetDescription: String) {
        self.specs = specs
        self.startedAt = startedAt
        self.duration = duration
        self.targetDescription = targetDescription
    }

    public var cases: [CaseResult] { specs.flatMap(\.cases) }

    /// Exit code as DESIGN.md fixes it: 1 when a gating case broke the contract, else 3 when a
    /// gating case could not be checked (transport), else 0.
    public var exitCode: Int32 {
        let gating = cases.filter(\.gates)
        if gating.contains(where: { $0.status == .failed }) { return ExitCode.contractFailure }
        if gating.contains(where: { $0.status == .error }) { return ExitCode.transport }
        return ExitCode.success
    }

    /// Every tolerated difference of the run, once per spec and field (or header), with every
    /// type seen and the cases that saw it.
    public var driftSummary: [DriftSummaryEntry] {
        var result: [DriftSummaryEntry] = []
        for spec in specs {
            var order: [String] = []
            var merged: [String: DriftSummaryEntry] = [:]
            for result in spec.cases {
                for record in result.drift {
                    let key = record.kind.rawValue + " " + record.location
                    if var entry = merged[key] {
                        entry.drift = entry.drift.addingTypes(of: record)
                        if !entry.cases.contains(result.name) { entry.cases.append(result.name) }
                        merged[key] = entry
                    } else {
                        order.append(key)
                        merged[key] = DriftSummaryEntry(spec: spec.path, endpoint: spec.endpoint, drift: record, cases: [result.name])
                    }
                }
            }
            result += order.compactMap { merged[$0] }
        }
        return result
    }
}

/// The process exit codes scripts depend on, defined once.
public enum ExitCode {
    public static let success: Int32 = 0
    public static let contractFailure: Int32 = 1
    public static let specError: Int32 = 2
    public static let transport: Int32 = 3
}

public struct SpecResult: Sendable {
    public let path: String
    public let name: String
    public let endpoint: String
    public let stability: Stability
    public let cases: [CaseResult]
    /// Teardown steps that failed or could not run; they never change the verdict of a case
    /// but are reported so leftovers on a real deployment are visible.
    public let teardownProblems: [Diagnostic]
    public let startedAt: Date
    public let duration: Double

    public init(path: String, name: String, endpoint: String, stability: Stability, cases: [CaseResult],
                teardownProblems: [Diagnostic], startedAt: Date, duration: Double) {
        self.path = path
        self.name = name
        self.endpoint = endpoint
        self.stability = stability
        self.cases = cases
        self.teardownProblems = teardownProblems
        self.startedAt = startedAt
        self.duration = duration
    }

    public func count(_ status: CaseResult.Status) -> Int { cases.filter { $0.status == status }.count }
}

public struct CaseResult: Sendable {
    public enum Status: String, Sendable {
        case passed, failed, error, skipped
    }

    public let name: String
    public let id: String
    public let location: SourceLocation
    public let status: Status
    /// Contract mismatches (for `failed`) or the reason it could not be checked (`error`,
    /// `skipped`), in the order found.
    public let diagnostics: [Diagnostic]
    /// Undeclared fields and headers that were tolerated.
    public let drift: [DriftRecord]
    /// Whether this case decides the exit code (`stability: beta` cases report but do not gate).
    public let gates: Bool
    public let duration: Double
    /// The exchange, redacted; kept only for cases that did not pass.
    public let transcript: Transcript?
    /// Attempts that failed before the last one (a pass after a retry is recorded, not hidden).
    public let retries: [RetryNote]

    public init(name: String, id: String, location: SourceLocation, status: Status, diagnostics: [Diagnostic],
                drift: [DriftRecord], gates: Bool, duration: Double, transcript: Transcript?, retries: [RetryNote] = []) {
        self.name = name
        self.id = id
        self.location = location
        self.status = status
        self.diagnostics = diagnostics
        self.drift = drift
        self.gates = gates
        self.duration = duration
        self.transcript = transcript
        self.retries = retries
    }
}

/// One failed attempt that was retried.
public struct RetryNote: Sendable, Hashable {
    public enum Kind: String, Sendable { case transport, status }
    public let kind: Kind
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// The request and response of a case as text, with secrets already removed.
public struct Transcript: Sendable {
    public let request: String
    public let response: String?

    public init(request: String, response: String?) {
        self.request = request
        self.response = response
    }
}
