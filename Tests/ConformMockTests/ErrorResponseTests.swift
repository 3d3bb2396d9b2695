import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// Every error type the object routes produce, with its status and the JSON envelope.
@Suite struct ErrorResponseTests {
    let mock = TestDeployment()

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let method: String
        let path: String
        var body: String? = nil
        var contentType: String? = "application/json"
        let status: Int
        let type: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown path", method: "GET", path: "nothing/here.json", status: 404, type: "ROUTE_ERROR"),
        Case(name: "unknown model", method: "GET", path: "objects/ghost.json", status: 404, type: "ROUTE_ERROR"),
        Case(name: "unknown model on create", method: "POST", path: "objects/ghost.json", body: "{}", status: 404, type: "ROUTE_ERROR"),
        Case(name: "method not valid for path", method: "POST", path: "objects/task/550e8400-e29b-41d4-a716-446655440000.json", body: "{}", status: 404, type: "ROUTE_ERROR"),
        Case(name: "missing .json suffix", method: "GET", path: "objects/task", status: 404, type: "ROUTE_ERROR"),
        Case(name: "trailing slash", method: "GET", path: "objects/task.json/", status: 404, type: "ROUTE_ERROR"),
        Case(name: "outside /api/v4", method: "GET", path: "/api/v3/objects/task.json", status: 404, type: "ROUTE_ERROR"),
        Case(name: "unknown deployment", method: "GET", path: "/api/v4/000000000000000000000000/objects/task.json", status: 404, type: "ACCOUNT_NOT_FOUND"),
        Case(name: "malformed JSON", method: "POST", path: "objects/task.json", body: "{\"task\": {", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "JSON not an object", method: "POST", path: "objects/task.json", body: "[1]", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "empty JSON body", method: "POST", path: "objects/task.json", body: "", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "not keyed by model", method: "POST", path: "objects/task.json", body: "{\"name\": \"x\"}", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "keyed by another model", method: "POST", path: "objects/task.json", body: "{\"category\": {}}", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "extra top-level key", method: "POST", path: "objects/task.json", body: "{\"task\": {}, \"x\": 1}", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "model value not an object", method: "POST", path: "objects/task.json", body: "{\"task\": \"x\"}", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "unsupported content type", method: "POST", path: "objects/task.json", body: "x", contentType: "text/plain", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "JSON without content type is a form", method: "POST", path: "objects/task.json", body: "{\"task\":{}}", contentType: nil, status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "conflicting form keys", method: "POST", path: "objects/task.json", body: "task[name]=a&task[name][x]=b", contentType: nil, status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "bad %-escape in form", method: "POST", path: "objects/task.json", body: "task[name]=%zz", contentType: nil, status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "non-numeric limit", method: "GET", path: "objects/task.json?limit=ten", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "negative skip", method: "GET", path: "objects/task.json?skip=-1", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "unknown query field", method: "GET", path: "objects/task.json?query[nope]=1", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "bad sort direction", method: "GET", path: "objects/task.json?sort[name]=up", status: 400, type: "INVALID_API_REQUEST"),
        Case(name: "unknown field", method: "POST", path: "objects/task.json", body: "{\"task\": {\"nmae\": \"x\"}}", status: 422, type: "INVALID_VALUE"),
        Case(name: "invalid option", method: "POST", path: "objects/task.json", body: "{\"task\": {\"status\": \"test\"}}", status: 422, type: "INVALID_VALUE"),
    ]

    @Test(arguments: cases)
    func answersWithTheEnvelope(_ testCase: Case) throws {
        let response = mock.send(
            testCase.method, testCase.path, body: testCase.body.map { Array($0.utf8) }, contentType: testCase.contentType)
        #expect(response.status == testCase.status)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        let body = try #require(response.json?.objectValue)
        #expect(body.keys == ["type", "title", "detail", "see"])
        #expect(body["type"] == .string(testCase.type))
        #expect(body["see"] == .string("https://docs.journeyapps.com/api-errors#\(testCase.type)"))
    }

    /// The docs' own example detail (reference §14).
    @Test func invalidOptionDetailMatchesTheDocs() {
        let response = mock.send("POST", "objects/task.json", json: ["task": ["status": "test"]])
        #expect(response.detail == "Invalid option \"test\" for field 'status'.")
        #expect(mock.send("POST", "objects/task.json", json: ["task": ["nmae": "x"]]).detail == "Unknown field 'nmae' for model 'task'.")
    }

    /// The account is checked before credentials: an unknown deployment is 404 even without them.
    @Test func unknownDeploymentComesBeforeAuthentication() {
        let response = mock.send("GET", "/api/v4/111111111111111111111111/objects/task.json", auth: .none)
        #expect(response.errorType == "ACCOUNT_NOT_FOUND")
    }

    /// Credentials are checked before routing under a known deployment.
    @Test func unknownRouteWithoutCredentialsIsAuthenticationFailed() {
        #expect(mock.send("GET", "nothing/here.json", auth: .none).errorType == "AUTHENTICATION_FAILED")
    }

    @Test func everyWriteErrorLeavesTheStoreUnchanged() {
        for testCase in Self.cases where testCase.method == "POST" {
            _ = mock.send(testCase.method, testCase.path, body: testCase.body.map { Array($0.utf8) }, contentType: testCase.contentType)
        }
        #expect(mock.send("GET", "objects/task.json").json?["total"] == 0)
    }
}
