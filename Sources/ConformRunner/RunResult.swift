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

/// One tolerated difference in the run-level summary.
public struct DriftSummaryEntry: Sendable {
    public let spec: String
    public let endpoint: String
    public var drift: DriftRecord
    /// The cases whose responses showed it, in run order.
    public var cases: [String]
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

/// A tolerated difference: an undeclared response field (with its JSON path and type) or an
/// undeclared response header.
public struct DriftRecord: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable { case field, header }
    public let kind: Kind
    /// `$.objects[0].created_by` for a field, the header name for a header.
    public let location: String
    /// The JSON type (`string`, `integer`, ...) of a field; empty for headers.
    public let type: String

    public init(kind: Kind, location: String, type: String) {
        self.kind = kind
        self.location = location
        self.type = type
    }

    public var description: String {
        switch kind {
        case .field: "unknown field `\(location)` (\(type))"
        case .header: "unknown header `\(location)`"
        }
    }
}

extension DriftRecord {
    /// One record per field whatever the array position: `$.objects[*].created_by`, with
    /// every JSON type seen there (`string or null`). A list of 1000 objects with one new
    /// field is one finding, not a thousand.
    public static func grouped(_ drift: [ShapeDrift]) -> [DriftRecord] {
        var order: [String] = []
        var types: [String: [String]] = [:]
        for item in drift {
            let path = normalized(item.path)
            if types[path] == nil { order.append(path); types[path] = [] }
            if !types[path]!.contains(item.type) { types[path]!.append(item.type) }
        }
        return order.map { path in
            let seen = types[path] ?? []
            // null last, as the shape checker writes unions.
            let sorted = seen.filter { $0 != "null" }.sorted() + seen.filter { $0 == "null" }
            return DriftRecord(kind: .field, location: path, type: sorted.joined(separator: " or "))
        }
    }

    /// One record per place, in first-seen order, with the types of all records for it (the
    /// shape and a `values` check may both see the same addition).
    public static func merged(_ records: [DriftRecord]) -> [DriftRecord] {
        var order: [String] = []
        var byPlace: [String: DriftRecord] = [:]
        for record in records {
            let key = record.kind.rawValue + " " + record.location
            if let existing = byPlace[key] { byPlace[key] = existing.addingTypes(of: record) } else {
                order.append(key)
                byPlace[key] = record
            }
        }
        return order.compactMap { byPlace[$0] }
    }

    /// This record with the other's types added (`string` + `null` → `string or null`).
    func addingTypes(of other: DriftRecord) -> DriftRecord {
        let all = (type.components(separatedBy: " or ") + other.type.components(separatedBy: " or ")).filter { !$0.isEmpty }
        var unique: [String] = []
        for item in all where !unique.contains(item) { unique.append(item) }
        let sorted = unique.filter { $0 != "null" }.sorted() + unique.filter { $0 == "null" }
        return DriftRecord(kind: kind, location: location, type: sorted.joined(separator: " or "))
    }

    static func normalized(_ path: JSONPath) -> String {
        var text = "$"
        for segment in path.segments {
            switch segment {
            case .index: text += "[*]"
            case .key: text += JSONPath([segment]).description.dropFirst()
            }
        }
        return text
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
