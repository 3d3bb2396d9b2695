import Foundation
import Testing
import ConformHTTP
import ConformShape
import ConformSpec
import ConformTestSupport
@testable import ConformRunner

/// Counts calls so a script can answer differently the first times.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}

let oneGet = """
spec: 1
name: One GET
endpoint: GET /x
cases:
  - name: reads
    request: { method: GET, path: /x }
    expect: { status: 200 }
"""

let onePost = """
spec: 1
name: One POST
endpoint: POST /x
cases:
  - name: creates
    request: { method: POST, path: /x, json: { a: 1 } }
    expect: { status: 200 }
"""

func fastRetries(_ configuration: inout RunConfiguration) {
    configuration.retry = RetryPolicy(maxRetries: 3, budget: 5, baseDelay: 0.001, maxDelay: 0.01)
}

/// Answers nothing: a request waits until its task is cancelled (or 120 s, a timeout).
/// `onStart` runs as each request starts waiting.
final class HangingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (started: 0, cancelled: 0)
    private let onStart: @Sendable () -> Void
    var cancelled: Int { lock.withLock { counts.cancelled } }

    init(onStart: @escaping @Sendable () -> Void) { self.onStart = onStart }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        lock.withLock { counts.started += 1 }
        onStart()
        try? await Task.sleep(for: .seconds(120))
        let wasCancelled = Task.isCancelled
        lock.withLock { if wasCancelled { counts.cancelled += 1 } }
        throw TransportError(kind: wasCancelled ? .cancelled : .timeout, method: request.method.rawValue, url: request.url,
                             summary: "no answer")
    }
}

@Suite struct ResilienceTests {
    static func closed(_ request: HTTPRequest) -> TransportError {
        TransportError(kind: .connectionClosed, method: request.method.rawValue, url: request.url, code: 56,
                       codeName: "CURLE_RECV_ERROR", summary: "Failure when receiving data from the peer")
    }

    @Test func anIdempotentRequestPassesAfterARetryAndTheRetryIsRecorded() async throws {
        let calls = CallCounter()
        let transport = ScriptedTransport { request throws(TransportError) in
            switch calls.next() {
            case 1: throw Self.closed(request)
            case 2: return response(503, "", headers: ["Retry-After": "0"])
            default: return response(200)
            }
        }
        let result = try await run(["get.yaml": oneGet], transport: transport, configure: fastRetries)
        let only = try #require(result.cases.first)
        #expect(only.status == .passed)
        #expect(only.retries.map(\.kind) == [.transport, .status])
        #expect(only.retries[1].message.hasSuffix("status 503 (Retry-After: 0)"))
        #expect(transport.requests.count == 3)
        #expect(result.exitCode == 0)
    }

