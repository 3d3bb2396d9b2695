public import ConformRunner
public import ConformShape
import ConformSpec
import Foundation

/// A run as JSON (`--report-json`): every case, its diagnostics (with their structured fields),
/// drift, retries and timing, and the run's drift deduplicated. The format is versioned and
/// described by `docs/report.schema.json` (JSON Schema 2020-12), which tests check real output
/// against. Every text passes through the redactor.
public enum JSONReport {
    public static let format = "conform-report"
    public static let version = 1

    public static func value(for run: RunResult, redactor: Redactor, exitCode: Int32) -> JSONValue {
        let tally = run.tally
        let verdict = ExitCode.verdict(exitCode).word.lowercased()
        return object([
            ("format", .string(format)), ("version", .integer(Int64(version))),
            ("target", .string(redactor.redact(run.targetDescription))),
            ("startedAt", .string(JUnitReport.timestamp(run.startedAt))), ("duration", seconds(run.duration)),
            ("exitCode", .integer(Int64(exitCode))), ("verdict", .string(verdict)),
            ("totals", object([("cases", .integer(Int64(tally.total))), ("passed", .integer(Int64(tally.passed))),
                               ("failed", .integer(Int64(tally.failed))), ("errors", .integer(Int64(tally.errors))),
                               ("skipped", .integer(Int64(tally.skipped))), ("betaProblems", .integer(Int64(tally.betaProblems)))])),
            ("specs", .array(run.specs.map { spec(for: $0, redactor: redactor) })),
            ("drift", .array(run.driftSummary.map { entry in
                object([("spec", .string(entry.spec)), ("endpoint", .string(entry.endpoint)),
                        ("kind", .string(entry.drift.kind.rawValue)), ("location", .string(redactor.redact(entry.drift.location))),
                        ("type", .string(redactor.redact(entry.drift.type))),
                        ("cases", .array(entry.cases.map { .string(redactor.redact($0)) }))])
            })),
        ])
    }

    static func spec(for spec: SpecResult, redactor: Redactor) -> JSONValue {
        object([
            ("path", .string(spec.path)), ("name", .string(redactor.redact(spec.name))), ("endpoint", .string(spec.endpoint)),
            ("stability", .string(spec.stability.rawValue)), ("startedAt", .string(JUnitReport.timestamp(spec.startedAt))),
            ("duration", seconds(spec.duration)),
            ("cases", .array(spec.cases.map { testCase($0, redactor: redactor) })),
            ("teardownProblems", .array(spec.teardownProblems.map { diagnostic($0, redactor: redactor) })),
        ])
    }

    static func testCase(_ result: CaseResult, redactor: Redactor) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(redactor.redact(result.name))), ("id", .string(result.id)), ("location", location(result.location)),
            ("status", .string(result.status.rawValue)), ("reported", .string(reported(result.reported))),
            ("gates", .bool(result.gates)), ("duration", seconds(result.duration)),
            ("diagnostics", .array(result.diagnostics.map { diagnostic($0, redactor: redactor) })),
            ("drift", .array(result.drift.map { record in
                object([("kind", .string(record.kind.rawValue)), ("location", .string(redactor.redact(record.location))),
                        ("type", .string(redactor.redact(record.type)))])
            })),
            ("driftOmitted", .integer(Int64(result.driftOmitted))),
            ("retries", .array(result.retries.map { object([("kind", .string($0.kind.rawValue)), ("message", .string(redactor.redact($0.message)))]) })),
            ("exchanges", .array(result.exchanges.map { .string(redactor.redact($0)) })),
        ]
        if let transcript = result.transcript {
            // Redacted when it was made, and again here, as the JUnit report does: a transcript
            // from anywhere else must not carry a secret into a file.
            members.append(("request", .string(redactor.redact(transcript.request))))
            if let response = transcript.response { members.append(("response", .string(redactor.redact(response)))) }
            if let replay = transcript.replay { members.append(("replay", .string(redactor.redact(replay)))) }
        }
        return object(members)
    }

    static func diagnostic(_ diagnostic: Diagnostic, redactor: Redactor) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(diagnostic.kind.name)), ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(redactor.redact(diagnostic.message))),
        ]
        if let location = diagnostic.location { members.append(("location", Self.location(location))) }
        switch diagnostic.kind {
        case .shapeMismatch(let path, let keyword, let expected, let actual):
            members += [("path", .string(path)), ("keyword", .string(keyword)),
                        ("expected", .string(redactor.redact(expected))), ("actual", .string(redactor.redact(actual)))]
        case .valueMismatch(let path, let expected, let actual):
            members += [("path", .string(path)), ("expected", .string(redactor.redact(expected))), ("actual", .string(redactor.redact(actual)))]
        case .statusMismatch(let expected, let actual):
            members += [("expected", .string(expected)), ("actual", .integer(Int64(actual)))]
        case .headerMismatch(let name, let expected, let actual):
            members += [("header", .string(name)), ("expected", .string(redactor.redact(expected))), ("actual", .string(redactor.redact(actual)))]
        case .transport(let url, let code, let name, let reason, let kind):
            members += [("url", .string(redactor.redact(url))), ("curlCode", .integer(Int64(code))), ("curlName", .string(name)),
                        ("reason", .string(redactor.redact(reason))), ("transportKind", .string(kind.rawValue))]
        case .undecided(let path, let keyword):
            members += [("path", .string(path)), ("keyword", .string(keyword))]
        case .baselineBreak(let change, let path, let old, let new):
            members += [("change", .string(change)), ("path", .string(path)), ("expected", .string(redactor.redact(old))),
                        ("actual", .string(redactor.redact(new)))]
        case .tooSlow(let limit, let measured):
            members += [("limitMs", seconds(limit)), ("measuredMs", seconds(measured))]
        case .notRun(let reason):
            members.append(("reason", .string(reason.name)))
            switch reason {
            case .unbound(let variable): members.append(("variable", .string(variable)))
            case .failFast(let name, let file): members += [("afterCase", .string(redactor.redact(name))), ("afterCaseFile", .string(file))]
            default: break
            }
        default:
            break
        }
        if let rename = diagnostic.renameCandidate { members.append(("renameCandidate", .string(rename))) }
        return object(members)
    }

    static func reported(_ outcome: ReportedOutcome) -> String {
        switch outcome {
        case .passed: "passed"
        case .failed: "failed"
        case .error: "error"
        case .skipped: "skipped"
        case .betaProblem: "betaProblem"
        }
    }

    static func location(_ location: ConformShape.SourceLocation) -> JSONValue {
        object([("file", .string(location.file)), ("line", .integer(Int64(location.line))), ("column", .integer(Int64(location.column)))])
    }

    /// Seconds with millisecond precision, as JUnit writes them.
    static func seconds(_ value: Double) -> JSONValue { .double((value * 1000).rounded() / 1000) }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
}
