import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// `POST objects/{model}/query.json` (reference §3.5).
@Suite struct QueryExpressionTests {
    let mock = TestDeployment()
    let ids: [String]
    static let home = "71fafc16-ba4f-11e3-8de0-001e6733fe3c"

    init() {
        ids = [
            mock.create("task", ["name": "Wash Dishes", "status": 0, "priority": "high", "due_on": "2020-01-05", "category_id": .string(Self.home)]),
            mock.create("task", ["name": "Do Laundry", "status": 1, "priority": "low", "due_on": "2020-01-10"]),
            mock.create("task", ["name": "Buy Groceries", "status": 0, "priority": "normal"]),
            mock.create("task", ["name": "wash car", "status": 1]),
        ].map { $0["id"]?.stringValue ?? "" }
    }

    func query(_ body: JSONValue) -> MockResponse {
        mock.send("POST", "objects/task/query.json", json: body)
    }

    func names(_ body: JSONValue) -> [String] {
        names(query(body))
    }

    func names(_ response: MockResponse) -> [String] {
        response.json?["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func theOfficialClientsBodyShape() throws {
        let response = query(["expression": "id in ?", "arguments": [.array([.string(ids[0]), .string(ids[2]), "123"])], "limit": nil, "skip": nil, "sort": []])
        #expect(response.status == 200)
        #expect(response.json?.objectValue?.keys == ["objects", "count", "total", "more"])
        #expect(names(response) == ["Wash Dishes", "Buy Groceries"])
    }

    struct OperatorCase: Sendable, CustomTestStringConvertible {
        let expression: String
        let arguments: [JSONValue]
        let expected: [String]
        init(_ expression: String, _ arguments: [JSONValue], _ expected: [String]) {
            self.expression = expression
            self.arguments = arguments
            self.expected = expected
        }
        var testDescription: String { expression.isEmpty ? "(empty)" : expression }
    }

    static let operatorCases: [OperatorCase] = [
        OperatorCase("name = ?", ["Do Laundry"], ["Do Laundry"]),
        OperatorCase("name != ?", ["Do Laundry"], ["Wash Dishes", "Buy Groceries", "wash car"]),
        OperatorCase("status = ? and priority = ?", [0, "high"], ["Wash Dishes"]),
        OperatorCase("status = ? or priority = ?", [1, "normal"], ["Do Laundry", "Buy Groceries", "wash car"]),
        OperatorCase("(status = ? or priority = ?) and name contains ?", [1, "normal", "A"], ["Do Laundry", "wash car"]),
        OperatorCase("status = ? or priority = ? and name contains ?", [0, "low", "zzz"], ["Wash Dishes", "Buy Groceries"]),
        OperatorCase("name contains ?", ["WASH"], ["Wash Dishes", "wash car"]),
        OperatorCase("name starts with ?", ["wash"], ["Wash Dishes", "wash car"]),
        OperatorCase("due_on > ?", ["2020-01-05"], ["Do Laundry"]),
        OperatorCase("due_on >= ?", ["2020-01-05"], ["Wash Dishes", "Do Laundry"]),
        OperatorCase("due_on < ?", ["2020-01-10"], ["Wash Dishes"]),
        OperatorCase("due_on <= ?", ["2020-01-10T23:00:00Z"], ["Wash Dishes", "Do Laundry"]),
        OperatorCase("due_on = ?", [nil], ["Buy Groceries", "wash car"]),
        OperatorCase("due_on != ?", [nil], ["Wash Dishes", "Do Laundry"]),
        OperatorCase("priority in ?", [["low", "normal"]], ["Do Laundry", "Buy Groceries"]),
        OperatorCase("priority not in ?", [["low", "normal"]], ["Wash Dishes", "wash car"]),
        OperatorCase("priority in ?", [[nil]], ["wash car"]),
        OperatorCase("category_id = ?", [.string(home)], ["Wash Dishes"]),
        OperatorCase("category_id = ?", [.string(home.uppercased())], ["Wash Dishes"]),
        OperatorCase("updated_at > ?", ["2015-02-05T08:17:02Z"], ["Buy Groceries", "wash car"]),
        OperatorCase("_updated_at <= ?", ["2015-02-05T08:17:01Z"], ["Wash Dishes"]),
        OperatorCase("status = ? AND name CONTAINS ?", [0, "dish"], ["Wash Dishes"]),
        OperatorCase("", [], ["Wash Dishes", "Do Laundry", "Buy Groceries", "wash car"]),
        OperatorCase("((((status = ?))))", ["1"], ["Do Laundry", "wash car"]),
    ]

    @Test(arguments: operatorCases)
    func operatorsAndLogic(_ testCase: OperatorCase) {
        let response = query(["expression": .string(testCase.expression), "arguments": .array(testCase.arguments)])
        #expect(response.status == 200, "\(response.json?.compactText ?? "")")
        #expect(names(response) == testCase.expected)
    }

    @Test func limitSkipAndSort() {
        #expect(names(["expression": "status = ?", "arguments": [1], "sort": ["-name"]]) == ["wash car", "Do Laundry"])
        #expect(names(["expression": "", "sort": ["status", "-name"]]) == ["Wash Dishes", "Buy Groceries", "wash car", "Do Laundry"])
        let page = query(["sort": ["name"], "limit": 2, "skip": 1])
        #expect(names(page) == ["Do Laundry", "Wash Dishes"])
        #expect(page.json?["total"] == 4)
        #expect(page.json?["more"] == true)
        #expect(query(["limit": 5000]).json?["count"] == 4)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let body: JSONValue
        let detail: String
        init(_ name: String, _ body: JSONValue, _ detail: String) {
            self.name = name
            self.body = body
            self.detail = detail
        }
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal("field names are case-sensitive", ["expression": "STATUS = ?", "arguments": [0]], "Unknown field 'STATUS'"),
        Refusal("unknown field", ["expression": "nope = ?", "arguments": [1]], "Unknown field 'nope'"),
        Refusal("unknown operator", ["expression": "name like ?", "arguments": ["x"]], "Expected an operator"),
        Refusal("bang alone", ["expression": "name ! ?", "arguments": ["x"]], "did you mean '!='"),
        Refusal("literal", ["expression": "name = 'x'"], "a literal"),
        Refusal("number literal", ["expression": "status = 1"], "a literal"),
        Refusal("missing placeholder", ["expression": "name =", "arguments": ["x"]], "Expected ?"),
        Refusal("too few arguments", ["expression": "name = ? and status = ?", "arguments": ["x"]], "more placeholders"),
        Refusal("too many arguments", ["expression": "name = ?", "arguments": ["x", 1]], "1 placeholders but 2 arguments"),
        Refusal("unbalanced parenthesis", ["expression": "(name = ?", "arguments": ["x"]], "Missing ')'"),
        Refusal("stray parenthesis", ["expression": "name = ?)", "arguments": ["x"]], "Unexpected ')'"),
        Refusal("dangling and", ["expression": "name = ? and", "arguments": ["x"]], "ends where a comparison"),
        Refusal("starts without with", ["expression": "name starts ?", "arguments": ["x"]], "Expected 'starts with'"),
        Refusal("wrong argument type", ["expression": "status = ?", "arguments": ["open"]], "Invalid value \"open\""),
        Refusal("in without array", ["expression": "status in ?", "arguments": [1]], "must be an array"),
        Refusal("order on multiple choice", ["expression": "name = ?", "arguments": [nil], "sort": ["-"]], "sort must hold field names"),
        Refusal("null for less than", ["expression": "due_on < ?", "arguments": [nil]], "must not be null"),
        Refusal("contains on a number", ["expression": "status contains ?", "arguments": [1]], "Invalid value"),
        Refusal("expression not a string", ["expression": 5], "expression must be a string"),
        Refusal("arguments not an array", ["expression": "name = ?", "arguments": "x"], "arguments must be an array"),
        Refusal("negative limit", ["limit": -1], "limit must be a non-negative integer"),
        Refusal("sort on unknown field", ["sort": ["-nope"]], "Unknown field 'nope'"),
    ]

    @Test(arguments: refusals)
    func invalidQueriesAreInvalidRequests(_ refusal: Refusal) {
        let response = query(refusal.body)
        #expect(response.status == 400)
        #expect(response.errorType == "INVALID_API_REQUEST")
        #expect(response.detail?.contains(refusal.detail) == true, "\(response.detail ?? "")")
    }

    @Test func hostileExpressionsAreRefusedNotRecursedInto() {
        let deep = String(repeating: "(", count: 10_000) + "name = ?" + String(repeating: ")", count: 10_000)
        #expect(query(["expression": .string(deep), "arguments": ["x"]]).errorType == "INVALID_API_REQUEST")
        let nested = String(repeating: "(", count: 40) + "name = ?" + String(repeating: ")", count: 40)
        #expect(query(["expression": .string(nested), "arguments": ["x"]]).detail?.contains("nested deeper") == true)
        #expect(mock.send("POST", "objects/task/query.json", body: Array("{".utf8), contentType: "application/json").status == 400)
        #expect(mock.send("POST", "objects/ghost/query.json", json: [:]).errorType == "ROUTE_ERROR")
    }

    @Test func multipleChoiceContainsAndEqualsMeanHasKey() {
        mock.create("all_types", ["text": "a", "multiple_choice": ["soccer", "golf"], "multiple_choice_integer": [0, 2]])
        mock.create("all_types", ["text": "b", "multiple_choice": ["tennis"]])
        let body: JSONValue = ["expression": "multiple_choice contains ? or multiple_choice_integer = ?", "arguments": ["tennis", 2]]
        let response = mock.send("POST", "objects/all_types/query.json", json: body)
        #expect(response.json?["objects"]?.arrayValue?.compactMap { $0["text"]?.stringValue } == ["a", "b"])
        let ordered = mock.send("POST", "objects/all_types/query.json", json: ["expression": "multiple_choice > ?", "arguments": ["a"]])
        #expect(ordered.errorType == "INVALID_API_REQUEST")
    }
}

/// `POST objects/{model}/search.json` (reference §3.4).
@Suite struct SearchTests {
    let mock = TestDeployment()