    @Test func aPOSTIsNotRetriedWhenItMayHaveReachedTheServer() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in throw Self.closed(request) }
        let result = try await run(["post.yaml": onePost], transport: transport, configure: fastRetries)
        #expect(result.cases.first?.status == .error)
        #expect(result.cases.first?.retries.isEmpty == true)
        #expect(transport.requests.count == 1)
        let refused = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: .connectionRefused, method: "POST", url: request.url, summary: "Couldn't connect")
        }
        _ = try await run(["post.yaml": onePost], transport: refused, configure: fastRetries)
        #expect(refused.requests.count == 4, "a refused connection never reached the server, so retrying is safe")
    }

    @Test func retriesAreBoundedByCount() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(503) }
        let result = try await run(["get.yaml": oneGet], transport: transport, configure: fastRetries)
        #expect(result.cases.first?.status == .failed)
        #expect(result.cases.first?.retries.count == 3)
        #expect(transport.requests.count == 4)
    }

    @Test func retriesAreBoundedByTheBudget() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(429, "", headers: ["Retry-After": "3600"]) }
        let result = try await run(["get.yaml": oneGet], transport: transport) {
            $0.retry = RetryPolicy(maxRetries: 5, budget: 1)
        }
        #expect(result.cases.first?.status == .failed)
        #expect(transport.requests.count == 1, "an hour's Retry-After does not fit a one-second budget")
    }

    @Test func aDeadTargetStopsBeingAskedAndEveryCaseEndsAsAnError() async throws {
        var files: [String: String] = [:]
        for index in 0..<10 { files["s\(index).yaml"] = oneGet.replacingOccurrences(of: "One GET", with: "GET \(index)") }
        let transport = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: .timeout, method: "GET", url: request.url, summary: "Timeout was reached")
        }
        let result = try await run(files, transport: transport) {
            $0.retry = .none
            $0.maxTransportFailures = 3
            $0.concurrency = 1
        }
        #expect(result.cases.count == 10)
        #expect(result.cases.allSatisfy { $0.status == .error })
        #expect(transport.requests.count == 3)
        #expect(result.cases.last?.diagnostics.first?.message.hasPrefix("not run: http://127.0.0.1:1 stopped answering (3 requests") == true)
        #expect(result.abandonedTargets.count == 1, "said once for the run")
        #expect(result.abandonedTargets.first?.hasPrefix("stopped sending to http://127.0.0.1:1 after 3 requests got no answer") == true)
        #expect(result.exitCode == 3)
    }

    /// A beta endpoint that never answers must not decide anything for the stable ones, and
    /// the verdict is the same whatever the concurrency (it once aborted 83 stable cases at
    /// `--concurrency 1` and passed them at 4).
    @Test(arguments: [1, 4, 16])
    func aDeadBetaEndpointNeverAbortsStableCases(concurrency: Int) async throws {
        var files: [String: String] = [:]
        for index in 0..<6 {
            files["beta\(index).yaml"] = oneGet.replacingOccurrences(of: "One GET", with: "Beta \(index)")
                .replacingOccurrences(of: "endpoint: GET /x", with: "endpoint: GET /x\nstability: beta")
                .replacingOccurrences(of: "path: /x", with: "path: /slow")
            files["stable\(index).yaml"] = oneGet.replacingOccurrences(of: "One GET", with: "Stable \(index)")
        }
        let transport = ScriptedTransport { request throws(TransportError) in
            if request.url.hasSuffix("/slow") {
                throw TransportError(kind: .timeout, method: "GET", url: request.url, summary: "Timeout was reached")
            }
            return response(200)
        }
        let result = try await run(files, transport: transport) {
            $0.retry = .none
            $0.maxTransportFailures = 2
            $0.concurrency = concurrency
        }
        let stable = result.specs.filter { $0.name.hasPrefix("Stable") }.flatMap(\.cases)
        #expect(stable.count == 6 && stable.allSatisfy { $0.status == .passed })
        #expect(result.abandonedTargets.isEmpty)
        #expect(transport.requests.count == 12, "every beta request was still sent")
        // A beta case the target did not answer is still an error: an unanswered request is never a pass.
        #expect(result.tally == Tally(Array(repeating: .passed, count: 6) + Array(repeating: .error, count: 6)))
        #expect(result.exitCode == ExitCode.transport)
    }

    /// Retries that end in an answer leave no mark on the target's health.
    @Test func aFailureARetryFixedDoesNotCount() async throws {
        var files: [String: String] = [:]
        for index in 0..<5 { files["s\(index).yaml"] = oneGet.replacingOccurrences(of: "One GET", with: "GET \(index)") }
        let calls = CallCounter()
        let transport = ScriptedTransport { request throws(TransportError) in
            // Every first attempt is refused, every retry answered (one file at a time).
            if calls.next() % 2 == 1 {
                throw TransportError(kind: .connectionRefused, method: "GET", url: request.url, summary: "Couldn't connect")
            }
            return response(200)
        }
        let result = try await run(files, transport: transport) {
            fastRetries(&$0)
            $0.maxTransportFailures = 1
            $0.concurrency = 1
        }
        #expect(result.cases.count == 5 && result.cases.allSatisfy { $0.status == .passed && $0.retries.count == 1 })
        #expect(result.abandonedTargets.isEmpty && result.exitCode == ExitCode.success)
    }

    /// `0` turns the rule off: every request is sent.
    @Test func zeroNeverGivesUp() async throws {
        var files: [String: String] = [:]
        for index in 0..<6 { files["s\(index).yaml"] = oneGet.replacingOccurrences(of: "One GET", with: "GET \(index)") }
        let transport = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: .connectionRefused, method: "GET", url: request.url, summary: "Couldn't connect")
        }
        let result = try await run(files, transport: transport) {
            $0.retry = .none
            $0.maxTransportFailures = 0
        }
        #expect(transport.requests.count == 6 && result.abandonedTargets.isEmpty)
        #expect(result.exitCode == ExitCode.transport)
    }

    @Test func anInterruptedRunSkipsWhatIsLeftButStillTearsDown() async throws {
        let interruption = RunInterruption()
        let transport = ScriptedTransport { request throws(TransportError) in
            if request.method == .post { interruption.interrupt(by: "SIGTERM") }
            return response(200, #"{"id":"3c18fdc0-b02e-11e4-827d-001e6733fe3c","name":"A"}"#)
        }
        let result = try await run(["crud.yaml": createReadDelete], transport: transport) { $0.interruption = interruption }
        #expect(result.cases.map(\.status) == [.passed, .skipped])
        #expect(result.cases[1].diagnostics.first?.message == "not run: the run was interrupted (SIGTERM)")
        #expect(transport.requests.last?.method == .delete, "teardown still ran")
    }

    /// A transport with only `send(_:)` gets its transfers cancelled through a task of their
    /// own (the protocol's default); `HTTPClient` cancels its own (FaultEndToEndTests).
    @Test func anInterruptionCancelsTheRequestInFlightOfATransportWithoutItsOwnCancellation() async throws {
        let interruption = RunInterruption()
        // The signal arrives once the request is on its way.
        let transport = HangingTransport { interruption.interrupt(by: "SIGINT") }
        let result = try await run(["get.yaml": oneGet], transport: transport) { $0.interruption = interruption }
        #expect(transport.cancelled == 1, "the request was cut short, not waited for")
        #expect(result.cases.map(\.status) == [.skipped])
        #expect(result.cases.first?.diagnostics.map(\.message) == ["not run: the run was interrupted (SIGINT)"])
    }

    /// A body over the size limit, or one that cannot be decoded, fails the same way every time.
    @Test(arguments: [TransportError.Kind.bodyTooLarge, .malformedResponse])
    func anAnswerThatWillFailAgainIsNotRetried(kind: TransportError.Kind) async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: kind, method: "GET", url: request.url, summary: "the body")
        }
        let result = try await run(["get.yaml": oneGet], transport: transport, configure: fastRetries)
        #expect(transport.requests.count == 1)
        #expect(result.cases.first?.status == .error && result.exitCode == ExitCode.transport)
    }

    @Test func retryAfterReadsSecondsAndDates() {
        #expect(RetryPolicy.seconds(fromRetryAfter: "2") == 2)
        let future = RetryPolicy.seconds(fromRetryAfter: "Wed, 21 Oct 2099 07:28:00 GMT")
        #expect((future ?? 0) > 0)
        #expect(RetryPolicy.seconds(fromRetryAfter: "soon") == nil)
        #expect(RetryPolicy(maxRetries: 1, budget: 10, baseDelay: 1, maxDelay: 4).delay(retry: 1, retryAfter: "3") == 3)
    }

    @Test func pacingSpacesRequests() async {
        let pacer = RequestPacer(requestsPerSecond: 50)
        let start = ContinuousClock.now
        // Six requests asking at the same moment get slots 20 ms apart, the first at once.
        var slots: [ContinuousClock.Instant] = []
        for _ in 0..<6 { slots.append(await pacer.reserveSlot(at: start)) }
        #expect(slots.map { $0 - start } == (0..<6).map { .milliseconds(20 * $0) })
        // A request asking after the last slot has passed goes at once.
        let later = start + .seconds(1)
        #expect(await pacer.reserveSlot(at: later) == later)
    }
}

