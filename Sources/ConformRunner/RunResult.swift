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

    public init(specs: [SpecResult], startedAt: Date, duration: Double, targetDescription: String,
                abandonedTargets: [String] = []) {
        self.specs = specs
        self.startedAt = startedAt
        self.duration = duration
        self.targetDescription = targetDescription
        self.abandonedTargets = abandonedTargets
    }

    public var cases: [CaseResult] { specs.flatMap(\.cases) }

    /// Targets the run stopped sending to, each said once (see `--max-transport-failures`).
    public var abandonedTargets: [String]

    /// Exit code as DESIGN.md fixes it: 1 when a gating case broke the contract; else 2 when a
    /// gating case met a spec error only found at run time; else 3 when a gating case could
    /// not be checked, or any case (beta too) got no answer from the target — an unreachable
    /// target is never a pass; else 0.
    ///
    /// One pass over each file's cases in place: every report asks, and `cases` would copy
    /// every case result of the run into a new array each time.
    public var exitCode: Int32 {
        var failed = false, specError = false, error = false
        for spec in specs {
            // By index: `for result in spec.cases` copied each case result (~250 instructions).
            for index in spec.cases.indices {
                switch spec.cases[index].reported {
                case .failed: failed = true
                case .error: error = true
                default: break
                }
                if spec.cases[index].gates && spec.cases[index].status == .error && spec.cases[index].isSpecError { specError = true }
            }
        }
        if failed { return ExitCode.contractFailure }
        if specError { return ExitCode.specError }
        if error { return ExitCode.transport }
        return ExitCode.success
    }

    /// Cases that failed because the target answered 401 (the sign of a run without
    /// credentials against a deployment that needs them).
    public var unauthorizedCount: Int {
        cases.filter { result in
            result.status == .failed && result.diagnostics.contains { if case .statusMismatch(_, 401) = $0.kind { true } else { false } }
        }.count
    }

    /// The counts every report gives (console and JUnit alike).
    public var tally: Tally {
        var outcomes: [ReportedOutcome] = []
        for spec in specs {
            for index in spec.cases.indices { outcomes.append(spec.cases[index].reported) }
        }
        return Tally(outcomes)
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

    /// The verdict every output states for an exit code: the word (PASS, FAIL, ERROR) and why.
    public static func verdict(_ code: Int32) -> (word: String, reason: String?) {
        switch code {
        case success: ("PASS", nil)
        case contractFailure: ("FAIL", "contract broken")
        case specError: ("ERROR", "spec error found while running")
        case 129...159: ("ERROR", "interrupted by a signal")
        default: ("ERROR", "target unreachable or transport failure")
        }
    }
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

    /// The file's counts, as every report gives them.
    public var tally: Tally { Tally(cases.map(\.reported)) }
}

/// How a case counts in every report, so the console and JUnit never disagree. A beta case
/// that failed (or could not be checked for a reason other than the target not answering)
/// does not gate: JUnit shows it as `<skipped>` with a "beta" message, and the console counts
/// it under skipped and says how many of those were beta failures.
public enum ReportedOutcome: Sendable, Hashable {
    case passed, failed, error, skipped
    /// A non-gating (beta) case that failed or could not be checked.
    case betaProblem
}

/// Passed, failed, errors and skipped, with the beta problems counted inside `skipped`.
public struct Tally: Sendable, Hashable {
    public var passed = 0, failed = 0, errors = 0, skipped = 0
    /// How many of `skipped` are beta cases that failed or could not be checked.
    public var betaProblems = 0

    public init(_ outcomes: [ReportedOutcome]) {
        for outcome in outcomes {
            switch outcome {
            case .passed: passed += 1
            case .failed: failed += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            case .betaProblem: skipped += 1; betaProblems += 1
            }
        }
    }

    public var total: Int { passed + failed + errors + skipped }

    /// Counts another set of outcomes in (the progress line adds each file as it finishes).
    public mutating func add(_ other: Tally) {
        passed += other.passed
        failed += other.failed
        errors += other.errors
        skipped += other.skipped
        betaProblems += other.betaProblems
    }

    /// `150 passed, 3 failed, 1 error, 20 skipped (16 beta failures, not gating)`.
    public var sentence: String {
        var text = "\(passed) passed, \(failed) failed, \(errors) error\(errors == 1 ? "" : "s"), \(skipped) skipped"
        if betaProblems > 0 {
            text += " (\(betaProblems) of them beta failure\(betaProblems == 1 ? "" : "s"), not gating without --fail-on-beta)"
        }
        return text
    }
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
    /// Undeclared fields and headers that were tolerated (at most `DriftRecord.maximumPerCase`).
    public let drift: [DriftRecord]
    /// Drift records beyond the cap, counted but not kept: one response with 500,000 new
    /// members must not become a 60 MB report.
    public let driftOmitted: Int
    /// Whether this case decides the exit code (`stability: beta` cases report but do not gate).
    public let gates: Bool
    public let duration: Double
    /// The exchange, redacted; kept only for cases that did not pass.
    public let transcript: Transcript?
    /// Attempts that failed before the last one (a pass after a retry is recorded, not hidden).
    public let retries: [RetryNote]
    /// What sending took besides one request, redacted: each redirect followed, each attempt
    /// of `retry: { until }`. Empty for a plain exchange.
    public let exchanges: [String]

    /// The target gave no answer at all (a transport error, or not sent because it stopped
    /// answering). Never a pass, beta or not.
    public var targetDidNotAnswer: Bool {
        diagnostics.contains { diagnostic in
            switch diagnostic.kind {
            case .transport: true
            case .notRun(let reason): reason == .unresponsive
            default: false
            }
        }
    }

    /// Could not be checked because the spec was wrong in a way only a run shows.
    public var isSpecError: Bool { diagnostics.contains { $0.category == .spec } }

    /// How this case counts in every report.
    public var reported: ReportedOutcome {
        switch status {
        case .passed: .passed
        case .skipped: .skipped
        case .failed: gates ? .failed : .betaProblem
        case .error: gates || targetDidNotAnswer ? .error : .betaProblem
        }
    }

    public init(name: String, id: String, location: SourceLocation, status: Status, diagnostics: [Diagnostic],
                drift: [DriftRecord], driftOmitted: Int = 0, gates: Bool, duration: Double, transcript: Transcript?,
                retries: [RetryNote] = [], exchanges: [String] = []) {
        self.name = name
        self.id = id
        self.location = location
        self.status = status
        self.diagnostics = diagnostics
        self.drift = drift
        self.driftOmitted = driftOmitted
        self.gates = gates
        self.duration = duration
        self.transcript = transcript
        self.retries = retries
        self.exchanges = exchanges
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
    /// A curl command that sends the request again, credentials as environment references.
    public let replay: String?
    /// The response's status line and its body as pretty JSON (or the text), cut short: what
    /// the console shows under a failure.
    public let responseExcerpt: String?

    public init(request: String, response: String?, replay: String? = nil, responseExcerpt: String? = nil) {
        self.request = request
        self.response = response
        self.replay = replay
        self.responseExcerpt = responseExcerpt
    }
}
