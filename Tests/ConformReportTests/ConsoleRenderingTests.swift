import Foundation
import ConformHTTP
@testable import ConformRunner
import ConformShape
@testable import ConformReport
@testable import ConformSpec
import ConformTestSupport
import Testing

@Suite struct ConsoleStyleTests {
    @Test(arguments: [
        (ConsoleStyle.Choice.auto, [String: String](), true, true),
        (.auto, [:], false, false),
        (.auto, ["NO_COLOR": "1"], true, false),
        (.auto, ["NO_COLOR": ""], true, true),  // an empty NO_COLOR does not count (no-color.org)
        (.auto, ["CLICOLOR_FORCE": "1"], false, true),
        (.auto, ["CLICOLOR_FORCE": "0"], false, false),
        (.auto, ["TERM": "dumb"], true, false),
        (.always, ["NO_COLOR": "1"], false, true),
        (.never, ["CLICOLOR_FORCE": "1"], true, false),
    ])
    func colourFollowsTheChoiceTheEnvironmentAndTheTerminal(choice: ConsoleStyle.Choice, environment: [String: String],
                                                           isTerminal: Bool, colored: Bool) {
        #expect(ConsoleStyle.decide(choice, environment: environment, isTerminal: isTerminal).colored == colored)
    }

    @Test func plainStyleWritesNoEscapes() {
        #expect(ConsoleStyle(colored: false).paint("FAIL", .fail) == "FAIL")
        #expect(ConsoleStyle(colored: true).paint("FAIL", .fail) == "\u{1B}[31mFAIL\u{1B}[0m")
    }
}

@Suite struct SourceSnippetTests {
    func texts(_ text: String) -> SourceTexts {
        var texts = SourceTexts()
        texts.record(text, for: "spec.yaml")
        return texts
    }

    @Test func caretsSitUnderTheExpectation() {
        let text = "cases:\n  - expect:\n      status: 201  # created\n"
        let lines = SourceSnippet.lines(at: SourceLocation(file: "spec.yaml", line: 3, column: 15), in: texts(text),
                                        style: ConsoleStyle(colored: false))
        #expect(lines == ["3 |       status: 201  # created", "  |               ^^^"])
    }

    @Test func inAFlowMappingTheCaretsStopAtTheEntry() {
        let text = "capture: { id: $.id, at: $.updated_at }"
        let lines = SourceSnippet.lines(at: SourceLocation(file: "spec.yaml", line: 1, column: 16), in: texts(text),
                                        style: ConsoleStyle(colored: false))
        #expect(lines.last == "  |                ^^^^")
    }

    @Test func aQuotedScalarIsUnderlinedToItsClosingQuote() {
        let text = "name: \"a, \\\"b\\\" c\" # x"
        let lines = SourceSnippet.lines(at: SourceLocation(file: "spec.yaml", line: 1, column: 7), in: texts(text),
                                        style: ConsoleStyle(colored: false))
        #expect(lines.last == "  |       " + String(repeating: "^", count: 12))
    }

    @Test func tabsStayTabsSoCaretsLineUp() {
        let text = "\tkey: value"
        let lines = SourceSnippet.lines(at: SourceLocation(file: "spec.yaml", line: 1, column: 7), in: texts(text),
                                        style: ConsoleStyle(colored: false))
        #expect(lines.last == "  | \t     ^^^^^")
    }

    @Test func unknownFilesAndLinesGiveNothing() {
        let style = ConsoleStyle(colored: false)
        #expect(SourceSnippet.lines(at: SourceLocation(file: "other.yaml", line: 1, column: 1), in: texts("a: 1"), style: style) == [])
        #expect(SourceSnippet.lines(at: SourceLocation(file: "spec.yaml", line: 9, column: 1), in: texts("a: 1"), style: style) == [])
    }

    @Test func linesAreFoundWithAnyLineEnd() {
        let texts = texts("first\r\nsecond\nthird")
        #expect(texts.line(1, of: "spec.yaml") == "first")
        #expect(texts.line(2, of: "spec.yaml") == "second")
        #expect(texts.line(3, of: "spec.yaml") == "third")
        #expect(texts.line(4, of: "spec.yaml") == nil)
    }
}

