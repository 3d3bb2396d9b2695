import Foundation
import Testing
import ConformRunner
import ConformShape
import ConformSpec
import ConformTestSupport
@testable import ConformReport

/// A run with one of everything a report must show, including text XML cannot hold as is.
func sampleRun(secret: String = "s3cr3t-token-value") -> RunResult {
    let file = "Specs/objects/get.yaml"
    func at(_ line: Int) -> ConformShape.SourceLocation { ConformShape.SourceLocation(file: file, line: line, column: 5) }
    let nasty = "body with ]]> and <tags> & \"quotes\" and \u{1}\u{7} control and \u{FFFE} and é😀"
    let cases = [
        CaseResult(name: "creates a task", id: "creates-a-task", location: at(8), status: .passed, diagnostics: [],
                   drift: [DriftRecord(kind: .field, location: "$.created_by", type: "string")], gates: true,
                   duration: 0.0125, transcript: nil),
        CaseResult(name: "reads it back", id: "reads-it-back", location: at(17), status: .failed, diagnostics: [
            Diagnostic(.shapeMismatch(path: "$.status", keyword: "type", expected: "object", actual: "integer 1"),
                       "$.status: expected object, actual integer 1", at: at(21)),
            Diagnostic(.valueMismatch(path: "$.name", expected: "\"Wash\"", actual: "\"\(nasty)\""),
                       "$.name differs", at: at(22)),
        ], drift: [], gates: true, duration: 0.2,
        transcript: Transcript(request: "GET http://h/x\nAuthorization: Bearer O:\(secret)\n", response: "HTTP 200\n\n\(nasty) \(secret)")),
        CaseResult(name: "times out", id: "times-out", location: at(30), status: .error, diagnostics: [
            Diagnostic(.transport(url: "http://127.0.0.1:9/x", code: 7, name: "CURLE_COULDNT_CONNECT", reason: "Connection refused",
                                  kind: .connectionRefused),
                       "GET http://127.0.0.1:9/x: Couldn't connect to server", at: at(30)),
        ], drift: [], gates: true, duration: 0.001, transcript: nil),
        CaseResult(name: "not run", id: "not-run", location: at(40), status: .skipped, diagnostics: [
            Diagnostic(.notRun(reason: .unbound(variable: "task_id")), "not run: `${task_id}` was not captured", at: at(40)),
        ], drift: [], gates: true, duration: 0, transcript: nil),
        CaseResult(name: "beta detail", id: "beta-detail", location: at(50), status: .failed, diagnostics: [
            Diagnostic(.statusMismatch(expected: "200", actual: 404), "status: expected 200, actual 404", at: at(52)),
        ], drift: [], gates: false, duration: 0.01, transcript: nil),
    ]
    let spec = SpecResult(path: file, name: "Retrieve a single object", endpoint: "GET /objects/{model}/{id}.json",
                          stability: .stable, cases: cases,
                          teardownProblems: [Diagnostic(.statusMismatch(expected: "200", actual: 500), "teardown status 500", at: at(60))],
                          startedAt: Date(timeIntervalSince1970: 1_700_000_000), duration: 0.2345)
    return RunResult(specs: [spec], startedAt: Date(timeIntervalSince1970: 1_700_000_000), duration: 0.25,
                     targetDescription: "http://127.0.0.1:8080/api/v4/533bda53027894f69b001055")
}

@Suite struct JUnitReportTests {
    let redactor = Redactor(secrets: ["s3cr3t-token-value"])

