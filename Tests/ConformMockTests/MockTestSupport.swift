import ConformShape
import ConformDataModel
@testable import ConformMock

/// A deployment with reproducible IDs and times, and short ways to talk to it in-process.
struct TestDeployment {
    static let id = MockConfiguration.defaultDeploymentID
    static let password = MockConfiguration.defaultPassword
    static let token = MockConfiguration.defaultToken
    /// 2015-02-05T08:17:01Z, the docs' first example time; every reading steps one second.
    static let start: Int64 = 1_423_124_221

    let deployment: MockDeployment

    /// Seeded users are off unless asked for, so oplog sequences and user-model lists start empty.
    init(
        dataModel: DataModel = .shipped, clock: MockClock = .stepping(start: TestDeployment.start, step: 1),
        seedUsers: Bool = false, profiles: MockProfileSet = .faithful
    ) {
        // The defaults are valid by construction; a failure here is a test-setup bug.
        let configuration = try! MockConfiguration(
            dataModel: dataModel, clock: clock, idGenerator: .seeded(42), seedUsers: seedUsers, profiles: profiles)
        deployment = MockDeployment(configuration: configuration)
    }

    /// How a request authenticates.
    enum Auth {
        case basic(user: String, password: String)
        case bearer(String)
        case header(String)
        case none

        static let valid = Auth.bearer("O:" + TestDeployment.token)
    }

    static func basicHeader(_ user: String, _ password: String) -> String {
        "Basic " + Base64.encode(Array("\(user):\(password)".utf8))
    }

    /// Sends a request to `/api/v4/{id}/<path>` (or to `path` itself when it starts with `/`).
    @discardableResult
    func send(
        _ method: String, _ path: String, json: JSONValue? = nil, form: String? = nil, body: [UInt8]? = nil,
        contentType: String? = nil, auth: Auth = .valid, headers extra: MockHeaders = [:]
    ) -> MockResponse {
        var headers = extra
        headers.add("Host", "mock.test")
        switch auth {
        case .basic(let user, let password): headers.add("Authorization", Self.basicHeader(user, password))
        case .bearer(let value): headers.add("Authorization", "Bearer " + value)
        case .header(let value): headers.add("Authorization", value)
        case .none: break
        }
        var bytes: [UInt8] = body ?? []
        if let json {
            bytes = json.compactBytes
            headers.add("Content-Type", contentType ?? "application/json")
        } else if let form {
            bytes = Array(form.utf8)
            if let contentType { headers.add("Content-Type", contentType) }
        } else if let contentType {
            headers.add("Content-Type", contentType)
        }
        let target = path.hasPrefix("/") ? path : "/api/v4/\(Self.id)/\(path)"
        return deployment.respond(to: MockRequest(method: method, target: target, headers: headers, body: bytes))
    }

    /// Creates an object through the API and returns its JSON (or the error body).
    @discardableResult
    func create(_ model: String, _ attributes: JSONValue) -> JSONValue {
        send("POST", "objects/\(model).json", json: [model: attributes]).json ?? .null
    }
}

extension MockResponse {
    /// The error envelope's `type`, if this is an error.
    var errorType: String? { json?["type"]?.stringValue }
    var detail: String? { json?["detail"]?.stringValue }
}
