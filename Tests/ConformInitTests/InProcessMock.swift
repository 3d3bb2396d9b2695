import ConformHTTP
import ConformMock
import ConformRunner
import ConformShape
import ConformSpec
import ConformTestSupport
import Foundation
import Testing
@testable import ConformInit
import ConformDataModel

/// The mock deployment behind the runner's transport protocol, in this process: a generated
/// suite runs against it with no socket, no binary and no port.
struct InProcessMock: HTTPTransport {
    /// Loopback, so the runner sends credentials over plain http; nothing listens there.
    static let origin = "http://127.0.0.1:1"
    let deployment: MockDeployment

    init(_ dataModel: DataModel) throws {
        deployment = MockDeployment(configuration: try MockConfiguration(dataModel: dataModel))
    }

    var baseURL: String { Self.origin + deployment.apiPathPrefix }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let target = String(request.url.dropFirst(Self.origin.count))
        var headers = MockHeaders()
        for field in request.headers { headers.add(field.name, field.value) }
        headers.add("Host", "127.0.0.1:1")
        let answer = deployment.respond(to: MockRequest(method: request.method.rawValue, target: target, headers: headers,
                                                        body: request.body ?? []))
        var responseHeaders = HTTPHeaders()
        for field in answer.headers { responseHeaders.append(field.name, field.value) }
        return HTTPResponse(status: answer.status, headers: responseHeaders, body: answer.body)
    }

    /// `GET`, `POST`… one API path (after the deployment prefix) with the default token.
    func call(_ method: String, _ path: String, json: JSONValue? = nil) -> MockResponse {
        var headers: MockHeaders = ["Authorization": "Bearer O:" + MockConfiguration.defaultToken]
        if json != nil { headers.add("Content-Type", "application/json") }
        return deployment.respond(to: MockRequest(method: method, target: deployment.apiPathPrefix + path, headers: headers,
                                                  body: json.map { Array($0.compactText.utf8) } ?? []))
    }

    /// The IDs of every object of every model, to compare before and after a run.
    func objectIDs(_ dataModel: DataModel) throws -> [String: Set<String>] {
        var ids: [String: Set<String>] = [:]
        for model in dataModel.models {
            // A listing that fails must fail the test, not read as "no objects".
            let objects = try #require(call("GET", "/objects/\(model.name).json").json?.objectValue?["objects"]?.arrayValue,
                                       "listing \(model.name)")
            ids[model.name] = Set(objects.compactMap { $0.objectValue?["id"]?.stringValue })
        }
        return ids
    }
}

/// Writes a generated suite to a temporary folder and runs it with the real loader, shape
/// compiler and runner against `mock`.
func runGenerated(_ suite: GeneratedSuite, against mock: InProcessMock, excludingTags: [String] = []) async throws -> RunResult {
    let folder = try TemporaryFolder("init")
    defer { folder.remove() }
    try suite.write(into: folder.path, overwrite: false)
    let specs = try SpecLoader(environment: [:]).load(paths: [folder.path])
    let shapes = try ShapeLibrary.compile(specs)
    var configuration = RunConfiguration(baseURL: mock.baseURL, credentials: .namedToken(MockConfiguration.defaultToken))
    if !excludingTags.isEmpty {
        configuration.selection.tagExpressions = try excludingTags.map { tag throws(Selection.ParseError) in try Selection.parseTags("!" + tag) }
    }
    return await Runner(configuration: configuration, transport: mock, shapes: shapes).run(specs)
}

/// Every failing or erroring case, with its problems, for a readable test failure.
func problems(_ result: RunResult) -> String {
    result.specs.flatMap { spec in
        spec.cases.filter { $0.status == .failed || $0.status == .error }.map { item in
            "\(spec.path): \(item.name):\n  " + item.diagnostics.map(\.description).joined(separator: "\n  ")
        } + spec.teardownProblems.map { "\(spec.path): teardown: \($0.description)" }
    }.joined(separator: "\n")
}

/// Test data models.
enum Models {
    static let fixturePath = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/field-service.xml").path

    /// `Tests/Fixtures/field-service.xml`: every field type, self-reference, a cycle…
    static func fieldService() throws -> DataModel { try DataModel.load(path: fixturePath) }

    static func xml(_ body: String) throws -> DataModel {
        try DataModel.parse(xml: Array("<data-model>\n\(body)\n</data-model>".utf8), file: "test.xml")
    }
}
