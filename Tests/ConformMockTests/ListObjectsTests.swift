import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct ListObjectsTests {
    let mock = TestDeployment()

    func names(_ response: MockResponse) -> [String] {
        response.json?["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func emptyListHasTheWrapper() throws {
        let response = mock.send("GET", "objects/task.json")
        #expect(response.status == 200)
        #expect(response.json == ["objects": [], "count": 0, "total": 0, "more": false])
        #expect(response.json?.objectValue?.keys == ["objects", "count", "total", "more"])
    }

    @Test func listsInInsertionOrder() {
        for name in ["c", "a", "b"] { mock.create("task", ["name": .string(name)]) }
        #expect(names(mock.send("GET", "objects/task.json")) == ["c", "a", "b"])
    }

    struct Page: Sendable, CustomTestStringConvertible {
        let query: String
        let names: [String]
        let count: Int
        let more: Bool
        var testDescription: String { query.isEmpty ? "(none)" : query }
    }

    /// Five tasks t0…t4.
    static let pages: [Page] = [
        Page(query: "", names: ["t0", "t1", "t2", "t3", "t4"], count: 5, more: false),
        Page(query: "limit=&skip=&", names: ["t0", "t1", "t2", "t3", "t4"], count: 5, more: false),
        Page(query: "limit=2", names: ["t0", "t1"], count: 2, more: true),
        Page(query: "limit=2&skip=2", names: ["t2", "t3"], count: 2, more: true),
        Page(query: "limit=2&skip=4", names: ["t4"], count: 1, more: false),
        Page(query: "skip=5", names: [], count: 0, more: false),
        Page(query: "skip=99", names: [], count: 0, more: false),
        Page(query: "limit=0", names: [], count: 0, more: true),
        Page(query: "limit=5&total=true", names: ["t0", "t1", "t2", "t3", "t4"], count: 5, more: false),
    ]

    @Test(arguments: pages)
    func pagesWithLimitAndSkip(_ page: Page) {
        for index in 0..<5 { mock.create("task", ["name": .string("t\(index)")]) }
        let response = mock.send("GET", "objects/task.json?" + page.query)
        #expect(response.status == 200)
        #expect(names(response) == page.names)
        #expect(response.json?["count"] == .integer(Int64(page.count)))
        #expect(response.json?["total"] == 5)
        #expect(response.json?["more"] == .bool(page.more))
    }

    /// The official client's 1001-object scenario (reference §2).
    @Test func defaultAndMaximumPageIs1000() {
        for index in 0..<1001 { mock.create("category", ["name": .string("c\(index)")]) }
        let first = mock.send("GET", "objects/category.json?limit=&skip=&").json
        #expect(first?["count"] == 1000)
        #expect(first?["total"] == 1001)
        #expect(first?["more"] == true)
        let capped = mock.send("GET", "objects/category.json?limit=5000").json
        #expect(capped?["count"] == 1000)
        let second = mock.send("GET", "objects/category.json?limit=1000&skip=1000&").json
        #expect(second?["count"] == 1)
        #expect(second?["more"] == false)
    }

    @Test func filtersWithOperators() throws {
        let category = try #require(mock.create("category", ["name": "Home"])["id"]?.stringValue)
        mock.create("task", ["name": "Wash Dishes", "status": 0, "due_on": "2020-01-05", "category_id": .string(category)])
        mock.create("task", ["name": "Do Laundry", "status": 1, "due_on": "2020-01-10"])
        mock.create("task", ["name": "Buy Groceries", "status": 0])
        let cases: [(String, [String])] = [
            ("query[name]=Do%20Laundry", ["Do Laundry"]),
            ("q[status]=0", ["Wash Dishes", "Buy Groceries"]),
            ("query[status.ne]=0", ["Do Laundry"]),
            ("query[due_on.gt]=2020-01-05", ["Do Laundry"]),
            ("query[due_on.gte]=2020-01-05", ["Wash Dishes", "Do Laundry"]),
            ("query[due_on.lt]=2020-01-10", ["Wash Dishes"]),
            ("query[due_on.null]=true", ["Buy Groceries"]),
            ("query[due_on.null]=false&query[status]=1", ["Do Laundry"]),
            ("query[name.contains]=a", ["Wash Dishes", "Do Laundry"]),
            ("query[name.contains]=wash", []),
            ("query[category_id]=\(category)", ["Wash Dishes"]),
            ("q[_updated_at.gt]=2015-02-05T08:17:02Z", ["Do Laundry", "Buy Groceries"]),
        ]
        for (query, expected) in cases {
            let response = mock.send("GET", "objects/task.json?" + query)
            #expect(names(response) == expected, "\(query)")
            #expect(response.json?["total"] == .integer(Int64(expected.count)), "\(query)")
        }
    }

    @Test func sortsByOneOrMoreKeys() {
        mock.create("task", ["name": "b", "status": 1])
        mock.create("task", ["name": "a", "status": 0])
        mock.create("task", ["name": "c", "status": 1])
        mock.create("task", ["name": "d"])
        #expect(names(mock.send("GET", "objects/task.json?sort[name]=desc")) == ["d", "c", "b", "a"])
        #expect(names(mock.send("GET", "objects/task.json?sort[name]=1")) == ["a", "b", "c", "d"])
        #expect(names(mock.send("GET", "objects/task.json?sort%5Bstatus%5D=-1&sort%5Bname%5D=1")) == ["b", "c", "a", "d"])
        #expect(names(mock.send("GET", "objects/task.json?sort[_updated_at]=DESC&limit=1")) == ["d"])
        #expect(names(mock.send("GET", "objects/task.json?sort[$natural]=1")) == ["b", "a", "c", "d"])
        #expect(mock.send("GET", "objects/task.json?sort[status]=ASC&limit=1").json?["more"] == true)
    }
}

@Suite struct CountObjectsTests {
    let mock = TestDeployment()

    /// `count.json` must win over `{id}.json`, which has the same shape.
    @Test func countsWithAndWithoutFilters() {
        mock.create("task", ["name": "a", "status": 0])
        mock.create("task", ["name": "b", "status": 1])
        mock.create("task", ["name": "c", "status": 1])
        #expect(mock.send("GET", "objects/task/count.json").json == ["count": 3])
        #expect(mock.send("GET", "objects/task/count.json?q[status]=1").json == ["count": 2])
        #expect(mock.send("GET", "objects/ghost/count.json").errorType == "ROUTE_ERROR")
        #expect(mock.send("POST", "objects/task/count.json", json: ["task": [:]]).errorType == "ROUTE_ERROR")
    }
}
