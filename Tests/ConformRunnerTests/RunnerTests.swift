import Foundation
import Testing
import ConformHTTP
import ConformShape
import ConformSpec
import ConformTestSupport
@testable import ConformRunner

/// An executor that counts the jobs it is given and runs them on the global pool.
final class CountingExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var jobs: Int { lock.withLock { count } }

    func enqueue(_ job: consuming ExecutorJob) {
        lock.withLock { count += 1 }
        globalConcurrentExecutor.enqueue(job)
    }
}

/// ``ScriptedTransport`` with an executor of its own, as `HTTPClient` has its thread.
final class ScriptedTransportWithExecutor: HTTPTransport, @unchecked Sendable {
    let scripted: ScriptedTransport
    let executor = CountingExecutor()
    init(_ scripted: ScriptedTransport) { self.scripted = scripted }
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse { try await scripted.send(request) }
    var preferredExecutor: (any TaskExecutor)? { executor }
}

/// A transport that answers from a closure and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    let answer: @Sendable (HTTPRequest) throws(TransportError) -> HTTPResponse

    init(_ answer: @escaping @Sendable (HTTPRequest) throws(TransportError) -> HTTPResponse) { self.answer = answer }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return try answer(request)
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }
}

func response(_ status: Int, _ body: String = "", headers: HTTPHeaders = ["Content-Type": "application/json"]) -> HTTPResponse {
    HTTPResponse(status: status, reasonPhrase: "", headers: headers, body: Array(body.utf8), version: .http1_1,
                 timings: HTTPTimings(nameLookup: .zero, connect: .zero, tlsHandshake: .zero, firstByte: .zero, total: .zero),
                 connectionsOpened: 0, remoteAddress: nil, remotePort: nil)
}

/// Loads spec YAML from a temporary folder and runs it against a transport.
func run(_ files: [String: String], transport: any HTTPTransport, configure: (inout RunConfiguration) -> Void = { _ in })
    async throws -> RunResult
{
    let folder = try TemporaryFolder("runner")
    defer { folder.remove() }
    for (name, text) in files { try folder.write(name, text) }
    var configuration = RunConfiguration(baseURL: "http://127.0.0.1:1/api/v4/533bda53027894f69b001055/",
                                         credentials: .namedToken("tok-secret-123"))
    configure(&configuration)
    let specs = try SpecLoader(knownVariables: Set(configuration.variables.keys), environment: [:]).load(paths: [folder.path])
    let shapes = try ShapeLibrary.compile(specs)
    return await Runner(configuration: configuration, transport: transport, shapes: shapes).run(specs)
}

let createReadDelete = """
spec: 1
name: Create, read, delete
endpoint: POST /objects/{model}.json
vars: { model: task }
cases:
  - name: creates
    request: { method: POST, path: "/objects/${model}.json", json: { task: { name: "A", status: 1 } } }
    expect:
      status: 200
      shape:
        type: object
        required: [id, name]
        properties: { id: { type: string, format: uuid }, name: { type: string } }
    capture: { task_id: $.id }
  - name: reads
    request: { method: GET, path: "/objects/task/${task_id}.json" }
    expect:
      status: 200
      values: { $.id: "${task_id}", $.status.key: 1 }
teardown:
  - request: { method: DELETE, path: "/objects/task/${task_id}.json" }
    expect: { status: 200 }
"""

@Suite struct RunnerTests {
    static let id = "3c18fdc0-b02e-11e4-827d-001e6733fe3c"

    /// Answers `createReadDelete`: the created task, then it read back, then an empty 200.
    static func crudServer() -> ScriptedTransport {
        ScriptedTransport { request throws(TransportError) in
            switch request.method.rawValue {
            case "POST": response(200, #"{"id":"\#(Self.id)","name":"A","created_by":"x"}"#)
            case "GET": response(200, #"{"id":"\#(Self.id)","status":{"key":1,"display":"Closed"}}"#)
            default: response(200)
            }
        }
    }

    @Test func capturesFlowIntoLaterCasesAndTeardown() async throws {
        let transport = Self.crudServer()
        let result = try await run(["crud.yaml": createReadDelete], transport: transport)
        #expect(result.cases.map(\.status) == [.passed, .passed])
        #expect(result.exitCode == 0)
        let urls = transport.requests.map { "\($0.method) \($0.url)" }
        #expect(urls == [
            "POST http://127.0.0.1:1/api/v4/533bda53027894f69b001055/objects/task.json",
            "GET http://127.0.0.1:1/api/v4/533bda53027894f69b001055/objects/task/\(Self.id).json",
            "DELETE http://127.0.0.1:1/api/v4/533bda53027894f69b001055/objects/task/\(Self.id).json",
        ])
        let post = transport.requests[0]
        #expect(post.headers["Authorization"] == "Bearer O:tok-secret-123")
        #expect(post.headers["Content-Type"] == "application/json")
        #expect(String(decoding: post.body ?? [], as: UTF8.self) == #"{"task":{"name":"A","status":1}}"#)
        #expect(result.cases[0].drift == [DriftRecord(kind: .field, location: "$.created_by", type: "string")])
    }

