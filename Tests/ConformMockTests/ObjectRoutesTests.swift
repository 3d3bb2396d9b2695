import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct ObjectRoutesTests {
    let mock = TestDeployment()

    @Test func createReturnsTheObjectInTheDocumentedShape() throws {
        let response = mock.send("POST", "objects/task.json", json: ["task": ["name": "Wash Dishes", "status": 0]])
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json; charset=utf-8")
        let object = try #require(response.json?.objectValue)
        #expect(object.keys == [
            "id", "type", "updated_at", "display", "name", "instructions", "status", "due_on", "priority",
            "category_id", "assignee_id",
        ])
        #expect(UUIDText.isLowercaseUUID(object["id"]?.stringValue ?? ""))
        #expect(object["type"] == "task")
        #expect(object["updated_at"] == "2015-02-05T08:17:01Z")
        #expect(object["display"] == "Wash Dishes")
        #expect(object["status"] == ["key": 0, "display": "Open"])
        #expect(object["instructions"] == .null)
        #expect(object["category_id"] == .null)
    }

    /// The docs' form-encoded example (reference §7) and its response.
    @Test func createFromTheDocsFormExample() throws {
        let response = mock.send("POST", "objects/task.json", form: "task[name]=My%20First%20Task&task[status]=1")
        #expect(response.status == 200)
        let object = try #require(response.json)
        #expect(object["name"] == "My First Task")
        #expect(object["display"] == "My First Task")
        #expect(object["status"] == ["key": 1, "display": "Closed"])
        #expect(object["instructions"] == .null)
    }

    @Test func readReturnsTheStoredObject() throws {
        let created = mock.create("task", ["name": "Buy Groceries", "instructions": "Not too much", "status": 1])
        let id = try #require(created["id"]?.stringValue)
        let response = mock.send("GET", "objects/task/\(id).json")
        #expect(response.status == 200)
        #expect(response.json == created)
    }

    @Test func readOfAMissingObjectIsObjectNotFound() {
        let response = mock.send("GET", "objects/task/c3d59ff0-ba4a-11e3-a567-001e6733fe3d.json")
        #expect(response.status == 404)
        #expect(response.errorType == "OBJECT_NOT_FOUND")
        #expect(response.detail == "No task found with ID: 'c3d59ff0-ba4a-11e3-a567-001e6733fe3d'")
        #expect(mock.send("GET", "objects/task/123.json").detail == "No task found with ID: '123'")
    }

    @Test func patchChangesGivenFieldsClearsNullsAndKeepsTheRest() throws {
        let created = mock.create("task", ["name": "Task 1", "instructions": "Read", "priority": "high"])
        let id = try #require(created["id"]?.stringValue)
        let response = mock.send("PATCH", "objects/task/\(id).json", json: ["task": ["status": 1, "priority": nil]])
        #expect(response.status == 200)
        let object = try #require(response.json)
        #expect(object["status"] == ["key": 1, "display": "Closed"])
        #expect(object["priority"] == .null)
        #expect(object["name"] == "Task 1")
        #expect(object["instructions"] == "Read")
        #expect(object["updated_at"] != created["updated_at"])
        #expect(object["id"] == created["id"])
    }

    @Test func patchWithTheDocsFormBody() throws {
        let id = try #require(mock.create("task", ["name": "Task 1"])["id"]?.stringValue)
        let object = mock.send("PATCH", "objects/task/\(id).json", form: "task[status]=1").json
        #expect(object?["status"] == ["key": 1, "display": "Closed"])
        #expect(object?["name"] == "Task 1")
    }

    @Test func putReplacesAndClearsOmittedFields() throws {
        let category = try #require(mock.create("category", ["name": "Home"])["id"]?.stringValue)
        let created = mock.create("task", ["name": "Task 1", "instructions": "Read", "status": 0, "category_id": .string(category)])
        let id = try #require(created["id"]?.stringValue)
        let object = try #require(mock.send("PUT", "objects/task/\(id).json", json: ["task": ["name": "Renamed"]]).json)
        #expect(object["name"] == "Renamed")
        #expect(object["instructions"] == .null)
        #expect(object["status"] == .null)
        #expect(object["category_id"] == .null)
        #expect(mock.send("GET", "objects/task.json").json?["total"] == 1)
    }

    @Test func putCreatesAnObjectWithTheGivenID() throws {
        let id = "550e8400-e29b-41d4-a716-446655440000"
        let response = mock.send("PUT", "objects/task/\(id).json", json: ["task": ["name": "Upserted"]])
        #expect(response.status == 200)
        #expect(response.json?["id"] == .string(id))
        #expect(mock.send("GET", "objects/task/\(id).json").json?["name"] == "Upserted")
    }

    @Test(arguments: ["550E8400-E29B-41D4-A716-446655440000", "not-a-uuid", "550e8400e29b41d4a716446655440000"])
    func putAndPatchRequireALowercaseUUID(_ id: String) {
        for method in ["PUT", "PATCH"] {
            let response = mock.send(method, "objects/task/\(id).json", json: ["task": ["name": "x"]])
            #expect(response.status == 400)
            #expect(response.errorType == "INVALID_API_REQUEST")
        }
    }

    @Test func patchOfAMissingObjectIsObjectNotFound() {
        let response = mock.send("PATCH", "objects/task/550e8400-e29b-41d4-a716-446655440000.json", json: ["task": ["name": "x"]])
        #expect(response.status == 404)
        #expect(response.errorType == "OBJECT_NOT_FOUND")
    }

    @Test func deleteAnswersEmpty200ThenTheObjectIsGone() throws {
        let id = try #require(mock.create("task", ["name": "Doomed"])["id"]?.stringValue)
        let response = mock.send("DELETE", "objects/task/\(id).json")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(mock.send("GET", "objects/task/\(id).json").status == 404)
        #expect(mock.send("DELETE", "objects/task/\(id).json").errorType == "OBJECT_NOT_FOUND")
    }

    @Test func createAcceptsAFreshIDAndRefusesATakenOne() throws {
        let id = "198c990e-f1bf-11e1-8d7d-001cc01904e3"
        #expect(mock.create("task", ["id": .string(id), "name": "Task 1"])["id"] == .string(id))
        let again = mock.send("POST", "objects/task.json", json: ["task": ["id": .string(id), "name": "Task 2"]])
        #expect(again.status == 422)
        #expect(again.errorType == "INVALID_VALUE")
    }

    @Test func bodyIDMustMatchThePath() throws {
        let id = try #require(mock.create("task", ["name": "x"])["id"]?.stringValue)
        let response = mock.send("PATCH", "objects/task/\(id).json", json: ["task": ["id": "550e8400-e29b-41d4-a716-446655440000"]])
        #expect(response.errorType == "INVALID_VALUE")
    }

    @Test func readOnlyEnvelopeKeysInABodyAreIgnored() throws {
        let created = mock.create("task", ["name": "x"])
        let id = try #require(created["id"]?.stringValue)
        let body: JSONValue = ["task": ["type": "task", "updated_at": "2000-01-01T00:00:00Z", "display": "y", "name": "z"]]
        let object = mock.send("PATCH", "objects/task/\(id).json", json: body).json
        #expect(object?["name"] == "z")
        #expect(object?["display"] == "z")
    }

    @Test func updatedAtChangesOnEveryWrite() throws {
        let created = mock.create("task", ["name": "x"])
        let id = try #require(created["id"]?.stringValue)
        var seen: Set<String> = [created["updated_at"]?.stringValue ?? ""]
        for _ in 0..<3 {
            let stamp = mock.send("PATCH", "objects/task/\(id).json", json: ["task": [:]]).json?["updated_at"]?.stringValue
            #expect(seen.insert(stamp ?? "").inserted)
        }
    }

    @Test func displayFollowsRelationshipsAndRendersChoiceLabels() throws {
        let owner = try #require(mock.create("person", ["name": "Lena"])["id"]?.stringValue)
        let object = mock.create("all_types", ["text": "Ball", "single_choice": "soccer", "owner_id": .string(owner)])
        #expect(object["display"] == "Ball (Soccer) by Lena")
        let nobody = mock.create("all_types", ["text": "Bat"])
        #expect(nobody["display"] == "Bat () by ")
        // Display is rendered on read, so renaming the owner shows through.
        _ = mock.send("PATCH", "objects/person/\(owner).json", json: ["person": ["name": "Sara"]])
        let id = try #require(object["id"]?.stringValue)
        #expect(mock.send("GET", "objects/all_types/\(id).json").json?["display"] == "Ball (Soccer) by Sara")
    }

    @Test func belongsToAcceptsAnyUUIDAndNormalisesCase() throws {
        let object = mock.create("task", ["name": "x", "category_id": "71FAFC16-BA4F-11E3-8DE0-001E6733FE3C"])
        #expect(object["category_id"] == "71fafc16-ba4f-11e3-8de0-001e6733fe3c")
        let bad = mock.send("POST", "objects/task.json", json: ["task": ["category_id": "71"]])
        #expect(bad.status == 422)
        #expect(bad.detail?.contains("'category_id'") == true)
    }
}

@Suite struct EmbedTests {
    let mock = TestDeployment()

    @Test func embedAddsTheRelatedObjects() throws {
        let category = mock.create("category", ["name": "Home"])
        let categoryID = try #require(category["id"])
        let task = mock.create("task", ["name": "x", "category_id": categoryID])
        let id = try #require(task["id"]?.stringValue)
        let object = try #require(mock.send("GET", "objects/task/\(id).json?embed=category,assignee").json?.objectValue)
        #expect(object["category"] == category)
        #expect(object["assignee"] == .null)
        #expect(object.keys.suffix(4) == ["category_id", "assignee_id", "category", "assignee"])
        let bad = mock.send("GET", "objects/task/\(id).json?embed=owner")
        #expect(bad.status == 400)
        #expect(bad.errorType == "INVALID_API_REQUEST")
    }
}