@Suite struct PrettyExcerptTests {
    @Test func smallValuesArePrintedWhole() throws {
        let value = try JSONValue.parse(#"{"a":[1,2],"b":{"c":null}}"#)
        #expect(value.prettyExcerpt(maximumLines: 20) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"c\": null\n  }\n}")
    }

    @Test func aHugeValueCostsOnlyItsFirstLines() {
        let members = (0..<500_000).map { ("k\($0)", JSONValue.integer(Int64($0))) }
        let value = JSONValue.object(JSONObject(members))
        let text = value.prettyExcerpt(maximumLines: 5)
        #expect(text.split(separator: "\n").count == 6)
        #expect(text.hasSuffix("\n…"))
    }
}

@Suite struct CurlReplayTests {
    let redactor = Redactor(secrets: ["s3cr3t-token", "hunter22"])

    @Test func credentialsBecomeEnvironmentReferences() {
        let request = HTTPRequest(method: .get, url: "https://h.example/api/x.json",
                                  headers: ["Accept": "application/json", "Authorization": "Bearer O:s3cr3t-token",
                                            "Accept-Encoding": "gzip, deflate"])
        let command = CurlReplay.command(for: request, credentials: .namedToken("s3cr3t-token"), redactor: redactor)
        #expect(command == #"curl -sS -i -X 'GET' 'https://h.example/api/x.json' -H 'Accept: application/json' -H "Authorization: Bearer O:$CONFORM_TOKEN""#)
        let basic = HTTPRequest(url: "https://h/x", headers: ["Authorization": Credentials.basic(username: "ann", password: "hunter22").headerValue ?? ""])
        let basicCommand = CurlReplay.command(for: basic, credentials: .basic(username: "ann", password: "hunter22"), redactor: redactor)
        #expect(basicCommand.hasSuffix(#"-u "$CONFORM_USERNAME:$CONFORM_PASSWORD""#))
        #expect(!basicCommand.contains("hunter22") && !basicCommand.contains(Redactor.base64("ann:hunter22")))
    }

    @Test func otherSecretsAreMaskedAndQuotesSurviveTheShell() {
        let request = HTTPRequest(method: .post, url: "https://h/x?key=s3cr3t-token", headers: ["X-Note": "it's"],
                                  body: Array(#"{"name":"O'Brien","password":"hunter22"}"#.utf8))
        let command = CurlReplay.command(for: request, credentials: nil, redactor: redactor)
        #expect(!command.contains("s3cr3t-token") && !command.contains("hunter22"))
        #expect(command.contains(#"-H 'X-Note: it'\''s'"#))
        #expect(command.contains(#"--data-binary '{"name":"O'\''Brien","password":"[REDACTED]"}'"#))
    }
}

@Suite struct FilterSelectionTests {
    @Test func filtersMatchCaseNamesAndPathsIgnoringCase() throws {
        var selection = Selection()
        selection.filterExpressions = [try Selection.parseFilter("Create,objects/get"), try Selection.parseFilter("!slow")]
        #expect(selection.matchesFilter(caseName: "creates a task", filePath: "Specs/x.yaml"))
        #expect(selection.matchesFilter(caseName: "reads", filePath: "Specs/objects/get.yaml"))
        #expect(!selection.matchesFilter(caseName: "creates slowly", filePath: "Specs/x.yaml"))
        #expect(!selection.matchesFilter(caseName: "lists", filePath: "Specs/objects/list.yaml"))
        #expect(selection.deselection(ofCase: "lists", tags: [], inFile: "Specs/y.yaml") == "--filter")
        #expect(throws: Selection.ParseError.self) { try Selection.parseFilter(" , ") }
    }
}

@Suite struct CISummaryTests {
    @Test func annotationsPointAtTheSpecLineAndEscapeWhatWouldEndThem() {
        let text = GitHubAnnotations.commands(for: sampleRun(), redactor: Redactor(secrets: []))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)  // the failure, the transport error, the beta failure; not the pass or the skip
        #expect(lines[0] == "::error file=Specs/objects/get.yaml,line=21,col=5,title=reads it back (Specs/objects/get.yaml)::"
            + "$.status: expected object, actual integer 1")
        #expect(lines[1].hasPrefix("::error file=Specs/objects/get.yaml,line=30,col=5,title=times out"))
        #expect(lines[2].hasPrefix("::warning "))
        #expect(GitHubAnnotations.property("a,b: 50%\nx") == "a%2Cb%3A 50%25%0Ax")
        #expect(GitHubAnnotations.data("a,b: 50%\r\nx") == "a,b: 50%25%0D%0Ax")
    }