    /// The cases run where the transport prefers (HTTPClient: its own thread), with the same
    /// outcome as on the pool.
    @Test func casesRunOnTheTransportsPreferredExecutor() async throws {
        let scripted = Self.crudServer()
        let transport = ScriptedTransportWithExecutor(scripted)
        let result = try await run(["crud.yaml": createReadDelete, "again.yaml": createReadDelete], transport: transport)
        #expect(result.cases.map(\.status) == [.passed, .passed, .passed, .passed])
        #expect(scripted.requests.count == 6)
        #expect(transport.executor.jobs > 0)
    }

    /// A body above `ResponseChecker.inlineBodyLimit` is checked on the global pool, away from
    /// the transport's executor: with the same verdict, path and capture as a small one.
    @Test(arguments: [10, 4_000])
    func bodiesOfAnySizeGetTheSameVerdict(items: Int) async throws {
        let spec = """
        spec: 1
        name: Pages
        endpoint: GET /objects/{model}.json
        cases:
          - name: lists
            request: { method: GET, path: /objects/task.json }
            expect:
              status: 200
              shape: { type: object, properties: { objects: { type: array, items: { type: object, properties: { n: { type: integer } } } } } }
            capture: { last: "$.objects[\(items - 2)].n" }
          - name: uses the capture
            request: { method: GET, path: "/objects/task/${last}.json" }
            expect: { status: 200 }
        """
        let objects = (0..<items).map { $0 == items - 1 ? #"{"n":"oops"}"# : #"{"n":\#($0)}"# }
        let body = #"{"objects":["# + objects.joined(separator: ",") + "]}"
        #expect((body.utf8.count > ResponseChecker.inlineBodyLimit) == (items > 10))
        let scripted = ScriptedTransport { _ throws(TransportError) in response(200, body) }
        let transport = ScriptedTransportWithExecutor(scripted)
        let result = try await run(["pages.yaml": spec], transport: transport)
        #expect(result.cases.map(\.status) == [.failed, .passed])
        let mismatch = try #require(result.cases[0].diagnostics.first)
        guard case .shapeMismatch(let path, _, let expected, _) = mismatch.kind else { Issue.record("\(mismatch)"); return }
        #expect(path == "$.objects[\(items - 1)].n")
        #expect(expected == "integer")
        #expect(scripted.requests.last?.url.hasSuffix("/objects/task/\(items - 2).json") == true)
    }

    /// A body above the limit is checked on the global executor and the case then comes back
    /// (a job for the preferred executor); a small body is checked in place (no job).
    @Test func onlyLargeBodiesLeaveThePreferredExecutor() async throws {
        let executor = CountingExecutor()
        let checker = ResponseChecker(expectation: Expectation(), shape: nil, shapes: CompiledShapes(), rejectUnknown: false,
                                      stepLocation: SourceLocation(file: "x.yaml", line: 1, column: 1))
        let scope = VariableScope(values: [:], environment: [:], targetFacts: [:])
        func jobs(checkingABodyOf size: Int) async -> Int {
            await Task(executorPreference: executor) {
                let before = executor.jobs
                _ = await checker.checkAwayFromIOWhenLarge(response(200, String(repeating: " ", count: size)), scope: scope)
                return executor.jobs - before
            }.value
        }
        #expect(await jobs(checkingABodyOf: ResponseChecker.inlineBodyLimit) == 0)
        #expect(await jobs(checkingABodyOf: ResponseChecker.inlineBodyLimit + 1) >= 1)
    }

    @Test func teardownRunsWhenACaseFailsAndFailuresNameThePath() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            switch request.method.rawValue {
            case "POST": response(200, #"{"id":"\#(Self.id)","name":5}"#)
            case "GET": response(200, #"{"id":"\#(Self.id)","status":1}"#)
            default: response(500)
            }
        }
        let result = try await run(["crud.yaml": createReadDelete], transport: transport)
        #expect(result.cases.map(\.status) == [.failed, .failed])
        #expect(result.exitCode == 1)
        let shape = try #require(result.cases[0].diagnostics.first)
        guard case .shapeMismatch(let path, _, let expected, let actual) = shape.kind else { Issue.record("\(shape)"); return }
        #expect(path == "$.name")
        #expect(expected == "string")
        #expect(actual.contains("5"))
        #expect(result.cases[1].diagnostics.map(\.message) == ["$.status.key: expected integer 1, actual missing"])
        #expect(transport.requests.last?.method == .delete)
        #expect(result.specs[0].teardownProblems.map(\.message) == ["status: expected 200, actual 500"])
        #expect(result.cases[0].transcript?.request.contains("Authorization: [REDACTED]") == true)
        #expect(result.cases[0].transcript?.request.contains("tok-secret-123") == false)
    }

    @Test func aCaseWhoseCaptureNeverHappenedIsSkippedAndTeardownToo() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(422, #"{"type":"INVALID_VALUE","detail":"bad"}"#) }
        let result = try await run(["crud.yaml": createReadDelete], transport: transport)
        #expect(result.cases.map(\.status) == [.failed, .skipped])
        #expect(result.cases[0].diagnostics.first?.message == "status: expected 200, actual 422 (INVALID_VALUE: bad)")
        #expect(result.cases[1].diagnostics.first?.message == "not run: `${task_id}` has no value because the case \"creates\" did not capture it")
        #expect(transport.requests.count == 1)
    }

    @Test func transportErrorsAreErrorsNotFailures() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: .connectionRefused, method: request.method.rawValue, url: request.url, code: 7,
                                 codeName: "CURLE_COULDNT_CONNECT", summary: "Couldn't connect to server")
        }
        let result = try await run(["crud.yaml": createReadDelete], transport: transport)
        #expect(result.cases.first?.status == .error)
        #expect(result.exitCode == 3)
    }

    @Test func strictUnknownTurnsDriftIntoFailures() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            request.method == .post ? response(200, #"{"id":"\#(Self.id)","name":"A","extra":true}"#)
                : response(200, #"{"id":"\#(Self.id)","status":{"key":1,"display":"Open"}}"#)
        }
        let result = try await run(["crud.yaml": createReadDelete.replacingOccurrences(of: "$.status.key: 1", with: "$.status: { key: 1 }")],
                                   transport: transport) { $0.strictUnknown = true }
        // What `values` tolerates as drift (a member beyond the expected object) fails too.
        #expect(result.cases[1].status == .failed)
        #expect(result.cases[1].diagnostics.map(\.message) == [
            "unknown field `$.status.display` (string): unknown fields and headers are rejected (--strict-unknown or `unknown: reject`)"])
        #expect(result.cases[1].drift.isEmpty)
        #expect(result.cases[0].status == .failed)
        #expect(result.cases[0].diagnostics.first?.kind == .shapeMismatch(path: "$.extra", keyword: "unknown",
                                                                             expected: result.cases[0].diagnostics.first.map {
                                                                                 if case .shapeMismatch(_, _, let e, _) = $0.kind { e } else { "" }
                                                                             } ?? "", actual: "boolean"))
    }

    @Test func betaCasesReportButDoNotGate() async throws {
        let spec = """
        spec: 1
        name: Beta
        endpoint: GET /info.json
        stability: beta
        cases:
          - name: info
            request: { method: GET, path: /info.json }
            expect: { status: 200 }
        """
        let transport = ScriptedTransport { _ throws(TransportError) in response(404) }
        let lenient = try await run(["beta.yaml": spec], transport: transport)
        #expect(lenient.cases[0].status == .failed)
        #expect(lenient.exitCode == 0)
        let strict = try await run(["beta.yaml": spec], transport: transport) { $0.failOnBeta = true }
        #expect(strict.exitCode == 1)
    }

    @Test func concurrentFilesKeepTheirOwnCapturesAndReportInOrder() async throws {
        var files: [String: String] = [:]
        for index in 0..<12 {
            files[String(format: "f%02d.yaml", index)] = """
            spec: 1
            name: File \(index)
            endpoint: GET /echo
            cases:
              - name: captures
                request: { method: GET, path: "/echo/\(index)" }
                capture: { mine: $.value }
              - name: uses
                request: { method: GET, path: "/check/\(index)/${mine}" }
                expect: { status: 200 }
            """
        }
        let transport = ScriptedTransport { request throws(TransportError) in
            let parts = request.url.split(separator: "/")
            if parts.contains("echo") { return response(200, #"{"value":"\#(parts.last!)"}"#) }
            // /check/<n>/<captured>: the capture must be this file's own value.
            return response(parts[parts.count - 2] == parts[parts.count - 1] ? 200 : 409)
        }
        let finished = OrderRecorder()
        let folder = try TemporaryFolder("order")
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        var configuration = RunConfiguration(baseURL: "http://127.0.0.1:1")
        configuration.concurrency = 5
        let specs = try SpecLoader(environment: [:]).load(paths: [folder.path])
        let result = await Runner(configuration: configuration, transport: transport, shapes: CompiledShapes())
            .run(specs) { finished.append($0.name) }
        #expect(result.cases.allSatisfy { $0.status == .passed })
        #expect(result.specs.map(\.name) == (0..<12).map { "File \($0)" })
        #expect(finished.names == (0..<12).map { "File \($0)" })
    }

    @Test func formBodiesUseRailsBrackets() {
        let value: JSONValue = ["task": ["name": "My First Task", "status": 1, "tags": ["a", "b"], "note": nil]]
        #expect(FormEncoding.encode(value) == "task[name]=My%20First%20Task&task[status]=1&task[tags][]=a&task[tags][]=b&task[note]=")
    }

    @Test func bracketsInValuesAreEncodedOnlyNamesKeepThem() {
        // Both brackets, not only the closing one: a value's `[` left bare would start a new
        // name level for the server's form parser.
        let value: JSONValue = ["q": "[a]", "list[x]": "]["]
        #expect(FormEncoding.encode(value) == "q=%5Ba%5D&list[x]=%5D%5B")
    }

    @Test func targetFactsComeFromTheBaseURL() {
        let facts = VariableScope.facts(forBaseURL: "https://h.example:8443/api/v4/533bda53027894f69b001055")
        #expect(facts["origin"] == "https://h.example:8443")
        #expect(facts["deployment_id"] == "533bda53027894f69b001055")
        #expect(facts["path"] == "/api/v4/533bda53027894f69b001055")
    }
}

final class OrderRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    func append(_ name: String) { lock.withLock { recorded.append(name) } }
    var names: [String] { lock.withLock { recorded } }
}

