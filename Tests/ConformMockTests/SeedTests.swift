import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// Seed files (`conform mock --seed`) and reproducible deployments.
@Suite struct SeedTests {
    static let home = "71fafc16-ba4f-11e3-8de0-001e6733fe3c"
    static let seedText = """
        {
          "category": [ { "id": "\(home)", "name": "Home" }, { "name": "Work" } ],
          "task": [
            { "name": "Wash Dishes", "status": 0, "category_id": "\(home)", "due_on": "2016-02-27" },
            { "name": "Do Laundry", "status": 1, "priority": "high" }
          ],
          "user": [ { "id": "c8c8c4f8-5013-11e7-a8c7-04017e679e01", "name": "Lena From The Seed" } ]
        }
        """

    static func seed(_ text: String = seedText) throws -> MockSeed {
        try MockSeed.parse(json: Array(text.utf8), file: "seed.json", dataModel: .shipped)
    }

    static func deployment(seed: MockSeed?, clock: MockClock = .fixed(1_423_124_221)) throws -> MockDeployment {
        MockDeployment(configuration: try MockConfiguration(clock: clock, idGenerator: .seeded(7), seed: seed))
    }

    static func get(_ deployment: MockDeployment, _ target: String) -> MockResponse {
        deployment.respond(to: MockRequest(
            method: "GET", target: "/api/v4/\(MockConfiguration.defaultDeploymentID)/\(target)",
            headers: ["Host": "mock.test", "Authorization": "Bearer O:" + MockConfiguration.defaultToken]))
    }

    @Test func seededObjectsAreThereInFileOrder() throws {
        let deployment = try Self.deployment(seed: try Self.seed())
        let tasks = try #require(Self.get(deployment, "objects/task.json").json)
        #expect(tasks["total"] == 2)
        #expect(tasks["objects"]?[0]?["display"] == "Wash Dishes")
        #expect(tasks["objects"]?[0]?["category_id"] == .string(Self.home))
        #expect(tasks["objects"]?[1]?["priority"] == ["key": "high", "display": "High"])
        #expect(Self.get(deployment, "objects/category/\(Self.home).json").json?["name"] == "Home")
        // The seed's user replaces the seeded user with the same ID; the other two remain.
        let users = try #require(Self.get(deployment, "objects/user.json").json?["objects"]?.arrayValue)
        #expect(users.compactMap { $0["name"]?.stringValue } == ["Sara Heandy", "Thandi Nkosi", "Lena From The Seed"])
        #expect(Self.get(deployment, "users").json?["total"] == 3)
        // Seeds are creates in the oplog, after the seeded users.
        let operations = Self.get(deployment, "oplog.json").json?["entries"]?.arrayValue
        #expect(operations?.count == 2 + 5)
        #expect(operations?.allSatisfy { $0["operation"] == "create" } == true)
    }

    /// The same seed, seeded IDs and fixed clock answer byte for byte the same.
    @Test func seededDeploymentsAreReproducible() throws {
        let first = try Self.deployment(seed: try Self.seed())
        let second = try Self.deployment(seed: try Self.seed())
        for target in ["objects/task.json", "objects/category.json", "oplog.json", "users", "datamodel.json", "info.json", "indexes.json"] {
            let a = Self.get(first, target), b = Self.get(second, target)
            #expect(a.status == 200, "\(target)")
            #expect(a == b, "\(target)")
        }
        let write = MockRequest(
            method: "POST", target: "/api/v4/\(MockConfiguration.defaultDeploymentID)/objects/task.json",
            headers: ["Authorization": "Bearer O:" + MockConfiguration.defaultToken, "Content-Type": "application/json"],
            body: Array(#"{"task": {"name": "After"}}"#.utf8))
        #expect(first.respond(to: write) == second.respond(to: write))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let path: String
        let message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "not JSON", json: "{", path: "$", message: "not valid JSON"),
        Refusal(name: "not an object", json: "[]", path: "$", message: "expected an object keyed by model name, got array"),
        Refusal(name: "unknown model", json: #"{"ghost": []}"#, path: "$.ghost", message: "no model 'ghost' in the data model"),
        Refusal(name: "not an array", json: #"{"task": {}}"#, path: "$.task", message: "expected an array of objects, got object"),
        Refusal(name: "record not an object", json: #"{"task": [1]}"#, path: "$.task[0]", message: "expected an object of field values, got integer"),
        Refusal(name: "invalid option", json: #"{"task": [{}, {"status": 7}]}"#, path: "$.task[1]", message: "Invalid option 7 for field 'status'."),
        Refusal(name: "unknown field", json: #"{"task": [{"nmae": "x"}]}"#, path: "$.task[0]", message: "Unknown field 'nmae' for model 'task'."),
        Refusal(name: "bad date", json: #"{"task": [{"due_on": "soon"}]}"#, path: "$.task[0]", message: "for field 'due_on'"),
        Refusal(name: "upper-case id", json: #"{"task": [{"id": "550E8400-E29B-41D4-A716-446655440000"}]}"#, path: "$.task[0]", message: "lowercase UUIDs"),
        Refusal(name: "duplicate id", json: #"{"task": [{"id": "550e8400-e29b-41d4-a716-446655440000"}, {"id": "550e8400-e29b-41d4-a716-446655440000"}]}"#,
                path: "$.task[1].id", message: "used twice"),
        Refusal(name: "bad upload", json: #"{"all_types": [{"photo": {"base64": "!!", "filename": "a.jpg"}}]}"#, path: "$.all_types[0]", message: "Invalid base64"),
    ]

    @Test(arguments: refusals)
    func refusesWithThePath(_ refusal: Refusal) throws {
        let error = try #require(throws: MockSeedError.self) { try Self.seed(refusal.json) }
        let issue = try #require(error.issues.first)
        #expect(issue.path == refusal.path)
        #expect(issue.message.contains(refusal.message), "\(issue.message)")
        #expect(error.description.hasPrefix("seed.json: error: \(refusal.path): "))
    }

    @Test func reportsEveryProblem() throws {
        let error = try #require(throws: MockSeedError.self) { try Self.seed(#"{"ghost": [], "task": [{"status": 9}, 3]}"#) }
        #expect(error.issues.map(\.path) == ["$.ghost", "$.task[0]", "$.task[1]"])
    }

    @Test func clockStartingAtParsesISOTimes() {
        #expect(MockClock.starting(at: "2015-02-05T08:17:01Z") == .fixed(1_423_124_221))
        #expect(MockClock.starting(at: "2015-02-05T08:17:01Z", step: 2) == .stepping(start: 1_423_124_221, step: 2))
        #expect(MockClock.starting(at: "yesterday") == nil)
    }
}
