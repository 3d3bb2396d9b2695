import ConformShape
import Foundation
import Testing
import ConformTestSupport

/// Each fault class of the mock, end to end with the built binary: how it is classified
/// (contract `<failure>` or transport `<error>`), the exit code, a valid JUnit report, no crash,
/// and teardown having run (nothing left behind).
@Suite(.serialized) struct FaultEndToEndTests {
    static let root = SharedData.packageRoot.path
    static let target = "GET /objects/{model}/{id}.json"

    struct Expectation: Sendable, CustomStringConvertible {
        let profile: String
        let arguments: [String]
        let exitCode: Int32
        /// Text the JUnit report must hold.
        let junit: [String]
        var description: String { profile }
    }

    static let probe = """
    spec: 1
    name: Fault probe
    endpoint: GET /objects/{model}/{id}.json
    vars: { probe: "Fault probe ${random_suffix()}" }
    cases:
      - name: creates a task
        request: { method: POST, path: /objects/task.json, json: { task: { name: "${probe}" } } }
        expect: { status: 200 }
        capture: { task_id: $.id }
      - name: reads it back
        request: { method: GET, path: "/objects/task/${task_id}.json" }
        expect:
          status: 200
          shape: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
    teardown:
      - request: { method: DELETE, path: "/objects/task/${task_id}.json" }
        expect: { status: 200 }
    """

    static let nothingLeft = """
    spec: 1
    name: Nothing left behind
    endpoint: GET /objects/{model}.json
    cases:
      - name: no probe task remains
        request: { method: GET, path: /objects/task.json, query: { "query[name.contains]": Fault probe } }
        expect: { status: 200, values: { $.count: 0 } }
    """