@Suite struct SelectionTests {
    @Test func tagExpressionsIncludeExcludeAndCombine() throws {
        var selection = Selection()
        selection.tagExpressions = [try Selection.parseTags("read,write"), try Selection.parseTags("!slow")]
        #expect(selection.includes(tags: ["read"]))
        #expect(selection.includes(tags: ["write", "objects"]))
        #expect(!selection.includes(tags: ["read", "slow"]))
        #expect(!selection.includes(tags: ["objects"]))
        #expect(throws: Selection.ParseError.self) { try Selection.parseTags(",") }
    }

    @Test func shardsAreDisjointAndCoverEveryFile() throws {
        #expect(try Selection.parseShard("2/4") == (2, 4))
        #expect(throws: Selection.ParseError.self) { try Selection.parseShard("5/4") }
        #expect(throws: Selection.ParseError.self) { try Selection.parseShard("0/4") }
        let folder = try TemporaryFolder("shard")
        defer { folder.remove() }
        for index in 0..<7 {
            // s1, s3 and s5 share a group: they must land in one shard together.
            let group = index % 2 == 1 && index < 6 ? "group: shared\n" : ""
            try folder.write("s\(index).yaml", "spec: 1\nname: S\(index)\nendpoint: GET /x\n\(group)cases:\n  - name: c\n    request: { method: GET, path: /x }\n")
        }
        let specs = try SpecLoader(environment: [:]).load(paths: [folder.path])
        var seen: [String] = []
        var shardsHoldingTheGroup = 0
        for index in 1...3 {
            var selection = Selection()
            selection.shard = (index, 3)
            let names = selection.files(specs).map(\.name)
            #expect(names == names.sorted(), "path order within a shard")
            let grouped = names.filter { ["S1", "S3", "S5"].contains($0) }
            if !grouped.isEmpty {
                shardsHoldingTheGroup += 1
                #expect(grouped == ["S1", "S3", "S5"])
            }
            seen += names
        }
        #expect(shardsHoldingTheGroup == 1)
        #expect(seen.sorted() == specs.map(\.name).sorted())
        #expect(Set(seen).count == specs.count)
    }

    @Test func filteredCasesAreSkippedNotSent() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(200, #"{"id":"x"}"#) }
        let spec = """
        spec: 1
        name: Tagged
        endpoint: GET /x
        cases:
          - name: smoke case
            tags: [smoke]
            request: { method: GET, path: /a }
          - name: slow case
            tags: [slow]
            request: { method: GET, path: /b }
        """
        let result = try await run(["t.yaml": spec], transport: transport) {
            $0.selection.tagExpressions = [[.include("smoke")]]
        }
        #expect(result.cases.map(\.status) == [.passed, .skipped])
        #expect(result.cases[1].diagnostics.first?.message == "not run: deselected by --tags")
        #expect(transport.requests.map(\.url).allSatisfy { $0.hasSuffix("/a") })
    }
}