    init() {
        mock.create("task", ["name": "Inspect site", "status": 0])
        mock.create("task", ["name": "Order parts", "instructions": "Deliver to the SITE office", "status": 1])
        mock.create("task", ["name": "Closed one", "status": 1])
    }

    func names(_ response: MockResponse) -> [String] {
        response.json?["objects"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func formJSONAndURLSpellings() {
        let form = mock.send("POST", "objects/task/search.json", form: "query=site", contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 200)
        #expect(names(form) == ["Inspect site", "Order parts"])
        #expect(form.json?["total"] == 2)
        #expect(names(mock.send("POST", "objects/task/search.json", json: ["query": "SITE"])) == ["Inspect site", "Order parts"])
        #expect(names(mock.send("POST", "objects/task/search.json?query=site&limit=1")) == ["Inspect site"])
    }

    @Test func choiceLabelsAreSearchedAndEmptyTextMatchesAll() {
        #expect(names(mock.send("POST", "objects/task/search.json", form: "query=closed")) == ["Order parts", "Closed one"])
        #expect(names(mock.send("POST", "objects/task/search.json", form: "query=")).count == 3)
        #expect(names(mock.send("POST", "objects/task/search.json?sort[name]=desc&q[status]=1", form: "query=o")) == ["Order parts", "Closed one"])
    }

    @Test func missingTextIsAnInvalidRequest() {
        let response = mock.send("POST", "objects/task/search.json", form: "")
        #expect(response.status == 400)
        #expect(response.errorType == "INVALID_API_REQUEST")
        #expect(mock.send("POST", "objects/task/search.json", json: ["query": 5]).errorType == "INVALID_API_REQUEST")
        #expect(mock.send("GET", "objects/task/search.json").errorType == "OBJECT_NOT_FOUND")
    }
}