@Suite struct SecretTests {
    @Test func valuesOfSecretLookingVariablesAreRedacted() {
        var configuration = RunConfiguration(baseURL: "http://127.0.0.1:1", credentials: .basic(username: "533bda53027894f69b001055", password: "pa55word-x"))
        configuration.environment = ["DEPLOY_API_KEY": "k-123456789", "HOME": "/root"]
        configuration.variables = ["session_token": "tok-abcdefgh", "model": "task"]
        let redactor = configuration.redactor
        #expect(redactor.redact("k-123456789 tok-abcdefgh pa55word-x /root task") == "[REDACTED] [REDACTED] [REDACTED] /root task")
        #expect(redactor.redact("Basic " + Redactor.base64("533bda53027894f69b001055:pa55word-x")) == "Basic [REDACTED]")
    }

    @Test(arguments: [
        ("DEPLOY_API_KEY", true), ("session_token", true), ("GITHUB_TOKEN", true), ("accessToken", true), ("apikey", true),
        ("DB_PASSWORD", true), ("client-secret", true), ("HTTP_AUTH", true), ("Cookie", true),
        ("GIT_AUTHOR_NAME", false), ("CI_COMMIT_AUTHOR", false), ("keyboard_layout", false), ("HOME", false), ("model", false),
    ])
    func secretNamesAreWholeWords(name: String, secret: Bool) {
        #expect(RunConfiguration.looksSecret(name) == secret)
    }
}