    @Test func mapsCasesToJUnitOutcomes() {
        let report = JUnitReport(run: sampleRun(), redactor: redactor, hostname: "ci")
        #expect(report.suites.count == 1)
        let suite = report.suites[0]
        #expect(suite.name == "Retrieve a single object")
        #expect(suite.tests == 5)
        #expect(suite.failures == 1)
        #expect(suite.errors == 1)
        #expect(suite.skipped == 2)
        #expect(suite.cases.map(\.classname) == Array(repeating: "Specs.objects.get", count: 5))
        guard case .failure(let message, let type, let body) = suite.cases[1].outcome else {
            Issue.record("expected a failure"); return
        }
        #expect(message == "$.status: expected object, actual integer 1")
        #expect(type == "shape.type")
        #expect(body.contains("Specs/objects/get.yaml:21:5: $.status: expected object, actual integer 1"))
        #expect(body.contains("Specs/objects/get.yaml:22:5: $.name: expected \"Wash\""))
        guard case .error(_, let errorType, _) = suite.cases[2].outcome else { Issue.record("expected an error"); return }
        #expect(errorType == "transport.connectionRefused.CURLE_COULDNT_CONNECT")
        #expect(suite.properties.contains { $0.name == "drift" && $0.value == "creates a task: unknown field `$.created_by` (string)" })
        #expect(suite.cases[0].systemOut?.contains("unknown field `$.created_by` (string)") == true)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data/junit (absent in a user's own clone)"))
    func everyReportIsValidAgainstTheJenkinsSchema() throws {
        let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
        let xml = try JUnitWriter().xml(for: JUnitReport(run: sampleRun(), redactor: redactor, hostname: "ci"))
        #expect(validator.problems(in: xml) == [])
        let empty = JUnitReport(run: RunResult(specs: [], startedAt: Date(), duration: 0, targetDescription: "x"), redactor: redactor)
        #expect(validator.problems(in: try JUnitWriter().xml(for: empty)) == [])
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data/junit (absent in a user's own clone)"))
    func annotatedDialectAddsFileAndLineWhichJenkinsRejects() throws {
        let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
        let xml = try JUnitWriter(dialect: .annotated).xml(for: JUnitReport(run: sampleRun(), redactor: redactor))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"file="Specs/objects/get.yaml" line="17""#))
        #expect(!validator.problems(in: xml).isEmpty)
    }

    @Test func driftIsInTheSuitesSystemOutWhereCIPagesShowIt() throws {
        let report = JUnitReport(run: sampleRun(), redactor: redactor, hostname: "ci")
        let out = try #require(report.suites[0].systemOut)
        #expect(out.hasPrefix("drift (tolerated, not failing): 1 undeclared field or header\n"))
        #expect(out.contains("unknown field `$.created_by` (string)"))
        let text = String(decoding: try JUnitWriter().xml(for: report), as: UTF8.self)
        // Where the Jenkins schema puts it (everyReportIsValidAgainstTheJenkinsSchema checks the
        // whole order): before the suite's system-err.
        let position = try #require(text.range(of: "<system-out>drift (tolerated")).lowerBound
        #expect(text.range(of: "<system-err>").map { position < $0.lowerBound } == true)
        let quiet = JUnitReport(run: RunResult(specs: [], startedAt: Date(), duration: 0, targetDescription: "x"), redactor: redactor)
        #expect(quiet.suites.allSatisfy { $0.systemOut == nil })
    }

    @Test func escapesEverythingAndStaysWellFormed() throws {
        let xml = try JUnitWriter().xml(for: JUnitReport(run: sampleRun(), redactor: redactor, hostname: "ci"))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(text.contains("]]&gt;"))
        #expect(text.contains("&lt;tags&gt; &amp;"))
        #expect(text.contains("\\u{1}\\u{7} control and \\u{fffe} and é😀"))
        #expect(!text.contains("\u{1}"))
        #expect(text.contains(#"time="0.013""#))
        #expect(text.contains(#"<testsuites name="conform" tests="5" failures="1" errors="1" time="0.250">"#))
    }

    @Test func secretsNeverReachTheReport() throws {
        let xml = try JUnitWriter().xml(for: JUnitReport(run: sampleRun(), redactor: redactor))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("s3cr3t-token-value"))
        #expect(text.contains("Authorization: Bearer O:[REDACTED]"))
    }

    @Test(arguments: [(0.0, "0.000"), (0.0125, "0.013"), (1.5, "1.500"), (61.0004, "61.000"), (-1, "0.000"), (Double.nan, "0.000")])
    func timesHaveExactlyThreeDecimals(value: Double, text: String) {
        #expect(JUnitWriter.seconds(value) == text)
    }

    @Test func classnamesFollowFolders() {
        #expect(JUnitReport.classname(forSpecPath: "./Specs/objects/get.yaml") == "Specs.objects.get")
        #expect(JUnitReport.classname(forSpecPath: "a/b.v2.yml") == "a.b_v2")
        #expect(JUnitReport.classname(forSpecPath: "x/.hidden..name.yaml") == "x._hidden__name")
    }

    /// ASCII paths take a byte path; it answers as the Character one on every path of up to
    /// five pieces from these (suffixes, `./`, empty names, dots).
    @Test func asciiClassnamesMatchTheCharacterRule() {
        let pieces = ["a", ".", "/", "./", ".yaml", ".yml", "b.c"]
        var paths = [""]
        var frontier = [""]
        for _ in 0..<5 {
            frontier = frontier.flatMap { prefix in pieces.map { prefix + $0 } }
            paths += frontier
        }
        for path in paths {
            #expect(JUnitReport.classnameOfASCII(path) == JUnitReport.classnameByCharacters(path), "\(path)")
        }
        // Not ASCII: the Character rule, where a combining mark joins the `/` before it.
        #expect(JUnitReport.classname(forSpecPath: "a/\u{301}b.yaml") == JUnitReport.classnameByCharacters("a/\u{301}b.yaml"))
    }

    /// The byte pre-check lets through only what the scalar rule allows.
    @Test func xmlTextReplacesExactlyWhatXMLCannotHold() {
        let samples = ["plain", "tab\tnew\nline\r", "bell\u{7}", "nul\u{0}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}é", "\u{EFFF}\u{E000}",
                       "\u{1F600}", "\u{7F}", "\u{1F}x"]
        for text in samples {
            let expected = text.unicodeScalars.contains { !XMLText.isAllowed($0) }
            #expect((XMLText.sanitized(text) != text) == expected, "\(text.debugDescription)")
            if !expected { #expect(XMLText.sanitized(text) == text) }
        }
    }

    @Test(arguments: [0, 951_782_400, 1_709_164_799.9, 1_796_017_882.5, 4_102_444_800])
    func timestampsReadAsTheISOFormatterWritesThem(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        #expect(JUnitReport.timestamp(date) == formatter.string(from: date))
    }

    /// A large report is written in parts on every core; the bytes must be one writer's.
    @Test(arguments: [2, 3, 7])
    func aReportWrittenInPartsIsByteForByteTheSame(partCount: Int) throws {
        var report = JUnitReport(run: sampleRun(), redactor: redactor, hostname: "ci")
        let suites = report.suites
        report.suites = (0..<23).flatMap { copy in
            suites.map { suite in
                var suite = suite
                suite.name += " \(copy)"
                if copy % 5 == 0 { suite.properties = [(name: "copy", value: "<\(copy)>&\"")] }
                return suite
            }
        }
        let count = report.suites.count
        let parts = (0..<partCount).map { part in (count * part / partCount)..<(count * (part + 1) / partCount) }
        for dialect in JUnitWriter.Dialect.allCases {
            let writer = JUnitWriter(dialect: dialect)
            let whole = try writer.xml(for: report, parts: [0..<count])
            #expect(try writer.xml(for: report, parts: parts) == whole)
        }
        #expect(JUnitWriter.parts(suiteCount: 10) == [0..<10])
    }

    /// A large run's suites are built on every core; they must be the ones built one by one.
    @Test func aLargeRunsSuitesAreBuiltInOrder() throws {
        let sample = sampleRun()
        let specs = (0..<300).map { sample.specs[$0 % sample.specs.count] }
        let run = RunResult(specs: specs, startedAt: sample.startedAt, duration: sample.duration,
                            targetDescription: sample.targetDescription)
        #expect(PartedMap.parts(count: 300).count == min(4, ProcessInfo.processInfo.activeProcessorCount))
        let report = JUnitReport(run: run, redactor: redactor, hostname: "ci")
        let target = redactor.redact(run.targetDescription)
        var oneByOne = report
        oneByOne.suites = specs.map { JUnitReport.suite(for: $0, target: target, redactor: redactor, hostname: "ci") }
        #expect(try JUnitWriter().xml(for: report, parts: [0..<300]) == JUnitWriter().xml(for: oneByOne, parts: [0..<300]))
    }

    @Test func writesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder("junit")
        defer { folder.remove() }
        let path = folder.file("reports/junit.xml")
        let report = JUnitReport(run: sampleRun(), redactor: redactor)
        try JUnitWriter().write(report, to: path)
        try JUnitWriter().write(report, to: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("reports"))
        #expect(names == ["junit.xml"])
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(data) == (try JUnitWriter().xml(for: report)))
    }

    @Test func unwritablePathIsAClearError() {
        let report = JUnitReport(run: sampleRun(), redactor: redactor)
        #expect(throws: ReportWriteError.self) { try JUnitWriter().write(report, to: "/proc/conform/junit.xml") }
    }
}

@Suite struct ConsoleReportTests {
    @Test func listsEachProblemWithItsLocationAndFirstMismatch() {
        let console = ConsoleReport(redactor: Redactor(secrets: ["s3cr3t-token-value"]))
        let run = sampleRun()
        let text = console.lines(for: run.specs[0])
        // The beta failure counts under skipped, as JUnit shows it.
        #expect(text.hasPrefix("FAIL  Specs/objects/get.yaml  (1 passed, 1 failed, 1 error, 2 skipped (1 beta); 0.235s)\n"))
        #expect(text.contains("  ✗ reads it back\n      Specs/objects/get.yaml:21:5: $.status: expected object, actual integer 1\n      (+1 more mismatch;"))
        #expect(text.contains("  ! times out\n"))
        #expect(text.contains("  ✗ beta detail [beta: does not gate]\n"))
        #expect(text.contains("  teardown: Specs/objects/get.yaml:60:5: error: teardown status 500"))
        let summary = console.summary(for: run)
        #expect(summary.contains("1 spec file, 5 cases: 1 passed, 1 failed, 1 error, 2 skipped (1 of them beta failure, not gating without --fail-on-beta) in 0.250s"))
        #expect(console.verdict(for: run) == "result: FAIL (contract broken)\n")
        #expect(console.verdict(for: run, interruptedBy: "SIGINT").hasPrefix("result: INTERRUPTED by SIGINT"))
        // One count for every output: the JUnit totals are the console's.
        let junit = JUnitReport(run: run, redactor: Redactor(secrets: []))
        let tally = run.tally
        #expect(junit.failures == tally.failed && junit.errors == tally.errors)
        #expect(junit.suites.reduce(0) { $0 + $1.skipped } == tally.skipped && junit.tests == tally.total)
        #expect(summary.contains("Specs/objects/get.yaml  unknown field `$.created_by` (string)"))
    }

