import Testing
import ConformShape
@testable import ConformMock

/// Under every profile kind, hostile requests on every route still get an answer: nothing
/// traps, statuses stay valid, deliveries stay consistent.
@Suite struct ProfileRobustnessTests {
    static let everyKindOnce: [String] = ProfileKind.allCases.filter { $0 != .faithful }.map(\.name)
        + ["breaking.field-type-changed=object", "breaking.field-type-changed=number#$.objects[*].status",
           "breaking.list-wrapper-changed=items", "breaking.status-changed=204", "breaking.error-envelope-changed=code",
           "breaking.field-renamed=x#$.entries[*].object.id", "fault.large=1k", "fault.503=0%2"]

    @Test("hostile input under every kind", arguments: everyKindOnce)
    func survives(_ profile: String) throws {
        let mock = TestDeployment(seedUsers: true, profiles: try MockProfileSet(parsing: ["additive", profile]))
        mock.create("task", ["name": "Robust", "status": 1, "priority": "low"])
        for path in RobustnessTests.paths + ["objects/task/changes.json", "no-such-endpoint.json", "/api/v4/000000000000000000000000/users", "//"] {
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] {
                for (index, body) in RobustnessTests.bodies.enumerated() {
                    let query = RobustnessTests.queries[index % RobustnessTests.queries.count]
                    let response = mock.send(method, path + (query.isEmpty ? "" : "?" + query), body: body, contentType: "application/json")
                    #expect((200...599).contains(response.status), "\(profile): \(method) \(path)")
                    switch response.delivery.ending {
                    case .complete: break
                    case .close(let bytes), .reset(let bytes): #expect(bytes < response.body.count + response.delivery.padding)
                    }
                }
            }
        }
    }
}
