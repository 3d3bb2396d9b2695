public import ConformRunner
import ConformSpec
public import Foundation

/// The JUnit report as plain values: built from a run, then serialised by `JUnitWriter`.
/// Keeping the model apart from libxml2 lets tests look at what will be written, and keeps
/// the mapping rules (DESIGN.md, "JUnit XML") in one place.
public struct JUnitReport: Sendable, Equatable {
    public struct Suite: Sendable, Equatable {
        public var name: String
        public var file: String
        public var timestamp: String
        public var hostname: String
        public var time: Double
        public var properties: [(name: String, value: String)]
        public var cases: [Case]
        /// The file's drift, deduplicated: CI pages show a suite's `system-out` even when every
        /// test passed, where per-case `<properties>` stay hidden.
        public var systemOut: String? = nil
        public var systemErr: String?

        public var tests: Int { cases.count }
        public var failures: Int { cases.filter { if case .failure = $0.outcome { true } else { false } }.count }
        public var errors: Int { cases.filter { if case .error = $0.outcome { true } else { false } }.count }
        public var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }

        public static func == (lhs: Suite, rhs: Suite) -> Bool {
            lhs.name == rhs.name && lhs.file == rhs.file && lhs.timestamp == rhs.timestamp && lhs.hostname == rhs.hostname
                && lhs.time == rhs.time && lhs.cases == rhs.cases && lhs.systemErr == rhs.systemErr && lhs.systemOut == rhs.systemOut
                && lhs.properties.map(\.name) == rhs.properties.map(\.name) && lhs.properties.map(\.value) == rhs.properties.map(\.value)
        }
    }

    public struct Case: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            case passed
            case failure(message: String, type: String, body: String)
            case error(message: String, type: String, body: String)
            case skipped(message: String)
        }

        public var classname: String
        public var name: String
        public var time: Double
        public var outcome: Outcome
        public var systemOut: String?
        /// Earlier attempts of a retried case: `flakyFailure`/`flakyError` when it passed in
        /// the end, `rerunFailure`/`rerunError` when it did not (Surefire's convention).
        public var reruns: [Rerun] = []
        /// Written only in the annotated dialect (GitLab/GitHub read them; the Jenkins schema does not allow them).
        public var file: String
        public var line: Int
    }

    public struct Rerun: Sendable, Equatable {
        public var element: String
        public var message: String
        public var type: String
    }

    public var name: String
    public var time: Double
    public var suites: [Suite]

    public var tests: Int { suites.reduce(0) { $0 + $1.tests } }
    public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
    public var errors: Int { suites.reduce(0) { $0 + $1.errors } }
}

extension JUnitReport {
    /// Maps a run onto JUnit: one suite per spec file, one testcase per case. Every text
    /// passes through the redactor on the way in.
    public init(run: RunResult, redactor: Redactor, hostname: String = ProcessInfo.processInfo.hostName) {
        self.name = "conform"
        self.time = run.duration
        let target = redactor.redact(run.targetDescription)
        // Built on every core for a large run: this comes after the last request.
        self.suites = PartedMap.map(PartedMap.parts(count: run.specs.count)) { part in
            run.specs[part].map { spec in Self.suite(for: spec, target: target, redactor: redactor, hostname: hostname) }
        }.flatMap { $0 }
    }

    /// One spec file's suite.
    static func suite(for spec: SpecResult, target: String, redactor: Redactor, hostname: String) -> Suite {
        let classname = Self.classname(forSpecPath: spec.path)
        var properties: [(name: String, value: String)] = [
            ("endpoint", spec.endpoint), ("stability", spec.stability.rawValue), ("target", target),
        ]
        for result in spec.cases {
            for record in result.drift { properties.append(("drift", "\(result.name): \(record)")) }
            if result.driftOmitted > 0 {
                properties.append(("drift", "\(result.name): \(Self.omittedDrift(result.driftOmitted))"))
            }
        }
        let cases = spec.cases.map { Self.testcase(for: $0, classname: classname, spec: spec, redactor: redactor) }
        let teardown = spec.teardownProblems.map { redactor.redact($0.description) }
        return Suite(name: spec.name, file: spec.path, timestamp: Self.timestamp(spec.startedAt),
                     hostname: hostname, time: spec.duration, properties: properties, cases: cases,
                     systemOut: Self.driftText(spec, redactor: redactor),
                     systemErr: teardown.isEmpty ? nil : "teardown:\n" + teardown.joined(separator: "\n"))
    }

    /// A file's drift as lines for `system-out`, each undeclared field or header once with the
    /// cases that saw it; nil when there is none.
    static func driftText(_ spec: SpecResult, redactor: Redactor) -> String? {
        let entries = RunResult(specs: [spec], startedAt: spec.startedAt, duration: spec.duration, targetDescription: "").driftSummary
        let omitted = spec.cases.reduce(0) { $0 + $1.driftOmitted }
        guard !entries.isEmpty || omitted > 0 else { return nil }
        var lines = ["drift (tolerated, not failing): \(entries.count) undeclared field\(entries.count == 1 ? "" : "s") or header\(entries.count == 1 ? "" : "s")"]
        for entry in entries {
            lines.append("  \(redactor.redact(entry.drift.description))  (\(entry.cases.map(redactor.redact).joined(separator: "; ")))")
        }
        if omitted > 0 { lines.append("  \(omittedDrift(omitted))") }
        return lines.joined(separator: "\n")
    }