    @Test func theMarkdownSummaryHasTheVerdictTheFilesTheFailuresAndTheDrift() {
        let run = sampleRun()
        let text = MarkdownReport.text(for: run, redactor: Redactor(secrets: ["s3cr3t-token-value"]), exitCode: run.exitCode)
        #expect(text.hasPrefix("## Conform: ❌ FAIL (contract broken)\n"))
        #expect(text.contains("| `Specs/objects/get.yaml` | `GET /objects/{model}/{id}.json` | 1 | 1 | 1 | 2 |"))
        #expect(text.contains("| reads it back | `Specs/objects/get.yaml:21:5` | $.status: expected object, actual integer 1 |"))
        #expect(text.contains("| beta detail (beta, not gating) |"))
        #expect(text.contains("### Drift (tolerated, not failing)"))
        #expect(text.contains("unknown field '$.created_by' (string)"))
        #expect(MarkdownReport.cell("a|b\nc`d") == "a\\|b c'd")
    }

    /// `conform merge` summarises sharded runs from their JSON reports: read back, the JSON
    /// report must say exactly what the run said (every kind of case, the drift, the verdict).
    @Test func theSummaryOfTheJSONReportIsTheSummaryOfTheRun() throws {
        let run = sampleRun()
        let redactor = Redactor(secrets: ["s3cr3t-token-value"])
        let report = JSONReport.value(for: run, redactor: redactor, exitCode: run.exitCode)
        let fromReport = MarkdownReport.text(for: try RunSummary(jsonReport: report))
        #expect(fromReport == MarkdownReport.text(for: run, redactor: redactor, exitCode: run.exitCode))
        #expect(throws: RunSummary.ReadError.self) { try RunSummary(jsonReport: ["format": "conform-report"]) }
    }
}

@Suite struct JSONReportTests {
    @Test func aReportOfEveryKindOfCaseFollowsItsSchema() throws {
        let run = sampleRun()
        let report = JSONReport.value(for: run, redactor: Redactor(secrets: ["s3cr3t-token-value"]), exitCode: run.exitCode)
        #expect(try ReportSchema.problems(in: report) == [])
        #expect(report["verdict"] == "fail")
        #expect(report["totals"]?["failed"] == 1)
        let failed = report["specs"]?[0]?["cases"]?[1]
        #expect(failed?["reported"] == "failed")
        #expect(failed?["diagnostics"]?[0]?["path"] == "$.status")
        #expect(failed?["diagnostics"]?[0]?["severity"] == "failure")
        #expect(report["specs"]?[0]?["cases"]?[2]?["diagnostics"]?[0]?["curlCode"] == 7)
        #expect(!report.compactText.contains("s3cr3t-token-value"))
        #expect(report["drift"]?[0]?["location"] == "$.created_by")
    }

    @Test func theSchemaCatchesAReportThatBreaksIt() throws {
        let run = sampleRun()
        guard case .object(var members) = JSONReport.value(for: run, redactor: Redactor(secrets: []), exitCode: run.exitCode) else {
            Issue.record("not an object")
            return
        }
        members["totals"] = nil
        members["surprise"] = true
        let problems = try ReportSchema.problems(in: .object(members))
        #expect(problems.contains { $0.contains("totals") }, "\(problems)")
        #expect(problems.contains { $0.contains("surprise") }, "\(problems)")
    }
}

@Suite struct JSONReportKindTests {
    /// One diagnostic of every kind (and every not-run reason) in a report: the schema must
    /// name each, so a new kind cannot reach the JSON report undocumented.
    @Test func everyDiagnosticKindIsInTheSchema() throws {
        let at = ConformShape.SourceLocation(file: "s.yaml", line: 1, column: 1)
        let kinds: [Diagnostic.Kind] = [
            .yamlSyntax, .unknownKey(key: "k", suggestion: nil), .wrongType(expected: "a", actual: "b"), .missingKey("k"),
            .invalidValue, .duplicateName("n"), .unknownVariable(name: "v", suggestion: nil), .badReference("r"), .schemaError,
            .unreadableFile, .statusMismatch(expected: "200", actual: 201),
            .shapeMismatch(path: "$.a", keyword: "type", expected: "string", actual: "integer 1"),
            .valueMismatch(path: "$.a", expected: "1", actual: "2"), .headerMismatch(name: "X", expected: "a", actual: "b"),
            .bodyMismatch(expected: "empty", actual: "3 bytes"), .bodyNotJSON(reason: "r"), .captureMissing(variable: "v", source: "$.id"),
            .transport(url: "http://h/x", code: 7, name: "CURLE_COULDNT_CONNECT", reason: "refused", kind: .connectionRefused),
            .undecided(path: "$.a", keyword: "pattern"),
            .notRun(reason: .deselected), .notRun(reason: .interrupted), .notRun(reason: .failFast(afterCase: "c", file: "s.yaml")), .notRun(reason: .unresponsive),
            .notRun(reason: .unbound(variable: "task_id")), .notRun(reason: .credentials),
        ]
        let diagnostics = kinds.map { Diagnostic($0, "m", at: at) }
        let result = CaseResult(name: "c", id: "c", location: at, status: .failed, diagnostics: diagnostics, drift: [], gates: true,
                                duration: 0, transcript: nil)
        let spec = SpecResult(path: "s.yaml", name: "s", endpoint: "GET /x", stability: .stable, cases: [result],
                              teardownProblems: [], startedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let run = RunResult(specs: [spec], startedAt: Date(timeIntervalSince1970: 0), duration: 0, targetDescription: "http://h")
        let report = JSONReport.value(for: run, redactor: Redactor(secrets: []), exitCode: run.exitCode)
        #expect(try ReportSchema.problems(in: report) == [])
        let reasons = (19..<25).compactMap { report["specs"]?[0]?["cases"]?[0]?["diagnostics"]?[$0]?["reason"] }
        #expect(reasons == ["deselected", "interrupted", "failFast", "unresponsive", "unbound", "credentials"])
        #expect(report["specs"]?[0]?["cases"]?[0]?["diagnostics"]?[21]?["afterCase"] == "c")
    }
}

@Suite struct ProgressDisplayTests {
    static let at = ConformShape.SourceLocation(file: "s.yaml", line: 4, column: 7)