    static let cases: [Expectation] = [
        Expectation(profile: "fault.500", arguments: [], exitCode: 1,
                    junit: [#"type="status""#, "status: expected 200, actual 500 (INTERNAL_SERVER_ERROR"]),
        Expectation(profile: "fault.502", arguments: ["--retries", "0"], exitCode: 1, junit: ["status: expected 200, actual 502"]),
        Expectation(profile: "fault.503", arguments: ["--retries", "1", "--retry-budget", "5"], exitCode: 1,
                    junit: ["<rerunFailure", "actual 503"]),
        Expectation(profile: "fault.503%2", arguments: [], exitCode: 0, junit: ["<flakyFailure", "status 503"]),
        Expectation(profile: "fault.429=1", arguments: ["--retries", "0"], exitCode: 1, junit: ["actual 429"]),
        Expectation(profile: "fault.reset", arguments: ["--retries", "0"], exitCode: 3,
                    junit: ["<error", "transport.connectionClosed"]),
        Expectation(profile: "fault.reset%first:1", arguments: [], exitCode: 0, junit: ["<flakyError"]),
        Expectation(profile: "fault.slow=10", arguments: ["--retries", "0", "--timeout", "1"], exitCode: 3,
                    junit: ["<error", "transport.timeout"]),
        Expectation(profile: "fault.truncated", arguments: ["--retries", "0"], exitCode: 3,
                    junit: ["<error", "transport.truncatedBody"]),
        Expectation(profile: "fault.non-json", arguments: [], exitCode: 1, junit: [#"type="body.not-json""#, "body is not JSON"]),
        Expectation(profile: "fault.large=3M", arguments: [], exitCode: 0, junit: [#"failures="0" errors="0""#]),
    ]

    @Test(arguments: cases)
    func eachFaultIsClassifiedAndNothingIsLost(_ expectation: Expectation) async throws {
        let mock = try await MockProcess.start(profiles: ["\(expectation.profile.split(separator: "%")[0])@\(Self.target)"
                                              + (expectation.profile.contains("%") ? "%" + expectation.profile.split(separator: "%")[1] : "")])
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-fault")
        defer { folder.remove() }
        let spec = try folder.write("probe.yaml", Self.probe)
        let junit = folder.file("junit.xml")
        let output = try await ProcessRunner.run(ConformBinary.path, ["run", spec, "--base-url", mock.baseURL, "--junit", junit] + expectation.arguments,
                                           environment: ["CONFORM_TOKEN": mock.token], directory: Self.root)
        #expect(output.exitCode == expectation.exitCode, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("result: "), "the run ended normally: \(output.stderr)")
        let xml = try #require(FileManager.default.contents(atPath: junit), "the report was written")
        let text = String(decoding: xml, as: UTF8.self)
        for needle in expectation.junit { #expect(text.contains(needle), "\(needle) in\n\(text)") }
        if SharedData.isAvailable {
            let validator = try XMLSchemaValidator(xsdPath: SharedData.path("junit/jenkins-junit-10.xsd"))
            #expect(validator.problems(in: Array(xml)) == [])
        }
        #expect(!text.contains(mock.token) && !output.stdout.contains(mock.token))
        // Teardown ran: the task the probe created is gone.
        let check = try folder.write("check/left.yaml", Self.nothingLeft)
        let left = try await ProcessRunner.run(ConformBinary.path, ["run", check, "--base-url", mock.baseURL, "--junit", folder.file("left.xml")],
                                         environment: ["CONFORM_TOKEN": mock.token], directory: Self.root)
        #expect(left.exitCode == 0, "teardown did not clean up: \(left.stdout)")
    }

    @Test func aDeadTargetFinishesFastWithEveryCaseAnError() async throws {
        let folder = try TemporaryFolder("e2e-dead")
        defer { folder.remove() }
        let junit = folder.file("junit.xml")
        let output = try await ProcessRunner.run(ConformBinary.path, ["run", "Specs", "--base-url", "http://127.0.0.1:9/api/v4/533bda53027894f69b001055",
                                                                "--junit", junit], environment: ["CONFORM_TOKEN": "dead-target-token"],
                                           directory: Self.root)
        #expect(output.exitCode == 3)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: junit)), as: UTF8.self)
        #expect(text.contains("not run: http://127.0.0.1:9 stopped answering"))
        #expect(output.stdout.components(separatedBy: "stopped sending to http://127.0.0.1:9 after").count == 2, "said once")
        #expect(!text.contains("<failure"))
        // Failing fast means few requests were tried: after 5 stable requests got no answer nothing
        // more is sent (beta requests sent meanwhile do not count, and a few more may be in flight
        // at --concurrency 4), and every other case ends as "not run" instead of waiting for its
        // own connection failure.
        let tried = text.matches(of: /message="(GET|POST|PUT|PATCH|DELETE) http:\/\/127\.0\.0\.1:9\//).count
        let notRun = text.matches(of: /message="[^"]*not run: http:\/\/127\.0\.0\.1:9 stopped answering/).count
        #expect((5...60).contains(tried), "requests actually sent: \(tried)")
        #expect(notRun >= 100, "cases ended without a request: \(notRun)")
    }

    @Test func sigtermStopsTheRunWritesTheReportAndTearsDown() async throws {
        // The read is held back 15 s and the run allows 60: only cancelling the request in
        // flight lets the run end within seconds of the signal.
        let mock = try await MockProcess.start(profiles: ["fault.slow=15@\(Self.target)"])
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-sigterm")
        defer { folder.remove() }
        let spec = try folder.write("probe.yaml", Self.probe)
        let junit = folder.file("junit.xml")
        let stdout = folder.file("stdout.txt")
        let run = try ChildProcess(ConformBinary.path,
                                   ["run", spec, "--base-url", mock.baseURL, "--junit", junit, "--retries", "0", "--timeout", "60",
                                    "--report-json", folder.file("report.json")],
                                   environment: ProcessRunner.childEnvironment(["CONFORM_TOKEN": mock.token]),
                                   directory: Self.root, stdout: .file(stdout))
        // Stop the run while the read waits.
        try await Task.sleep(for: .milliseconds(1500))
        let signalled = ContinuousClock.now
        run.send(SIGTERM)
        let ended = try await offCooperativePool { run.wait(timeout: 60) ?? run.stop(grace: 0) }
        let took = ContinuousClock.now - signalled
        #expect(ended.exitCode == 143)
        // The JSON report says the code the process ended with.
        let report = try JSONValue.parse(bytes: Array(try #require(FileManager.default.contents(atPath: folder.file("report.json")))))
        #expect(report["exitCode"] == .integer(143))
        #expect(try ReportSchema.problems(in: report) == [])
        #expect(took < .seconds(10), "one SIGTERM must end the run within seconds, not after the 15 s the server holds the read: \(took)")
        let text = String(decoding: try #require(FileManager.default.contents(atPath: junit), "the report was written"), as: UTF8.self)
        #expect(text.contains(#"name="creates a task""#))
        #expect(text.contains("not run: the run was interrupted (SIGTERM)"), "the read is reported as not run, not as a transport error")
        let printed = String(decoding: FileManager.default.contents(atPath: stdout) ?? Data(), as: UTF8.self)
        #expect(printed.contains("result: INTERRUPTED by SIGTERM") && !printed.contains("result: PASS"), "\(printed)")
        let check = try folder.write("check/left.yaml", Self.nothingLeft)
        let left = try await ProcessRunner.run(ConformBinary.path, ["run", check, "--base-url", mock.baseURL, "--junit", folder.file("left.xml")],
                                         environment: ["CONFORM_TOKEN": mock.token], directory: Self.root)
        #expect(left.exitCode == 0, "teardown did not run: \(left.stdout)")
    }
}
