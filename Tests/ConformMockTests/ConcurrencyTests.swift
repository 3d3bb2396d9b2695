import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct ConcurrencyTests {
    /// Many creates, patches and deletes at once end with counts that add up, and every ID
    /// is distinct.
    @Test func concurrentWritesStayConsistent() async throws {
        let mock = TestDeployment(clock: .system)
        let creates = 400
        let ids = await withTaskGroup(of: String?.self) { group in
            for index in 0..<creates {
                group.addTask {
                    mock.create("task", ["name": .string("task \(index)"), "status": .integer(Int64(index % 2))])["id"]?.stringValue
                }
            }
            var ids: [String] = []
            for await id in group { if let id { ids.append(id) } }
            return ids
        }
        #expect(ids.count == creates)
        #expect(Set(ids).count == creates)

        let deleted = ids.prefix(100)
        await withTaskGroup(of: Void.self) { group in
            for id in deleted {
                group.addTask { _ = mock.send("DELETE", "objects/task/\(id).json") }
            }
            for id in ids.dropFirst(100) {
                group.addTask { _ = mock.send("PATCH", "objects/task/\(id).json", json: ["task": ["status": 1]]) }
                group.addTask { _ = mock.send("GET", "objects/task.json?limit=10") }
            }
        }
        let list = mock.send("GET", "objects/task.json").json
        #expect(list?["total"] == 300)
        #expect(list?["count"] == 300)
        #expect(mock.send("GET", "objects/task.json?query[status]=1").json?["total"] == 300)
        let listed = Set(list?["objects"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        #expect(listed == Set(ids.dropFirst(100)))
    }

    /// The seeded generator gives the same IDs on every run.
    @Test func seededIDsAreReproducible() {
        let first = TestDeployment().create("task", ["name": "x"])["id"]
        let second = TestDeployment().create("task", ["name": "x"])["id"]
        #expect(first == second)
        #expect(first != nil)
    }
}