@Suite struct TemplatedKeyTests {
    @Test func objectKeysTakeVariablesSoOneBodyFitsAnyModel() async throws {
        let spec = """
        spec: 1
        name: Keyed by model
        endpoint: POST /objects/{model}.json
        vars: { model: job, sample: { title: Fix roof, hours: 3 } }
        cases:
          - name: creates
            request: { method: POST, path: "/objects/${model}.json", json: { "${model}": "${sample}" } }
        """
        let transport = ScriptedTransport { _ throws(TransportError) in response(200) }
        _ = try await run(["k.yaml": spec], transport: transport)
        #expect(String(decoding: transport.requests.first?.body ?? [], as: UTF8.self) == #"{"job":{"title":"Fix roof","hours":3}}"#)
    }
}

@Suite struct GroupTests {
    @Test func filesOfOneGroupNeverOverlap() async throws {
        var files: [String: String] = [:]
        for index in 0..<6 {
            files["g\(index).yaml"] = """
            spec: 1
            name: G\(index)
            endpoint: GET /x
            group: shared
            cases:
              - name: first
                request: { method: GET, path: /enter }
              - name: second
                request: { method: GET, path: /leave }
            """
        }
        let tracker = OverlapTracker()
        let transport = ScriptedTransport { request throws(TransportError) in
            tracker.record(request.url.hasSuffix("/enter"))
            return response(200)
        }
        let result = try await run(files, transport: transport) { $0.concurrency = 6 }
        #expect(result.cases.count == 12)
        #expect(tracker.maximumInside == 1)
        #expect(Runner.units([]) == [])
    }

    @Test func groupsFormOneUnitWhereTheirFirstFileIs() throws {
        let folder = try TemporaryFolder("units")
        defer { folder.remove() }
        for (name, group) in [("a", "x"), ("b", nil), ("c", "x"), ("d", "y"), ("e", nil)] as [(String, String?)] {
            try folder.write("\(name).yaml", "spec: 1\nname: \(name)\nendpoint: GET /x\n" + (group.map { "group: \($0)\n" } ?? "")
                             + "cases:\n  - name: c\n    request: { method: GET, path: /x }\n")
        }
        let specs = try SpecLoader(environment: [:]).load(paths: [folder.path])
        #expect(Runner.units(specs) == [[0, 2], [1], [3], [4]])
    }
}

/// Counts how many files are between their `/enter` and `/leave` request at once.
final class OverlapTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    private(set) var maximumInside = 0
    func record(_ entering: Bool) {
        lock.withLock {
            inside += entering ? 1 : -1
            maximumInside = max(maximumInside, inside)
        }
    }
}

@Suite struct ContractEdgeTests {
    @Test func aBodyThatClaimsJSONButIsNotFailsEvenWithoutShapeChecks() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in
            response(200, "<html>Bad gateway</html>", headers: ["Content-Type": "application/json; charset=utf-8"])
        }
        let result = try await run(["get.yaml": oneGet], transport: transport)
        #expect(result.cases.first?.status == .failed)
        guard case .bodyNotJSON? = result.cases.first?.diagnostics.first?.kind else {
            Issue.record("expected bodyNotJSON, got \(String(describing: result.cases.first?.diagnostics))"); return
        }
        let html = ScriptedTransport { _ throws(TransportError) in response(200, "<html/>", headers: ["Content-Type": "text/html"]) }
        #expect(try await run(["get.yaml": oneGet], transport: html).cases.first?.status == .passed)
    }

    @Test func unknownHeadersAreDriftButInfrastructureHeadersAreNot() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in
            response(200, "{}", headers: ["Content-Type": "application/json", "X-Api-Version": "4.1", "CF-Ray": "abc", "Date": "now"])
        }
        let result = try await run(["get.yaml": oneGet], transport: transport)
        #expect(result.cases.first?.status == .passed)
        #expect(result.cases.first?.drift == [DriftRecord(kind: .header, location: "X-Api-Version", type: "")])
        #expect(result.driftSummary.first?.cases == ["reads"])
    }
}