    static func spec(_ path: String, _ statuses: [CaseResult.Status]) -> SpecResult {
        let cases = statuses.enumerated().map { index, status in
            CaseResult(name: "case \(index)", id: "c\(index)", location: at, status: status,
                       diagnostics: status == .passed ? [] : [Diagnostic(.statusMismatch(expected: "200", actual: 500), "status", at: at)],
                       drift: [], gates: true, duration: 0, transcript: nil)
        }
        return SpecResult(path: path, name: path, endpoint: "GET /x", stability: .stable, cases: cases, teardownProblems: [],
                          startedAt: Date(timeIntervalSince1970: 0), duration: 0)
    }

    final class Sink: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
    }

    @Test(arguments: [
        (ProgressDisplay.Choice.auto, [String: String](), true, true),
        (.auto, [:], false, false),
        (.auto, ["CI": "true"], true, false),
        (.auto, ["TERM": "dumb"], true, false),
        (.live, ["CI": "true"], false, true),
        (.lines, [:], true, false),
    ])
    func theStatusLineIsForATerminalOutsideCI(choice: ProgressDisplay.Choice, environment: [String: String], isTerminal: Bool,
                                              live: Bool) {
        #expect(ProgressDisplay.isLive(choice, environment: environment, isTerminal: isTerminal) == live)
    }