    @Test func exitCodesFollowTheGatingCases() {
        let run = sampleRun()
        #expect(run.exitCode == ExitCode.contractFailure)
        let onlyTransport = RunResult(specs: [SpecResult(
            path: "a.yaml", name: "a", endpoint: "GET /", stability: .stable,
            cases: run.specs[0].cases.filter { $0.status != .failed || !$0.gates }, teardownProblems: [],
            startedAt: Date(), duration: 0)], startedAt: Date(), duration: 0, targetDescription: "x")
        #expect(onlyTransport.exitCode == ExitCode.transport)
    }
}

@Suite struct RedactorTests {
    @Test func masksSecretsTheirBase64AndCredentialHeaders() {
        let redactor = Redactor(secrets: ["hunter22", Redactor.base64("533bda53027894f69b001055:hunter22")])
        #expect(redactor.redact("password=hunter22&x") == "password=[REDACTED]&x")
        #expect(redactor.redact("Basic NTMzYmRhNTMwMjc4OTRmNjliMDAxMDU1Omh1bnRlcjIy") == "Basic [REDACTED]")
        #expect(redactor.redactHeader(name: "Set-Cookie", value: "session=abc") == "[REDACTED]")
        #expect(redactor.redactHeader(name: "X-Other", value: "hunter22") == "[REDACTED]")
        #expect(Redactor(secrets: ["ab"]).redact("abc") == "abc")
    }
}

@Suite struct JUnitMergeTests {
    @Test func mergesSuitesInOrderAndRecomputesTotals() throws {
        let folder = try TemporaryFolder("merge")
        defer { folder.remove() }
        let redactor = Redactor.none
        let first = folder.file("a.xml"), second = folder.file("b.xml")
        try JUnitWriter().write(JUnitReport(run: sampleRun(), redactor: redactor, hostname: "a"), to: first)
        try JUnitWriter().write(JUnitReport(run: sampleRun(), redactor: redactor, hostname: "b"), to: second)
        let merged = try JUnitMerge.merge([first, second])
        let text = String(decoding: merged, as: UTF8.self)
        #expect(text.contains(#"<testsuites name="conform" tests="10" failures="2" errors="2" time="0.470">"#))
        #expect(text.components(separatedBy: "<testsuite ").count == 3)
        #expect(text.range(of: #"hostname="a""#)!.lowerBound < text.range(of: #"hostname="b""#)!.lowerBound)
        if SharedData.isAvailable {
            let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
            #expect(validator.problems(in: merged) == [])
        }
        // Shards hold every N-th file: suites naming their file come back in path order.
        let shardOne = try folder.write("s1.xml", #"<testsuites><testsuite name="A" tests="1" file="Specs/a.yaml"/><testsuite name="C" tests="1" file="Specs/c.yaml"/></testsuites>"#)
        let shardTwo = try folder.write("s2.xml", #"<testsuites><testsuite name="B" tests="1" file="Specs/b.yaml"/></testsuites>"#)
        let ordered = String(decoding: try JUnitMerge.merge([shardOne, shardTwo]), as: UTF8.self)
        #expect(ordered.matches(of: /<testsuite name="([A-C])"/).map { String($0.output.1) } == ["A", "B", "C"])
        let noFile = try folder.write("s3.xml", #"<testsuite name="Z" tests="1"/>"#)
        let given = String(decoding: try JUnitMerge.merge([shardTwo, noFile, shardOne]), as: UTF8.self)
        #expect(given.matches(of: /<testsuite name="([A-Z])"/).map { String($0.output.1) } == ["B", "Z", "A", "C"], "without files: as given")
        try folder.write("bad.xml", "<html/>")
        #expect(throws: ReportWriteError.self) { try JUnitMerge.merge([folder.file("bad.xml")]) }
        #expect(throws: ReportWriteError.self) { try JUnitMerge.merge([folder.file("missing.xml")]) }
    }
}

@Suite struct RetryReportingTests {
    @Test func aPassAfterRetryIsRecordedAsFlakyAndStaysSchemaValid() throws {
        let location = ConformShape.SourceLocation(file: "a.yaml", line: 5, column: 5)
        let flaky = CaseResult(name: "flaky", id: "flaky", location: location, status: .passed, diagnostics: [], drift: [],
                               gates: true, duration: 0.1, transcript: nil,
                               retries: [RetryNote(kind: .transport, message: "GET http://h/x: Failure when receiving data"),
                                         RetryNote(kind: .status, message: "GET http://h/x: status 503")])
        let broken = CaseResult(name: "broken", id: "broken", location: location, status: .failed,
                                diagnostics: [Diagnostic(.statusMismatch(expected: "200", actual: 503), "status: expected 200, actual 503", at: location)],
                                drift: [], gates: true, duration: 0.1, transcript: nil,
                                retries: [RetryNote(kind: .status, message: "GET http://h/x: status 503")])
        let run = RunResult(specs: [SpecResult(path: "a.yaml", name: "A", endpoint: "GET /x", stability: .stable, cases: [flaky, broken],
                                               teardownProblems: [], startedAt: Date(), duration: 0.2)],
                            startedAt: Date(), duration: 0.2, targetDescription: "http://h")
        let xml = try JUnitWriter().xml(for: JUnitReport(run: run, redactor: .none))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"<flakyError message="GET http://h/x: Failure when receiving data" type="retry.transport"/>"#))
        #expect(text.contains(#"<flakyFailure message="GET http://h/x: status 503" type="retry.status"/>"#))
        #expect(text.contains(#"<rerunFailure message="GET http://h/x: status 503" type="retry.status"/>"#))
        if SharedData.isAvailable {
            let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
            #expect(validator.problems(in: xml) == [])
        }
        let console = ConsoleReport(redactor: .none).lines(for: run.specs[0])
        #expect(console.contains("  ↻ flaky: passed after 2 retries\n"))
    }
}