    /// `Specs/objects/get.yaml` → `Specs.objects.get`: Jenkins shows the part before the last
    /// dot as the package and the rest as the class, which matches folders and files.
    public static func classname(forSpecPath path: String) -> String {
        // In ASCII without `\r` every byte is one Character: the same answer by bytes, without
        // the Character splits that cost ~50,000 instructions a spec file.
        if path.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) { return classnameOfASCII(path) }
        return classnameByCharacters(path)
    }

    static func classnameByCharacters(_ path: String) -> String {
        var trimmed = path
        for suffix in [".yaml", ".yml"] where trimmed.hasSuffix(suffix) { trimmed.removeLast(suffix.count) }
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed.split(separator: "/")
            .map { $0.split(separator: ".", omittingEmptySubsequences: false).joined(separator: "_") }
            .joined(separator: ".")
    }

    /// ``classnameByCharacters(_:)`` byte by byte: the suffix and `./` prefixes cut, empty
    /// folder names dropped, `.` inside a name written `_`, names joined by `.`.
    static func classnameOfASCII(_ path: String) -> String {
        var bytes = Array(path.utf8)
        for suffix in [".yaml", ".yml"] where bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) {
            bytes.removeLast(suffix.utf8.count)
        }
        var start = 0
        while bytes.count - start >= 2 && bytes[start] == UInt8(ascii: ".") && bytes[start + 1] == UInt8(ascii: "/") { start += 2 }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count - start)
        var atNameStart = true
        for byte in bytes[start...] {
            if byte == UInt8(ascii: "/") {
                atNameStart = true
                continue
            }
            if atNameStart && !result.isEmpty { result.append(UInt8(ascii: ".")) }
            atNameStart = false
            result.append(byte == UInt8(ascii: ".") ? UInt8(ascii: "_") : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `2026-11-30T06:59:42Z`: the suite's start in UTC, to the second, as
    /// `ISO8601DateFormatter` with `.withInternetDateTime` writes it, for a fraction of the cost
    /// (one per spec file).
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        // Written byte by byte (a dozen String concatenations cost ~8,700 instructions a suite).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = max(0, value)
            // A year past 9999 keeps all its digits, as String(value) did.
            while rest / divisor >= 10 { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(parts.tm_year + 1900, 4); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2); bytes.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2); bytes.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2); bytes.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func testcase(for result: CaseResult, classname: String, spec: SpecResult, redactor: Redactor) -> Case {
        let outcome: Case.Outcome
        let first = result.diagnostics.first.map { redactor.redact($0.message) } ?? ""
        let body = result.diagnostics.map { redactor.redact(DiagnosticText.line(for: $0)) }.joined(separator: "\n")
        // `reported` is the one rule every output counts by (see `Tally`).
        switch result.reported {
        case .passed:
            outcome = .passed
        case .betaProblem:
            let what = result.status == .failed ? "failed" : "could not be checked"
            outcome = .skipped(message: "beta case \(what) (does not gate without --fail-on-beta): \(first)")
        case .failed:
            outcome = .failure(message: first, type: Self.type(of: result.diagnostics.first), body: body)
        case .error:
            outcome = .error(message: first, type: Self.type(of: result.diagnostics.first), body: body)
        case .skipped:
            outcome = .skipped(message: first)
        }
        var out: [String] = []
        if !result.drift.isEmpty {
            let omitted = result.driftOmitted > 0 ? "\n  " + Self.omittedDrift(result.driftOmitted) : ""
            out.append("drift (tolerated):\n" + result.drift.map { "  \($0)" }.joined(separator: "\n") + omitted)
        }
        if result.reported == .betaProblem || (result.status == .skipped && result.diagnostics.count > 1), !body.isEmpty {
            out.append(body)
        }
        if !result.exchanges.isEmpty {
            out.append("exchanges:\n" + result.exchanges.map { "  " + redactor.redact($0) }.joined(separator: "\n"))
        }
        if let transcript = result.transcript {
            out.append("request:\n" + redactor.redact(transcript.request))
            if let response = transcript.response { out.append("response:\n" + redactor.redact(response)) }
        }
        let passed = result.status == .passed
        let reruns = result.retries.map { note in
            let element = switch (passed, note.kind) {
            case (true, .transport): "flakyError"
            case (true, .status): "flakyFailure"
            case (false, .transport): "rerunError"
            case (false, .status): "rerunFailure"
            }
            return Rerun(element: element, message: redactor.redact(note.message), type: "retry.\(note.kind.rawValue)")
        }
        return Case(classname: classname, name: result.name, time: result.duration, outcome: outcome,
                    systemOut: out.isEmpty ? nil : out.joined(separator: "\n\n"), reruns: reruns,
                    file: result.location.file, line: result.location.line)
    }

    /// The line that says drift was cut short, so a reader knows the list is not complete.
    static func omittedDrift(_ count: Int) -> String {
        "… \(count) more undeclared field\(count == 1 ? "" : "s") or header\(count == 1 ? "" : "s") not listed "
            + "(at most \(DriftRecord.maximumPerCase) per case)"
    }

    static func type(of diagnostic: Diagnostic?) -> String {
        guard let diagnostic else { return "unknown" }
        switch diagnostic.kind {
        case .statusMismatch: return "status"
        case .shapeMismatch(_, let keyword, _, _): return "shape.\(keyword)"
        case .valueMismatch: return "value"
        case .headerMismatch: return "header"
        case .bodyMismatch: return "body"
        case .bodyNotJSON: return "body.not-json"
        case .captureMissing: return "capture"
        case .tooSlow: return "time"
        case .baselineBreak(let change, _, _, _): return "baseline.\(change)"
        case .transport(_, _, let name, _, let kind): return "transport.\(kind.rawValue).\(name)"
        case .notRun: return "not-run"
        case .undecided(_, let keyword): return "undecided.\(keyword)"
        default: return "spec"
        }
    }
}
