import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// `POST batch.json` (reference §11).
@Suite struct BatchTests {
    let mock = TestDeployment()
    static let first = "eacb4836-f1b9-11e1-9750-001cc01904e3"
    static let second = "44218dfe-7c3f-11e2-95e1-0026189d9dc0"
    static let missing = "efa3886d-d9a6-4383-a2c0-c7e28a6c21d0"

    func batch(_ body: JSONValue) -> MockResponse {
        mock.send("POST", "batch.json", json: body)
    }

    func taskCount() -> JSONValue? { mock.send("GET", "objects/task/count.json").json?["count"] }

    /// The docs' example: a put, a failing patch and a failing delete, each with its result.
    @Test func runsInOrderWithOneResultPerOperation() throws {
        let response = batch([
            "operations": [
                ["method": "put", "object": ["type": "task", "id": .string(Self.first), "name": "Test 1"]],
                ["method": "patch", "object": ["type": "task", "id": .string(Self.first), "status": "adsghjsd"]],
                ["method": "delete", "object": ["type": "task", "id": .string(Self.missing)]],
                ["method": "post", "object": ["type": "task", "name": "Created"]],
                ["method": "patch", "object": ["type": "task", "id": .string(Self.first), "status": 1]],
            ],
        ])
        #expect(response.status == 200)
        let body = try #require(response.json)
        #expect(body.objectValue?.keys == ["stop_on_error", "operations"])
        #expect(body["stop_on_error"] == false)
        let results = try #require(body["operations"]?.arrayValue)
        #expect(results.count == 5)
        #expect(results[0] == ["method": "put", "object": ["type": "task", "id": .string(Self.first)], "success": true])
        #expect(results[1]["success"] == false)
        #expect(results[1]["error"]?["type"] == "INVALID_VALUE")
        #expect(results[1]["error"]?["detail"] == "Invalid option \"adsghjsd\" for field 'status'.")
        #expect(results[1]["error"]?.objectValue?.keys == ["type", "title", "detail", "see"])
        #expect(results[2]["error"]?["type"] == "OBJECT_NOT_FOUND")
        #expect(results[2]["error"]?["detail"] == .string("No task found with ID: '\(Self.missing)'"))
        let createdID = try #require(results[3]["object"]?["id"]?.stringValue)
        #expect(UUIDText.isLowercaseUUID(createdID))
        #expect(results[4]["success"] == true)
        let stored = mock.send("GET", "objects/task/\(Self.first).json").json
        #expect(stored?["name"] == "Test 1")
        #expect(stored?["status"] == ["key": 1, "display": "Closed"])
        #expect(mock.send("GET", "objects/task/\(createdID).json").status == 200)
        // Every applied operation is in the oplog, in order.
        let operations = mock.send("GET", "oplog.json").json?["entries"]?.arrayValue?.map { $0["operation"] }
        #expect(operations == ["create", "create", "update"])
    }

    @Test func stopOnErrorSkipsTheRestButAnswersForEach() throws {
        let response = batch([
            "stop_on_error": true,
            "operations": [
                ["method": "post", "object": ["type": "task", "id": .string(Self.first), "name": "One"]],
                ["method": "post", "object": ["type": "task", "id": .string(Self.first), "name": "Again"]],
                ["method": "post", "object": ["type": "task", "id": .string(Self.second), "name": "Two"]],
                ["method": "delete", "object": ["type": "task", "id": .string(Self.first)]],
                ["method": "post", "object": ["type": "task", "name": "No id"]],
            ],
        ])
        let results = try #require(response.json?["operations"]?.arrayValue)
        #expect(response.json?["stop_on_error"] == true)
        #expect(results.map { $0["success"] } == [true, false, false, false, false])
        #expect(results[1]["error"]?["type"] == "INVALID_VALUE")
        #expect(results[1]["error"]?["detail"]?.stringValue?.contains("already exists") == true)
        #expect(results[2]["error"]?["type"] == "OPERATION_SKIPPED")
        #expect(results[2]["error"]?["detail"] == "Not applied: operations[1] failed and stop_on_error is true.")
        #expect(results[2]["object"] == ["type": "task", "id": .string(Self.second)])
        #expect(results[3]["method"] == "delete")
        #expect(results[4]["object"] == ["type": "task", "id": nil])
        #expect(taskCount() == 1)
        #expect(mock.send("GET", "objects/task/\(Self.second).json").status == 404)
    }

    @Test func withoutStopOnErrorLaterOperationsStillRun() throws {
        let response = batch([
            "stop_on_error": false,
            "operations": [
                ["method": "patch", "object": ["type": "task", "id": .string(Self.missing), "name": "x"]],
                ["method": "put", "object": ["type": "task", "id": "NOT-A-UUID", "name": "x"]],
                ["method": "post", "object": ["type": "task", "name": "Runs"]],
            ],
        ])
        let results = try #require(response.json?["operations"]?.arrayValue)
        #expect(results.map { $0["success"] } == [false, false, true])
        #expect(results[0]["error"]?["type"] == "OBJECT_NOT_FOUND")
        #expect(results[1]["error"]?["type"] == "INVALID_VALUE")
        #expect(taskCount() == 1)
    }