    @Test func liveTheStatusLineCountsAndIsRedrawnUnderEachBlock() {
        let sink = Sink()
        let display = ProgressDisplay(live: true, totalFiles: 3, style: ConsoleStyle(colored: false)) { sink.append($0) }
        display.tick()
        #expect(sink.text.hasPrefix("[0/3 files] 0 passed · "))
        display.finished(Self.spec("b.yaml", [.passed, .failed]), block: "FAIL b.yaml\n")
        display.finished(Self.spec("a.yaml", [.passed, .error]), block: "ERROR a.yaml\n")
        display.end()
        // Each block erases the status line first, then the status line is drawn again under it.
        let expected = [
            "\r\u{1B}[2KFAIL b.yaml\n[1/3 files] 1 passed, 1 failed · ",
            "\r\u{1B}[2KERROR a.yaml\n[2/3 files] 2 passed, 1 failed, 1 error · ",
        ]
        for part in expected { #expect(sink.text.contains(part), "\(sink.text.debugDescription)") }
        #expect(sink.text.hasSuffix("\r\u{1B}[2K"), "the status line is gone before the summary")
        display.finished(Self.spec("c.yaml", [.passed]), block: "PASS c.yaml\n")
        #expect(!sink.text.contains("c.yaml"), "nothing is drawn after end()")
    }

    @Test func inLinesModeOnlyTheBlocksAppearWithNoControlCharacters() {
        let sink = Sink()
        let display = ProgressDisplay(live: false, totalFiles: 2, style: ConsoleStyle(colored: false)) { sink.append($0) }
        display.tick()
        display.finished(Self.spec("b.yaml", [.failed]), block: "FAIL b.yaml\n")
        display.finished(Self.spec("a.yaml", [.passed]), block: "PASS a.yaml\n")
        display.end()
        #expect(sink.text == "FAIL b.yaml\nPASS a.yaml\n")
    }

    @Test func theRecapListsWhatDidNotPassInPathOrderAndCountsWhatWasNotRun() {
        let notRun = CaseResult(name: "later", id: "l", location: Self.at, status: .error,
                                diagnostics: [Diagnostic(.notRun(reason: .unresponsive), "not run: gone", at: Self.at)],
                                drift: [], gates: true, duration: 0, transcript: nil)
        var second = Self.spec("b.yaml", [.failed])
        second = SpecResult(path: second.path, name: second.name, endpoint: second.endpoint, stability: .stable,
                            cases: second.cases + [notRun], teardownProblems: [], startedAt: second.startedAt, duration: 0)
        let run = RunResult(specs: [Self.spec("a.yaml", [.passed, .error]), second], startedAt: Date(timeIntervalSince1970: 0),
                            duration: 0, targetDescription: "http://h")
        let recap = ConsoleReport(redactor: Redactor(secrets: [])).recap(for: run)
        #expect(recap == """

            not passed (2, in path order):
              ! a.yaml:4  case 1  status
              ✗ b.yaml:4  case 0  status
              and 1 case not run because of those (see above)

            """)
        let allPassed = RunResult(specs: [Self.spec("a.yaml", [.passed])], startedAt: Date(timeIntervalSince1970: 0), duration: 0,
                                  targetDescription: "http://h")
        #expect(ConsoleReport(redactor: Redactor(secrets: [])).recap(for: allPassed) == "")
    }
}

@Suite struct HTMLReportTests {
    static let at = ConformShape.SourceLocation(file: "s.yaml", line: 2, column: 3)

    static func spec(_ path: String, endpoint: String, _ cases: [CaseResult]) -> SpecResult {
        SpecResult(path: path, name: path, endpoint: endpoint, stability: .stable, cases: cases, teardownProblems: [],
                   startedAt: Date(timeIntervalSince1970: 0), duration: 0)
    }

    @Test func textIsRedactedThenEscapedAndNothingRunsInThePage() {
        let failing = CaseResult(name: "<script>alert('x')</script> & more", id: "c", location: Self.at, status: .failed,
                                 diagnostics: [Diagnostic(.valueMismatch(path: "$.a", expected: "\"<b>\"", actual: "\"s3cret\""), "m", at: Self.at)],
                                 drift: [], gates: true, duration: 0.5,
                                 transcript: Transcript(request: "GET /x\nAuthorization: Bearer s3cret", response: "HTTP 200\n\n{\"token\":\"s3cret\"}"))
        let run = RunResult(specs: [Self.spec("a.yaml", endpoint: "GET /x", [failing])], startedAt: Date(timeIntervalSince1970: 0),
                            duration: 1, targetDescription: "http://h")
        let html = HTMLReport.text(for: run, redactor: Redactor(secrets: ["s3cret"]), sources: SourceTexts(), exitCode: run.exitCode)
        #expect(!html.contains("s3cret"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<dt>expected</dt><dd><code>&quot;&lt;b&gt;&quot;</code></dd>"))
        #expect(HTMLReport.escape("a\u{1}b\tc\n") == "a\u{FFFD}b\tc\n", "control characters cannot appear in HTML text")
    }

    @Test func driftIsOneRowPerPlaceAcrossFilesWithEveryEndpointAndType() {
        func passing(_ name: String, _ drift: [DriftRecord]) -> CaseResult {
            CaseResult(name: name, id: name, location: Self.at, status: .passed, diagnostics: [], drift: drift, gates: true,
                       duration: 0, transcript: nil)
        }
        let field = DriftRecord(kind: .field, location: "$.extra", type: "string")
        let run = RunResult(specs: [
            Self.spec("a.yaml", endpoint: "GET /a", [passing("one", [field]), passing("two", [field])]),
            Self.spec("b.yaml", endpoint: "GET /b", [passing("three", [DriftRecord(kind: .field, location: "$.extra", type: "null"),
                                                                       DriftRecord(kind: .header, location: "X-New", type: "")])]),
        ], startedAt: Date(timeIntervalSince1970: 0), duration: 0, targetDescription: "http://h")
        let rows = RunDrift.deduplicated(run)
        #expect(rows == [
            RunDrift(kind: .field, location: "$.extra", types: ["string", "null"], endpoints: ["GET /a", "GET /b"], caseCount: 3),
            RunDrift(kind: .header, location: "X-New", types: [], endpoints: ["GET /b"], caseCount: 1),
        ])
    }
}
