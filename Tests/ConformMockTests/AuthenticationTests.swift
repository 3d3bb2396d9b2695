import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct AuthenticationTests {
    let mock = TestDeployment()
    typealias Auth = TestDeployment.Auth

    static let refused: [(String, Auth)] = [
        ("no credentials", .none),
        ("wrong password", .basic(user: TestDeployment.id, password: "wrong")),
        ("wrong user", .basic(user: "111111111111111111111111", password: TestDeployment.password)),
        ("wrong token", .bearer("O:wrong")),
        ("token without O: prefix", .bearer(TestDeployment.token)),
        ("Token scheme", .header("Token " + TestDeployment.token)),
        ("Basic with garbage", .header("Basic !!!not-base64!!!")),
        ("Basic without colon", .header("Basic " + Base64.encode(Array(TestDeployment.id.utf8)))),
        ("scheme only", .header("Bearer")),
        ("empty header", .header("")),
    ]

    @Test(arguments: refused.map(\.0))
    func refusesWithAJSONEnvelope(_ name: String) throws {
        let auth = try #require(Self.refused.first { $0.0 == name }?.1)
        let response = mock.send("GET", "objects/task.json", auth: auth)
        #expect(response.status == 401)
        #expect(response.errorType == "AUTHENTICATION_FAILED")
        #expect(response.detail == "HTTP Basic: Access denied.")
        #expect(response.headers["WWW-Authenticate"] == "Basic realm=\"Application\"")
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
    }

    @Test func acceptsBasicWithTheDeploymentIDAsUser() {
        let response = mock.send("GET", "objects/task.json", auth: .basic(user: TestDeployment.id, password: TestDeployment.password))
        #expect(response.status == 200)
    }

    @Test func acceptsBearerWithTheOPrefix() {
        #expect(mock.send("GET", "objects/task.json", auth: .bearer("O:" + TestDeployment.token)).status == 200)
        #expect(mock.send("GET", "objects/task.json", auth: .header("bearer O:" + TestDeployment.token)).status == 200)
    }

    @Test func aSchemeSetToNilIsOff() throws {
        let configuration = try MockConfiguration(password: nil, token: "t")
        let deployment = MockDeployment(configuration: configuration)
        let path = "/api/v4/\(TestDeployment.id)/objects/task.json"
        let basic = MockRequest(method: "GET", path: path, headers: ["Authorization": TestDeployment.basicHeader(TestDeployment.id, "")])
        #expect(deployment.respond(to: basic).status == 401)
        let bearer = MockRequest(method: "GET", path: path, headers: ["Authorization": "Bearer O:t"])
        #expect(deployment.respond(to: bearer).status == 200)
    }

    @Test(arguments: ["533BDA53027894F69B001055", "533bda", "", "zzzzzzzzzzzzzzzzzzzzzzzz"])
    func configurationRefusesABadDeploymentID(_ id: String) {
        #expect(throws: MockConfigurationError.invalidDeploymentID(id)) { try MockConfiguration(deploymentID: id) }
    }

    @Test func configurationRefusesEmptyCredentials() {
        #expect(throws: MockConfigurationError.emptyCredential("password")) { try MockConfiguration(password: "") }
        #expect(throws: MockConfigurationError.emptyCredential("token")) { try MockConfiguration(token: "") }
    }
}
