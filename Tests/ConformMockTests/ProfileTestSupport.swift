import ConformShape
@testable import ConformMock

/// Two deployments set up alike (same seeded IDs, same stepping clock, seeded users), one
/// faithful and one under profiles. They get the same requests in the same order, so their
/// stores stay identical and whatever differs between their answers is what the profiles did.
struct Twin {
    let faithful: TestDeployment
    let profiled: TestDeployment
    /// The task the scenario created: status, priority and category set.
    let task: String
    /// A second task, for the DELETE sample.
    let doomed: String

    /// Sets up both faithfully, then switches the profiled one to `profiles`.
    init(_ profiles: [String]) throws {
        faithful = TestDeployment(seedUsers: true)
        profiled = TestDeployment(seedUsers: true)
        var ids: [String] = []
        for deployment in [faithful, profiled] {
            let category = deployment.create("category", ["name": "Kitchen"])["id"] ?? .null
            let task = deployment.create("task", ["name": "Wash dishes", "status": 1, "priority": "high", "category_id": category])
            let doomed = deployment.create("task", ["name": "Short-lived"])
            ids = [task["id"]?.stringValue ?? "", doomed["id"]?.stringValue ?? ""]
        }
        task = ids[0]
        doomed = ids[1]
        try profiled.deployment.setProfiles(parsing: profiles)
    }

    /// Sends the request to both.
    func send(_ request: SampleRequest) -> (faithful: MockResponse, profiled: MockResponse) {
        (request.send(to: faithful), request.send(to: profiled))
    }

    /// The sample request for an endpoint, with this twin's object IDs.
    func sample(_ endpoint: MockEndpoint, auth: TestDeployment.Auth = .valid) -> SampleRequest {
        SampleRequest.sample(for: endpoint, task: task, doomed: doomed, auth: auth)
    }
}

/// One request, sendable to any test deployment.
struct SampleRequest: CustomStringConvertible {
    var method: String
    var path: String
    var json: JSONValue?
    var form: String?
    var auth: TestDeployment.Auth = .valid

    var description: String { "\(method) \(path)" }

    func send(to deployment: TestDeployment) -> MockResponse {
        deployment.send(method, path, json: json, form: form, contentType: form == nil ? nil : "application/x-www-form-urlencoded", auth: auth)
    }

    static let lena = "c8c8c4f8-5013-11e7-a8c7-04017e679e01"
    static let lenasSession = "9469407e-8417-11e7-825d-040151508301"

    /// A request that gets a typical answer from `endpoint` (a success wherever the endpoint
    /// has one), in a store the ``Twin`` scenario set up.
    static func sample(for endpoint: MockEndpoint, task: String, doomed: String, auth: TestDeployment.Auth = .valid) -> SampleRequest {
        let user = "users/\(lena)"
        let session = "\(user)/sessions/\(lenasSession)"
        var request: SampleRequest
        switch endpoint.description {
        case "GET /objects/{model}.json": request = SampleRequest(method: "GET", path: "objects/task.json")
        case "POST /objects/{model}/search.json": request = SampleRequest(method: "POST", path: "objects/task/search.json", form: "query=wash")
        case "POST /objects/{model}/query.json":
            request = SampleRequest(method: "POST", path: "objects/task/query.json", json: ["expression": "name = ?", "arguments": ["Wash dishes"]])
        case "GET /objects/{model}/count.json": request = SampleRequest(method: "GET", path: "objects/task/count.json")
        case "GET /objects/{model}/changes.json": request = SampleRequest(method: "GET", path: "objects/task/changes.json")
        case "POST /objects/{model}.json":
            request = SampleRequest(method: "POST", path: "objects/task.json", json: ["task": ["name": "New", "status": 0, "priority": "low"]])
        case "GET /objects/{model}/{id}.json": request = SampleRequest(method: "GET", path: "objects/task/\(task).json")
        case "PATCH /objects/{model}/{id}.json":
            request = SampleRequest(method: "PATCH", path: "objects/task/\(task).json", json: ["task": ["name": "Patched"]])
        case "PUT /objects/{model}/{id}.json":
            request = SampleRequest(method: "PUT", path: "objects/task/\(task).json", json: ["task": ["name": "Put", "status": 0, "priority": "normal"]])
        case "DELETE /objects/{model}/{id}.json": request = SampleRequest(method: "DELETE", path: "objects/task/\(doomed).json")
        case "POST /batch.json":
            request = SampleRequest(method: "POST", path: "batch.json", json: ["operations": [
                ["method": "post", "object": ["type": "task", "name": "Batched", "status": 1]],
                ["method": "delete", "object": ["type": "task", "id": "00000000-0000-4000-8000-000000000000"]],
            ]])
        case "GET /oplog.json": request = SampleRequest(method: "GET", path: "oplog.json")
        case "GET /datamodel.json": request = SampleRequest(method: "GET", path: "datamodel.json")
        case "GET /datamodel.xml": request = SampleRequest(method: "GET", path: "datamodel.xml")
        case "GET /info.json": request = SampleRequest(method: "GET", path: "info.json")
        case "GET /indexes.json": request = SampleRequest(method: "GET", path: "indexes.json")
        case "GET /users": request = SampleRequest(method: "GET", path: "users")
        case "GET /users/{user-id}": request = SampleRequest(method: "GET", path: user)
        case "GET /users/{user-id}/sessions/{session-id}": request = SampleRequest(method: "GET", path: session)
        case "POST /users/{user-id}/lock": request = SampleRequest(method: "POST", path: "\(user)/lock")
        case "POST /users/{user-id}/unlock": request = SampleRequest(method: "POST", path: "\(user)/unlock")
        case "POST /users/{user-id}/sessions/{session-id}/wipe": request = SampleRequest(method: "POST", path: "\(session)/wipe")
        case "POST /users/{user-id}/sessions/{session-id}/re-authenticate":
            request = SampleRequest(method: "POST", path: "\(session)/re-authenticate")
        case "POST /users/{user-id}/authentication-token": request = SampleRequest(method: "POST", path: "\(user)/authentication-token")
        default: request = SampleRequest(method: endpoint.method, path: "no-such-endpoint.json")
        }
        request.auth = auth
        return request
    }
}

extension JSONValue {
    /// The value with every member named `name` removed, at any depth.
    func removingMembers(named names: Set<String>) -> JSONValue {
        switch self {
        case .object(let object):
            return .object(JSONObject(object.compactMap { names.contains($0.key) ? nil : ($0.key, $0.value.removingMembers(named: names)) }))
        case .array(let elements): return .array(elements.map { $0.removingMembers(named: names) })
        default: return self
        }
    }

    /// Every JSON object in the value, with its path, depth first.
    func objects(at path: String = "$") -> [(path: String, object: JSONObject)] {
        switch self {
        case .object(let object):
            return [(path, object)] + object.flatMap { $0.value.objects(at: path + "." + $0.key) }
        case .array(let elements):
            return elements.enumerated().flatMap { $0.element.objects(at: path + "[\($0.offset)]") }
        default: return []
        }
    }
}
