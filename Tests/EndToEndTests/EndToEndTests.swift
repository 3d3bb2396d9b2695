import Foundation
import Testing
import ConformTestSupport

/// The built `conform` binary against `conform mock` on a free port: exit codes, console
/// output and the JUnit file, as a CI job would see them.
@Suite(.serialized) struct EndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    func conform(_ arguments: [String], token: String? = nil, directory: String? = nil) async throws -> ProcessOutput {
        var environment: [String: String] = [:]
        if let token { environment["CONFORM_TOKEN"] = token }
        return try await ProcessRunner.run(ConformBinary.path, arguments, environment: environment, directory: directory ?? Self.packageRoot)
    }

    @Test func theShippedSuitePassesAgainstTheMock() async throws {
        let mock = try await MockProcess.start()
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let junit = folder.file("junit.xml")
        let output = try await conform(["run", "Specs", "--base-url", mock.baseURL, "--junit", junit], token: mock.token)
        #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("result: PASS"))
        #expect(!output.stdout.contains("FAIL "))
        let xml = try #require(FileManager.default.contents(atPath: junit))
        if SharedData.isAvailable {
            let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
            #expect(validator.problems(in: Array(xml)) == [])
        }
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"failures="0" errors="0""#))
        #expect(!text.contains(mock.token))
        #expect(!output.stdout.contains(mock.token))
    }

    /// Spec files run concurrently, yet a run at `--concurrency 16` prints and reports exactly
    /// what a sequential run does: each file's lines whole, never interleaved (the console
    /// streams files as they finish, so only their order may differ), the report in path order.
    @Test func concurrencyChangesNeitherTheConsoleNorTheReportOrder() async throws {
        let mock = try await MockProcess.start()
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-order")
        defer { folder.remove() }
        var consoles: [String] = []
        var testcases: [[String]] = []
        for concurrency in ["1", "16"] {
            let junit = folder.file("junit-\(concurrency).xml")
            let output = try await conform(["run", "Specs", "--base-url", mock.baseURL, "--junit", junit, "--concurrency", concurrency],
                                           token: mock.token)
            #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
            // Durations and the report's path differ from run to run; nothing else may.
            consoles.append(Self.blocksSorted(output.stdout.replacing(/[0-9]+\.[0-9]+s/, with: "T").replacing(junit, with: "REPORT")))
            let xml = String(decoding: FileManager.default.contents(atPath: junit) ?? Data(), as: UTF8.self)
            testcases.append(xml.matches(of: /<testcase classname="([^"]*)" name="([^"]*)"/).map { "\($0.output.1) \($0.output.2)" })
        }
        #expect(consoles[0] == consoles[1])
        #expect(testcases[0].count == 163)
        #expect(testcases[0] == testcases[1])
    }

    /// The console with its per-file blocks (a `PASS`/`FAIL`/`ERROR`/`WARN` line and the indented
    /// lines under it) sorted; the header before them and the summary after them stay as they are.
    static func blocksSorted(_ console: String) -> String {
        var head: [Substring] = [], blocks: [[Substring]] = [], tail: [Substring] = []
        for line in console.split(separator: "\n", omittingEmptySubsequences: false) {
            if tail.isEmpty, line.firstMatch(of: /^(PASS|FAIL|ERROR|WARN)[ ]/) != nil {
                blocks.append([line])
            } else if tail.isEmpty, !blocks.isEmpty, line.hasPrefix("  ") {
                blocks[blocks.count - 1].append(line)
            } else if blocks.isEmpty {
                head.append(line)
            } else {
                tail.append(line)
            }
        }
        let sorted = blocks.map { $0.joined(separator: "\n") }.sorted()
        return (head.map(String.init) + sorted + tail.map(String.init)).joined(separator: "\n")
    }

    @Test func aBrokenContractExitsOneAndTheFailureSaysWhere() async throws {
        let mock = try await MockProcess.start()
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let spec = try folder.write("specs/missing-field.yaml", """
        spec: 1
        name: A field the mock does not send
        endpoint: POST /objects/{model}.json
        cases:
          - name: creates a task
            request: { method: POST, path: /objects/task.json, json: { task: { name: Wash dishes } } }
            expect:
              status: 200
              shape:
                type: object
                required: [id, priority_score]
                properties:
                  id: { type: string, format: uuid }
                  priority_score: { type: integer }
            capture: { task_id: $.id }
        teardown:
          - request: { method: DELETE, path: "/objects/task/${task_id}.json" }
            expect: { status: 200 }
        """)
        let junit = folder.file("junit.xml")
        let output = try await conform(["run", spec, "--base-url", mock.baseURL, "--junit", junit], token: mock.token)
        #expect(output.exitCode == 1, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("FAIL "))
        #expect(output.stdout.contains("✗ creates a task"))
        #expect(output.stdout.contains("$.priority_score"))
        let text = String(decoding: try #require(FileManager.default.contents(atPath: junit)), as: UTF8.self)
        #expect(text.contains("<failure"))
        #expect(text.contains(#"file="\#(spec)""#))
        #expect(text.contains(#"name="creates a task""#))
        #expect(text.contains("missing-field.yaml:11:"))   // the line of the shape expectation
        #expect(text.contains("$.priority_score"))
        #expect(text.contains("expected"))
        #expect(text.contains("missing"))
        // The secret must not appear in any output of a failing run.
        for output in [text, output.stdout, output.stderr] { #expect(!output.contains(mock.token)) }
    }

    @Test func aSpecTypoExitsTwoWithItsPositionAndSendsNothing() async throws {
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let spec = try folder.write("typo.yaml", """
        spec: 1
        name: Typo
        endpoint: GET /objects/{model}.json
        cases:
          - name: lists
            request: { method: GET, path: /objects/task.json }
            expect:
              stauts: 200
        """)
        // A closed port: had anything been sent, the run would have failed with exit 3.
        let output = try await conform(["run", spec, "--base-url", "http://127.0.0.1:9/api/v4/x", "--junit", folder.file("j.xml")])
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("\(spec):8:7: error: unknown key `cases[0].expect.stauts`, did you mean `status`?"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("j.xml")))
        let validate = try await conform(["validate", spec])
        #expect(validate.exitCode == 2)
        #expect(validate.stderr.contains("\(spec):8:7: error:"))
    }

    @Test func aClosedPortExitsThreeWithAnError() async throws {
        let folder = try TemporaryFolder("e2e")
        defer { folder.remove() }
        let junit = folder.file("junit.xml")
        let output = try await conform(["run", "Specs/objects/get.yaml", "--base-url", "http://127.0.0.1:9/api/v4/533bda53027894f69b001055",
                                  "--junit", junit], token: "some-token-value")
        #expect(output.exitCode == 3, "\(output.stdout)\n\(output.stderr)")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: junit)), as: UTF8.self)
        #expect(text.contains("<error"))
        #expect(text.contains("CURLE_COULDNT_CONNECT"))
        #expect(!text.contains("<failure"))
        #expect(!text.contains("some-token-value"))
    }

    @Test func usageErrorsExitTwo() async throws {
        #expect(try await conform(["run", "--concurrency", "0"]).exitCode == 2)
        #expect(try await conform(["run", "--no-such-flag"]).exitCode == 2)
        let noTarget = try await conform(["run", "Specs"])
        #expect(noTarget.exitCode == 2)
        #expect(noTarget.stderr.contains("no target"))
        #expect(try await conform(["--help"]).exitCode == 0)
        let unwritable = try await conform(["run", "Specs", "--base-url", "http://127.0.0.1:9/api/v4/533bda53027894f69b001055",
                                      "--junit", "/proc/conform/junit.xml"])
        #expect(unwritable.exitCode == 2)
        #expect(unwritable.stderr.contains("--junit /proc/conform/junit.xml"))
        let cleartext = try await conform(["run", "Specs", "--base-url", "http://example.invalid/api/v4/533bda53027894f69b001055"],
                                    token: "a-secret-token")
        #expect(cleartext.exitCode == 2)
        #expect(cleartext.stderr.contains("refusing to send credentials in clear text"))
        #expect(!cleartext.stderr.contains("a-secret-token"))
    }

    @Test func listShowsEverySpecAndCase() async throws {
        let output = try await conform(["list", "Specs"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Specs/objects/get.yaml  GET /objects/{model}/{id}.json"))
        let validate = try await conform(["validate", "Specs"])
        #expect(validate.exitCode == 0, "\(validate.stderr)")
    }
}

@Suite struct ReadmeCoverageTests {
    @Test func theReadmeTableIsWhatConformListPrints() async throws {
        let root = SharedData.packageRoot.path
        let output = try await ProcessRunner.run(ConformBinary.path, ["list", "Specs", "--markdown"], directory: root)
        #expect(output.exitCode == 0)
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- coverage:start -->\n"))
        let end = try #require(readme.range(of: "\n<!-- coverage:end -->"))
        let table = String(readme[start.upperBound..<end.lowerBound])
        #expect(table == output.stdout.trimmingCharacters(in: .newlines), "run scripts/coverage-table to regenerate it")
        // Every endpoint of the reference's index is covered.
        for endpoint in ["GET /objects/{model}.json", "POST /objects/{model}/search.json", "POST /objects/{model}/query.json",
                         "GET /objects/{model}/count.json", "POST /objects/{model}.json", "GET /objects/{model}/{id}.json",
                         "PATCH /objects/{model}/{id}.json", "PUT /objects/{model}/{id}.json", "DELETE /objects/{model}/{id}.json",
                         "POST /batch.json", "GET /oplog.json", "GET /datamodel.json", "GET /info.json", "GET /indexes.json",
                         "GET /users", "GET /users/{user-id}", "GET /users/{user-id}/sessions/{session-id}",
                         "POST /users/{user-id}/lock", "POST /users/{user-id}/unlock",
                         "POST /users/{user-id}/sessions/{session-id}/wipe",
                         "POST /users/{user-id}/sessions/{session-id}/re-authenticate",
                         "POST /users/{user-id}/authentication-token"] {
            #expect(table.contains("`\(endpoint)`"), "\(endpoint) has no spec")
        }
        #expect(table.contains("query[field]=value"))
        #expect(table.contains("`GET /datamodel.xml`"))
    }
}

/// Verdicts that do not depend on scheduling, and say once what is wrong with the whole run.
@Suite(.serialized) struct VerdictEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    /// One slow beta endpoint and a short timeout: the stable cases' verdict is the same at
    /// every concurrency (it once aborted 83 stable cases at 1 and passed them at 4).
    @Test func theVerdictIsTheSameAtConcurrency1And4And16() async throws {
        let mock = try await MockProcess.start(profiles: ["fault.slow=4@GET /info.json"])
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-verdict")
        defer { folder.remove() }
        var outcomes: [[String]] = []
        for concurrency in ["1", "4", "16"] {
            let junit = folder.file("junit-\(concurrency).xml")
            let output = try await ProcessRunner.run(ConformBinary.path,
                ["run", "Specs", "--base-url", mock.baseURL, "--junit", junit, "--concurrency", concurrency, "--timeout", "2", "--retries", "0"],
                environment: ["CONFORM_TOKEN": mock.token], directory: Self.packageRoot)
            // The beta endpoint did not answer in time: never a pass, but no contract failure.
            #expect(output.exitCode == 3, "concurrency \(concurrency): \(output.stdout)")
            #expect(!output.stdout.contains("stopped sending"), "a beta endpoint never decides that the target is dead")
            let xml = String(decoding: FileManager.default.contents(atPath: junit) ?? Data(), as: UTF8.self)
            #expect(!xml.contains("<failure"))
            let cases = xml.matches(of: /<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>\s*<(error|skipped|failure))/)
                .map { "\($0.output.1) \($0.output.2) \($0.output.4.map(String.init) ?? "passed")" }
            #expect(cases.count == 163)
            outcomes.append(cases)
        }
        #expect(outcomes[0] == outcomes[1] && outcomes[1] == outcomes[2])
        #expect(outcomes[0].filter { $0.hasSuffix(" error") }.allSatisfy { $0.hasPrefix("Specs.info ") })
    }

    /// A server-chosen string against a pattern that backtracking engines take exponential
    /// time on: answered at once (the run fails on the contract, it does not hang).
    @Test func aPathologicalPatternNeitherHangsNorPasses() async throws {
        let mock = try await MockProcess.start()
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-pattern")
        defer { folder.remove() }
        let hostile = String(repeating: "a", count: 40) + "b"
        let spec = try folder.write("pattern.yaml", """
        spec: 1
        name: Pathological pattern
        endpoint: GET /objects/{model}/{id}.json
        cases:
          - name: creates
            request: { method: POST, path: /objects/task.json, json: { task: { name: "\(hostile)" } } }
            expect: { status: 200 }
            capture: { task_id: $.id }
          - name: reads it back
            request: { method: GET, path: "/objects/task/${task_id}.json" }
            expect:
              status: 200
              shape: { type: object, properties: { name: { type: string, pattern: "^(a+)+$" } } }
        teardown:
          - request: { method: DELETE, path: "/objects/task/${task_id}.json" }
        """)
        let started = ContinuousClock.now
        let output = try await ProcessRunner.run(ConformBinary.path,
            ["run", spec, "--base-url", mock.baseURL, "--junit", folder.file("junit.xml")],
            environment: ["CONFORM_TOKEN": mock.token], directory: Self.packageRoot)
        #expect(output.exitCode == 1, "\(output.stdout)")
        #expect(output.stdout.contains("$.name: expected string matching /^(a+)+$/"), "\(output.stdout)")
        #expect(ContinuousClock.now - started < .seconds(60), "a backtracking engine takes hours on this input")
    }

    /// No credentials against a deployment that needs them: said once before the run and
    /// once after it, not only as a hundred identical failures.
    @Test func aRunWithoutCredentialsSaysSoOnce() async throws {
        let mock = try await MockProcess.start()
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-nocreds")
        defer { folder.remove() }
        let output = try await ProcessRunner.run(ConformBinary.path,
            ["run", "Specs/objects", "--base-url", mock.baseURL, "--junit", folder.file("junit.xml")],
            environment: [:], directory: Self.packageRoot)
        #expect(output.exitCode == 1)
        #expect(output.stdout.components(separatedBy: "note: no credentials configured (set CONFORM_TOKEN").count == 2)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.dropFirst().first?.hasPrefix("note: no credentials configured") == true, "up front")
        #expect(output.stdout.contains("cases failed with 401 Unauthorized and no credentials were configured: set CONFORM_TOKEN"))
        // Not a block per case: one line per file names them.
        #expect(output.stdout.contains("answered 401 Unauthorized (no credentials configured): "))
        #expect(!output.stdout.contains("status: expected 200, actual 401"), "\(output.stdout)")
    }
}
