import ConformShape
import ConformTestSupport
import Foundation
import Testing

/// What a person sees on the console, from the built binary against the mock: the failure
/// block (carets under the spec line, the exchange, a replayable curl command), colour on a
/// terminal only, `--filter` and `--fail-fast`.
@Suite(.serialized) struct ConsoleEndToEndTests {
    static let root = SharedData.packageRoot.path

    static let lists = """
        spec: 1
        name: Lists tasks
        endpoint: GET /objects/{model}.json
        cases:
          - name: lists tasks
            request: { method: GET, path: /objects/task.json, query: { limit: 1 } }
            expect:
              status: 200
          - name: lists them again
            request: { method: GET, path: /objects/task.json }
            expect: { status: 200 }
        """
    static let counts = """
        spec: 1
        name: Counts tasks
        endpoint: GET /objects/{model}/count.json
        cases:
          - name: counts tasks
            request: { method: GET, path: /objects/task/count.json }
            expect: { status: 200 }
        """

    func suite() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("e2e-console")
        _ = try folder.write("specs/a-lists.yaml", Self.lists)
        _ = try folder.write("specs/b-counts.yaml", Self.counts)
        return folder
    }

    func run(_ mock: MockProcess, _ folder: TemporaryFolder, _ extra: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        try await ProcessRunner.run(ConformBinary.path, ["run", folder.file("specs"), "--base-url", mock.baseURL,
                                                         "--junit", folder.file("junit.xml"), "--concurrency", "1"] + extra,
                                    environment: ["CONFORM_TOKEN": mock.token].merging(environment) { $1 }, directory: Self.root)
    }

    @Test func aFailureShowsTheLineTheExchangeAndACurlCommandThatReplaysIt() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let output = try await run(mock, folder, ["--filter", "lists tasks"])
        #expect(output.exitCode == 1, "\(output.stdout)\n\(output.stderr)")
        let text = output.stdout
        #expect(!text.contains("\u{1B}["), "no colour when piped")
        // The spec line, and carets under the expectation it broke.
        let snippet = try #require(text.firstMatch(of: /\n +8 \|       status: 200\n +\| +(\^+)\n/), "\(text)")
        #expect(snippet.output.1 == "^^^")
        #expect(text.contains("response: HTTP 201"))
        #expect(text.contains("2 cases deselected by --tags/--filter"))
        #expect(!text.contains("lists them again") && !text.contains("b-counts.yaml"), "deselected cases are counted, not listed")
        // The replay names the credentials by variable, never by value, and reproduces the status.
        let replay = try #require(text.firstMatch(of: /replay: +(curl [^\n]+)\n/)).output.1
        #expect(replay.contains("$CONFORM_TOKEN") && !text.contains(mock.token))
        let replayed = try await ProcessRunner.run("/bin/sh", ["-c", String(replay)], environment: ["CONFORM_TOKEN": mock.token])
        #expect(replayed.stdout.hasPrefix("HTTP/1.1 201"), "\(replayed.stdout.prefix(300))\n\(replayed.stderr)")
    }

    @Test func colourOnATerminalOrWhenAskedNeverWhenPiped() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let always = try await run(mock, folder, ["--color", "always"])
        #expect(always.stdout.contains("\u{1B}[31mFAIL"), "\(always.stdout)")
        let noColor = try await run(mock, folder, ["--color", "auto"], environment: ["CLICOLOR_FORCE": "", "NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
        // A pseudo-terminal (util-linux `script`): colour by default; NO_COLOR turns it off.
        let command = ([ConformBinary.path, "run", folder.file("specs"), "--base-url", mock.baseURL, "--junit", folder.file("tty.xml")])
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let onTerminal = try await ProcessRunner.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                                     environment: ["CONFORM_TOKEN": mock.token, "TERM": "xterm", "NO_COLOR": ""],
                                                     directory: Self.root)
        #expect(onTerminal.stdout.contains("\u{1B}[31mFAIL"), "\(onTerminal.stdout)")
        let onTerminalNoColor = try await ProcessRunner.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                                            environment: ["CONFORM_TOKEN": mock.token, "TERM": "xterm", "NO_COLOR": "1"],
                                                            directory: Self.root)
        // NO_COLOR is about colour: the status line's "erase line" is the only escape left.
        let withoutStatusLine = onTerminalNoColor.stdout.replacingOccurrences(of: "\r\u{1B}[2K", with: "")
        #expect(onTerminalNoColor.stdout.contains("FAIL") && !withoutStatusLine.contains("\u{1B}["), "\(onTerminalNoColor.stdout)")
    }

    @Test func onATerminalAStatusLineCountsFilesAndInCIEachFileIsOneCleanLine() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let command = ([ConformBinary.path, "run", folder.file("specs"), "--base-url", mock.baseURL, "--junit", folder.file("tty.xml")])
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let onTerminal = try await ProcessRunner.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                                     environment: ["CONFORM_TOKEN": mock.token, "TERM": "xterm", "NO_COLOR": "1", "CI": ""],
                                                     directory: Self.root)
        let screen = onTerminal.stdout
        // The status line is drawn under the blocks and erased before the summary.
        #expect(screen.contains("[2/2 files] 0 passed, 3 failed · "), "\(screen.debugDescription)")
        #expect(screen.contains("\r\u{1B}[2K"), "the status line is redrawn in place")
        #expect(screen.contains("not passed (3, in path order):"))
        // Under CI (CI set, even on a terminal) and when piped: no status line, no control characters.
        let underCI = try await ProcessRunner.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                                  environment: ["CONFORM_TOKEN": mock.token, "TERM": "xterm", "NO_COLOR": "1", "CI": "true"],
                                                  directory: Self.root)
        #expect(!underCI.stdout.contains("files]") && !underCI.stdout.contains("\u{1B}"), "\(underCI.stdout.debugDescription)")
        let piped = try await run(mock, folder, [], environment: ["CI": ""])
        #expect(!piped.stdout.contains("files]") && !piped.stdout.contains("\r") && !piped.stdout.contains("\u{1B}"))
        let lines = piped.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("FAIL  ") }.count == 2, "one line per finished file")
        // The recap lists the failures in path order with their spec lines.
        let recap = try #require(piped.stdout.firstMatch(of: /not passed \(3, in path order\):\n((?:  .*\n){3})/)).output.1
        let entries = recap.split(separator: "\n").map { String($0) }
        #expect(entries.count == 3)
        for (entry, expected) in zip(entries, ["a-lists.yaml:5  lists tasks", "a-lists.yaml:9  lists them again", "b-counts.yaml:5  counts tasks"]) {
            #expect(entry.contains("/specs/" + expected + "  status: expected 200, actual 201"), "\(recap)")
        }
    }

    @Test func failFastStopsStartingCasesAfterTheFirstFailure() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let output = try await run(mock, folder, ["--fail-fast"])
        #expect(output.exitCode == 1)
        #expect(output.stdout.contains(#"2 cases not run: --fail-fast stopped the run after "lists tasks""#), "\(output.stdout)")
        #expect(output.stdout.contains("1 failed"))
        let junit = String(decoding: FileManager.default.contents(atPath: folder.file("junit.xml")) ?? Data(), as: UTF8.self)
        #expect(junit.matches(of: /<skipped message="not run: --fail-fast/).count == 2)
        let withoutFailFast = try await run(mock, folder, [])
        #expect(withoutFailFast.stdout.contains("3 failed"))
    }

    @Test func onGitHubActionsTheRunAnnotatesSpecLinesAndWritesTheJobSummary() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let summary = folder.file("step-summary.md")
        _ = FileManager.default.createFile(atPath: summary, contents: Data("earlier step\n".utf8))
        let output = try await run(mock, folder, ["--report-markdown", folder.file("summary.md")],
                                   environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary])
        #expect(output.exitCode == 1)
        #expect(output.stdout.contains("::error file=\(folder.file("specs/a-lists.yaml")),line=8,col=15,title=lists tasks ("),
                "\(output.stdout)")
        #expect(output.stdout.contains("::status: expected 200, actual 201"))
        let written = String(decoding: FileManager.default.contents(atPath: folder.file("summary.md")) ?? Data(), as: UTF8.self)
        #expect(written.hasPrefix("## Conform: ❌ FAIL (contract broken)"))
        let appended = String(decoding: FileManager.default.contents(atPath: summary) ?? Data(), as: UTF8.self)
        #expect(appended.hasPrefix("earlier step\n## Conform: ❌ FAIL"), "appended, not replaced")
        #expect(!appended.contains(mock.token) && !output.stdout.contains(mock.token))
        // Not on GitHub: no workflow commands in the log.
        let plain = try await run(mock, folder, [])
        #expect(!plain.stdout.contains("::error"))
    }

    @Test func theJSONReportFollowsItsSchemaAndCarriesEveryCase() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        let output = try await run(mock, folder, ["--report-json", folder.file("report.json")])
        #expect(output.exitCode == 1)
        let data = try #require(FileManager.default.contents(atPath: folder.file("report.json")))
        let report = try JSONValue.parse(bytes: Array(data))
        #expect(try ReportSchema.problems(in: report) == [])
        #expect(report["verdict"] == "fail" && report["exitCode"] == 1)
        #expect(report["totals"]?["cases"] == 3 && report["totals"]?["failed"] == 3)
        let first = report["specs"]?[0]?["cases"]?[0]
        #expect(first?["diagnostics"]?[0]?["kind"] == "statusMismatch")
        #expect(first?["diagnostics"]?[0]?["actual"] == 201)
        #expect(first?["diagnostics"]?[0]?["location"]?["line"] == 8)
        #expect(first?["replay"].map { if case .string(let text) = $0 { text.contains("$CONFORM_TOKEN") } else { false } } == true)
        #expect(!String(decoding: data, as: UTF8.self).contains(mock.token))
    }

    @Test func shardedJSONReportsMergeIntoWhatOneRunWrites() async throws {
        let mock = try await MockProcess.start(profiles: ["breaking.status-changed"])
        defer { mock.stop() }
        let folder = try suite()
        defer { folder.remove() }
        for shard in ["1/2", "2/2"] {
            let output = try await run(mock, folder, ["--shard", shard, "--report-json", folder.file("shard-\(shard.prefix(1)).json")])
            #expect(output.exitCode == 1)
        }
        _ = try await run(mock, folder, ["--report-json", folder.file("whole.json"), "--report-markdown", folder.file("whole.md")])
        let stepSummary = folder.file("step-summary.md")
        _ = FileManager.default.createFile(atPath: stepSummary, contents: Data("earlier step\n".utf8))
        let merge = try await ProcessRunner.run(ConformBinary.path, ["merge", folder.file("shard-1.json"), folder.file("shard-2.json"),
                                                                      "-o", folder.file("merged.json"), "--report-markdown", folder.file("merged.md")],
                                                environment: ["GITHUB_STEP_SUMMARY": stepSummary])
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        func load(_ name: String) throws -> JSONValue {
            try JSONValue.parse(bytes: Array(try #require(FileManager.default.contents(atPath: folder.file(name)))))
        }
        let merged = try load("merged.json"), whole = try load("whole.json")
        #expect(try ReportSchema.problems(in: merged) == [])
        #expect(merged["totals"] == whole["totals"])
        #expect(merged["exitCode"] == 1 && merged["verdict"] == "fail")
        func paths(_ report: JSONValue) -> [JSONValue] {
            guard case .array(let specs)? = report["specs"] else { return [] }
            return specs.compactMap { $0["path"] }
        }
        #expect(paths(merged) == paths(whole))
        // The merged summary reads exactly as the unsharded run's, and lands on the job page.
        func text(_ name: String) -> String { String(decoding: FileManager.default.contents(atPath: folder.file(name)) ?? Data(), as: UTF8.self) }
        #expect(text("merged.md") == text("whole.md"))
        #expect(text("merged.md").contains("| lists tasks | `"), "\(text("merged.md"))")
        #expect(text("step-summary.md") == "earlier step\n" + text("whole.md") + "\n")
        let junitOnly = try await ProcessRunner.run(ConformBinary.path, ["merge", folder.file("junit.xml"), "-o", folder.file("m.xml"),
                                                                          "--report-markdown", folder.file("m.md")])
        #expect(junitOnly.exitCode != 0 && junitOnly.stderr.contains("--report-markdown needs JSON reports"), "\(junitOnly.stderr)")
        // Not a Conform report: a clear error, nothing written.
        let stray = try folder.write("stray.json", #"{"hello": 1}"#)
        let refused = try await ProcessRunner.run(ConformBinary.path, ["merge", stray, "-o", folder.file("never.json")])
        #expect(refused.exitCode == 2 && refused.stderr.contains("is not a Conform JSON report"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("never.json")))
    }
}
