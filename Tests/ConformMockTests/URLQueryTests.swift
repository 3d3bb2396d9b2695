import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// URL filters and sorting on lists and counts (reference §3.1, §4, §6), beyond the basics in
/// ``ListObjectsTests``: every kind of key, and every refusal.
@Suite struct URLQueryTests {
    let mock = TestDeployment()
    let texts: [String]
    let ids: [String]
    static let owner = "9913706a-179b-11e2-aaff-0026189d9dc0"

    init() {
        let objects = [
            mock.create("all_types", ["text": "a", "integer": 5, "number": 2.5, "boolean": true, "datetime": "2016-02-22T14:00:53Z",
                                      "single_choice": "soccer", "single_choice_integer": 5, "multiple_choice": ["soccer", "golf"],
                                      "owner_id": .string(Self.owner)]),
            mock.create("all_types", ["text": "b", "integer": -3, "number": 10, "boolean": false, "datetime": "2016-02-22T15:00:00+02:00",
                                      "single_choice": "tennis", "multiple_choice": ["tennis"],
                                      "photo": ["base64": "dGVzdA==", "filename": "a.jpg"]]),
            mock.create("all_types", ["text": "c"]),
        ]
        texts = objects.compactMap { $0["text"]?.stringValue }
        ids = objects.compactMap { $0["id"]?.stringValue }
    }

    func texts(_ query: String) -> [String] {
        let response = mock.send("GET", "objects/all_types.json?" + query)
        return response.json?["objects"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? ["status \(response.status): \(response.detail ?? "")"]
    }

    @Test func everyKindOfKey() throws {
        #expect(texts("query[integer.gt]=0") == ["a"])
        #expect(texts("query[integer.lte]=5") == ["a", "b"])
        #expect(texts("query[number.gte]=3") == ["b"])
        #expect(texts("query[number]=2.5") == ["a"])
        #expect(texts("query[boolean]=true") == ["a"])
        #expect(texts("query[boolean.ne]=true") == ["b", "c"])
        #expect(texts("query[datetime.lt]=2016-02-22T14:00:00Z") == ["b"])
        #expect(texts("query[datetime]=2016-02-22T14:00:53Z") == ["a"])
        #expect(texts("query[single_choice]=tennis") == ["b"])
        #expect(texts("query[single_choice_integer]=5") == ["a"])
        #expect(texts("query[single_choice]=nothing") == [])
        #expect(texts("query[multiple_choice]=golf") == ["a"])
        #expect(texts("query[multiple_choice.contains]=tennis") == ["b"])
        #expect(texts("query[owner_id]=\(Self.owner)") == ["a"])
        #expect(texts("query[owner_id.null]=true") == ["b", "c"])
        #expect(texts("query[photo_id.null]=false") == ["b"])
        #expect(texts("query[photo.null]=true") == ["a", "c"])
        #expect(texts("query[id]=\(ids[1])") == ["b"])
        #expect(texts("q[_id.ne]=\(ids[1])") == ["a", "c"])
        #expect(texts("query[text.contains]=A") == [])
        #expect(texts("q[_updated_at.gte]=2015-02-05T08:17:02Z&q[_updated_at.lt]=2015-02-05T08:17:03Z") == ["b"])
        #expect(texts("total=true&query[text]=c") == ["c"])
        #expect(mock.send("GET", "objects/all_types/count.json?query[integer.gt]=-10").json == ["count": 2])
    }

    @Test func sortsByTypedValuesWithNullsFirst() {
        #expect(texts("sort[integer]=asc") == ["c", "b", "a"])
        #expect(texts("sort[number]=-1") == ["b", "a", "c"])
        #expect(texts("sort[boolean]=1&sort[text]=-1") == ["c", "b", "a"])
        #expect(texts("sort[datetime]=desc") == ["a", "b", "c"])
        #expect(texts("sort[single_choice]=DESC") == ["b", "a", "c"])
        #expect(texts("sort[owner_id]=-1&limit=1") == ["a"])
        #expect(texts("sort[id]=1").count == 3)
    }

    @Test(arguments: [
        ("query[integer.like]=1", "Unknown operator 'like'"),
        ("query[integer.eq]=1", "Unknown operator 'eq'"),
        ("query[nope.gt]=1", "Unknown field 'nope'"),
        ("query[integer]=five", "Invalid value 'five' for query[integer]"),
        ("query[integer.gt]=1.5x", "Invalid value"),
        ("query[datetime.gt]=yesterday", "Invalid value"),
        ("query[date]=2016-02-30", "Invalid value"),
        ("query[boolean]=yes", "Invalid value"),
        ("query[single_choice_integer]=low", "Invalid value"),
        ("query[integer.contains]=1", "Invalid value"),
        ("query[location]=1", "Invalid value"),
        ("query[_updated_at.gt]=later", "Invalid value"),
        ("query[text.null]=maybe", "expected true or false"),
        ("sort[text]=up", "Invalid sort direction 'up'"),
        ("sort[location]=1", "Cannot sort on field 'location'"),
        ("sort[multiple_choice]=1", "Cannot sort on field 'multiple_choice'"),
        ("sort[nope]=1", "Unknown field 'nope'"),
        ("limit=1.5", "Invalid limit"),
        ("skip=x", "Invalid skip"),
        ("query[text]=%zz", "Invalid query string"),
    ])
    func refusals(_ query: String, _ detail: String) {
        for path in ["objects/all_types.json?", "objects/all_types/count.json?"] where !(path.contains("count") && ["sort", "limit", "skip"].contains { query.hasPrefix($0) }) {
            let response = mock.send("GET", path + query)
            #expect(response.status == 400, "\(path)\(query)")
            #expect(response.errorType == "INVALID_API_REQUEST")
            #expect(response.detail?.contains(detail) == true, "\(response.detail ?? "")")
        }
    }
}