    @Test func methodIsCaseInsensitiveAndEchoedInLowerCase() throws {
        let response = batch(["operations": [["method": "POST", "object": ["type": "category", "name": "Home"]]]])
        #expect(response.json?["operations"]?[0]?["method"] == "post")
        #expect(response.json?["operations"]?[0]?["success"] == true)
    }

    @Test func attachmentsUploadAndReferenceInsideABatch() throws {
        let response = batch([
            "operations": [
                ["method": "put", "object": ["type": "all_types", "id": .string(Self.first),
                                             "photo": ["base64": "dGVzdCBmaWxl", "filename": "myfile.txt"]]],
                ["method": "patch", "object": ["type": "all_types", "id": .string(Self.first),
                                               "signature_id": "6f2ae0e0-03e2-4879-95a2-17cbf7ad5825"]],
            ],
        ])
        #expect(response.json?["operations"]?.arrayValue?.map { $0["success"] } == [true, true])
        let object = mock.send("GET", "objects/all_types/\(Self.first).json").json
        #expect(object?["photo"]?["state"] == "uploaded")
        #expect(object?["signature"] == ["state": "pending"])
    }

    @Test func anEmptyBatchIsFine() {
        let response = batch(["operations": []])
        #expect(response.status == 200)
        #expect(response.json == ["stop_on_error": false, "operations": []])
    }

    @Test func moreThan1000OperationsIsRefusedWhole() {
        let operation: JSONValue = ["method": "post", "object": ["type": "category", "name": "x"]]
        let tooMany = batch(["operations": .array(Array(repeating: operation, count: 1001))])
        #expect(tooMany.status == 400)
        #expect(tooMany.errorType == "INVALID_API_REQUEST")
        #expect(tooMany.detail?.contains("at most 1000") == true)
        #expect(mock.send("GET", "objects/category/count.json").json?["count"] == 0)
        let exactly = batch(["operations": .array(Array(repeating: operation, count: 1000))])
        #expect(exactly.status == 200)
        #expect(mock.send("GET", "objects/category/count.json").json?["count"] == 1000)
    }

    static let good: JSONValue = ["method": "post", "object": ["type": "task", "name": "Should not exist"]]

    /// Ill-formed payloads: 400, and the good operation before the bad one is not applied.
    @Test(arguments: [
        ("not JSON", "{\"operations\": ["),
        ("not an object", "[]"),
        ("no operations", "{}"),
        ("operations not an array", "{\"operations\": {}}"),
        ("stop_on_error not a boolean", "{\"stop_on_error\": \"yes\", \"operations\": []}"),
        ("operation not an object", "{\"operations\": [GOOD, 3]}"),
        ("unknown method", "{\"operations\": [GOOD, {\"method\": \"upsert\", \"object\": {\"type\": \"task\"}}]}"),
        ("missing method", "{\"operations\": [GOOD, {\"object\": {\"type\": \"task\"}}]}"),
        ("missing object", "{\"operations\": [GOOD, {\"method\": \"post\"}]}"),
        ("missing type", "{\"operations\": [GOOD, {\"method\": \"post\", \"object\": {\"name\": \"x\"}}]}"),
        ("unknown type", "{\"operations\": [GOOD, {\"method\": \"post\", \"object\": {\"type\": \"ghost\"}}]}"),
        ("put without id", "{\"operations\": [GOOD, {\"method\": \"put\", \"object\": {\"type\": \"task\"}}]}"),
        ("delete without id", "{\"operations\": [GOOD, {\"method\": \"delete\", \"object\": {\"type\": \"task\"}}]}"),
        ("id not a string", "{\"operations\": [GOOD, {\"method\": \"patch\", \"object\": {\"type\": \"task\", \"id\": 5}}]}"),
    ])
    func illFormedPayloadsAreRefusedWithNothingApplied(_ name: String, _ body: String) {
        let text = body.replacingOccurrences(of: "GOOD", with: Self.good.compactText)
        let response = mock.send("POST", "batch.json", body: Array(text.utf8), contentType: "application/json")
        #expect(response.status == 400, "\(name)")
        #expect(response.errorType == "INVALID_API_REQUEST")
        #expect(taskCount() == 0)
        #expect(mock.send("GET", "oplog.json").json?["entries"] == [])
    }

    /// A batch holds the store's lock throughout: a concurrent reader sees all or nothing.
    @Test func batchesAreAtomicForOtherRequests() async {
        let operations: JSONValue = .array((0..<200).map { ["method": "post", "object": ["type": "category", "name": .string("c\($0)")]] })
        let counts = await withTaskGroup(of: Int64?.self) { group in
            group.addTask { _ = self.batch(["operations": operations]); return nil }
            group.addTask { _ = self.batch(["operations": operations]); return nil }
            for _ in 0..<50 {
                group.addTask { self.mock.send("GET", "objects/category/count.json").json?["count"]?.integerValue }
            }
            var counts: [Int64] = []
            for await count in group { if let count { counts.append(count) } }
            return counts
        }
        #expect(counts.count == 50, "every concurrent read answered")
        #expect(counts.allSatisfy { [0, 200, 400].contains($0) }, "\(Set(counts))")
    }
}