@Suite struct ContractMatchTests {
    @Test func expectedObjectsAreAtLeastTheirMembersAndAdditionsAreDrift() {
        let actual: JSONValue = ["status": ["key": 1, "display": "Closed", "color": "red"], "tags": [["k": 1, "x": true]]]
        let fine = ContractMatch.compare(actual, expected: ["status": ["key": 1, "display": "Closed"], "tags": [["k": 1]]], at: .root)
        #expect(fine.difference == nil)
        #expect(fine.additions.map(\.path.description) == ["$.status.color", "$.tags[0].x"])
        let wrong = ContractMatch.compare(actual, expected: ["status": ["key": true, "display": "Closed"]], at: .root)
        #expect(wrong.difference?.path.description == "$.status.key")
        #expect(wrong.difference?.actual == .integer(1))
        let missing = ContractMatch.compare(actual, expected: ["status": ["label": "x"]], at: .root)
        #expect(missing.difference?.path.description == "$.status.label")
        #expect(missing.difference?.actual == nil)
        #expect(ContractMatch.compare(["a": [1, 2]], expected: ["a": [1]], at: .root).difference?.path.description == "$.a")
        #expect(ContractMatch.compare(1.0, expected: 1, at: .root).difference == nil)
    }

    @Test func valuesPassUnderAdditiveDriftAndNameTheDifferingMember() async throws {
        let spec = """
        spec: 1
        name: Values
        endpoint: GET /x
        cases:
          - name: reads
            request: { method: GET, path: /x }
            expect:
              values: { $.status: { key: 1, display: Closed } }
        """
        let added = ScriptedTransport { _ throws(TransportError) in response(200, #"{"status":{"key":1,"display":"Closed","colour":"red"}}"#) }
        let pass = try await run(["v.yaml": spec], transport: added)
        #expect(pass.cases.first?.status == .passed)
        #expect(pass.cases.first?.drift == [DriftRecord(kind: .field, location: "$.status.colour", type: "string")])
        let changed = ScriptedTransport { _ throws(TransportError) in response(200, #"{"status":{"key":"1","display":"Closed"}}"#) }
        let fail = try await run(["v.yaml": spec], transport: changed)
        #expect(fail.cases.first?.diagnostics.first?.message == #"$.status.key: expected integer 1, actual string "1""#)
    }

    /// `values` compare numbers exactly: a 30-digit identifier one off is a difference, and two
    /// numbers too large to compare are reported as such rather than silently as different.
    @Test func valuesCompareLongNumbersExactly() async throws {
        let spec = """
        spec: 1
        name: Values
        endpoint: GET /x
        cases:
          - name: reads
            request: { method: GET, path: /x }
            expect:
              values: { $.id: 123456789012345678901234567890, $.huge: 1e999999999999999999999 }
        """
        let same = ScriptedTransport { _ throws(TransportError) in
            response(200, #"{"id":123456789012345678901234567890.0,"huge":1e999999999999999999999}"#)
        }
        #expect(try await run(["v.yaml": spec], transport: same).cases.first?.status == .passed)
        let offByOne = ScriptedTransport { _ throws(TransportError) in
            response(200, #"{"id":123456789012345678901234567891,"huge":1e999999999999999999999}"#)
        }
        let fail = try await run(["v.yaml": spec], transport: offByOne)
        #expect(fail.cases.first?.diagnostics.map(\.message)
            == ["$.id: expected integer 123456789012345678901234567890, actual integer 123456789012345678901234567891"])
        let incomparable = ScriptedTransport { _ throws(TransportError) in
            response(200, #"{"id":123456789012345678901234567890,"huge":2e999999999999999999999}"#)
        }
        let unknown = try await run(["v.yaml": spec], transport: incomparable)
        #expect(unknown.cases.first?.diagnostics.first?.message.contains("number too large to compare exactly") == true,
            "\(unknown.cases.first?.diagnostics.map(\.message) ?? [])")
    }
}
