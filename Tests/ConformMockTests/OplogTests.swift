import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// `GET oplog.json` (reference §12).
@Suite struct OplogTests {
    let mock = TestDeployment()

    func oplog(_ query: String = "") -> JSONValue {
        mock.send("GET", "oplog.json" + (query.isEmpty ? "" : "?" + query)).json ?? .null
    }

    func sequences(_ body: JSONValue) -> [String] {
        body["entries"]?.arrayValue?.compactMap { $0["sequence_id"]?.stringValue } ?? []
    }

    @Test func emptyLogHasTheCursorAndTheDataModelHash() {
        let body = oplog("sequence_ids=true&start=0")
        #expect(body == [
            "entries": [], "datamodel_hash": .string(DataModel.shipped.hash), "has_more": false, "next_request_start": "0",
        ])
    }

    @Test func everyWriteIsAnEntryInOrder() throws {
        let created = mock.create("task", ["name": "Wash dishes", "status": 0])
        let id = try #require(created["id"]?.stringValue)
        mock.send("PATCH", "objects/task/\(id).json", json: ["task": ["status": 1]])
        mock.send("PUT", "objects/task/\(id).json", json: ["task": ["name": "Replaced"]])
        mock.send("PUT", "objects/task/550e8400-e29b-41d4-a716-446655440000.json", json: ["task": ["name": "Upserted"]])
        mock.send("DELETE", "objects/task/\(id).json")
        let entries = try #require(oplog()["entries"]?.arrayValue)
        #expect(entries.map { $0["operation"] } == ["create", "update", "update", "create", "delete"])
        #expect(entries.map { $0["sequence_id"] } == ["1", "2", "3", "4", "5"])
        #expect(entries.map { $0["sequence"] } == entries.map { $0["sequence_id"] })
        #expect(entries.allSatisfy { $0["events"] == [] })
        #expect(entries[0]["object"] == created)
        #expect(entries[1]["object"]?["status"] == ["key": 1, "display": "Closed"])
        #expect(entries[2]["object"]?["status"] == .null)
        #expect(entries[2]["object"]?["name"] == "Replaced")
        #expect(entries[0].objectValue?.keys == ["sequence_id", "sequence", "operation", "object", "events"])
        // A delete entry holds the identity and the time of the delete.
        let deleted = try #require(entries[4]["object"]?.objectValue)
        #expect(deleted.keys == ["id", "type", "updated_at"])
        #expect(deleted["id"] == .string(id))
        #expect(deleted["type"] == "task")
        #expect(deleted["updated_at"] == "2015-02-05T08:17:05Z")
    }

    @Test func failedWritesLeaveNoEntry() {
        mock.send("POST", "objects/task.json", json: ["task": ["status": 9]])
        mock.send("DELETE", "objects/task/550e8400-e29b-41d4-a716-446655440000.json")
        #expect(sequences(oplog()).isEmpty)
    }

    @Test func pagesForwardWithTheCursor() throws {
        for index in 0..<5 { mock.create("category", ["name": .string("c\(index)")]) }
        let first = oplog("start=0&limit=2&sequence_ids=true")
        #expect(sequences(first) == ["1", "2"])
        #expect(first["has_more"] == true)
        #expect(first["next_request_start"] == "3")
        let second = oplog("start=3&limit=2")
        #expect(sequences(second) == ["3", "4"])
        #expect(second["next_request_start"] == "5")
        let last = oplog("start=5&limit=2")
        #expect(sequences(last) == ["5"])
        #expect(last["has_more"] == false)
        #expect(last["next_request_start"] == "6")
        let beyond = oplog("start=6")
        #expect(sequences(beyond).isEmpty)
        #expect(beyond["next_request_start"] == "6")
    }

    @Test func endIsExclusiveAndTailGivesTheLatest() {
        for index in 0..<6 { mock.create("category", ["name": .string("c\(index)")]) }
        #expect(sequences(oplog("start=2&end=5")) == ["2", "3", "4"])
        let range = oplog("start=2&end=5&limit=2")
        #expect(range["has_more"] == true)
        #expect(sequences(oplog("start=5&end=2")).isEmpty)
        let tail = oplog("tail=true&limit=2")
        #expect(sequences(tail) == ["5", "6"])
        #expect(tail["has_more"] == false)
        #expect(tail["next_request_start"] == "7")
    }

    @Test func defaultLimitIs400AndTheMaximum1000() {
        mock.deployment.store.withLock { store in
            let model = DataModel.shipped.model(named: "category")!
            for _ in 0..<1001 { _ = try? store.create(model: model, changes: FieldChanges()) }
        }
        #expect(sequences(oplog()).count == 400)
        #expect(oplog()["next_request_start"] == "401")
        #expect(sequences(oplog("limit=5000")).count == 1000)
        #expect(sequences(oplog("limit=5000&start=1000")) == ["1000", "1001"])
        #expect(sequences(oplog("tail=true")).first == "602")
        #expect(sequences(oplog("limit=0")).isEmpty)
        #expect(oplog("limit=0")["has_more"] == true)
    }

    @Test(arguments: ["start=-1", "start=x", "end=1.5", "limit=ten", "tail=yes", "sequence_ids=maybe", "start=99999999999999999999"])
    func malformedParametersAreInvalidRequests(_ query: String) {
        let response = mock.send("GET", "oplog.json?" + query)
        #expect(response.status == 400)
        #expect(response.errorType == "INVALID_API_REQUEST")
    }
}
