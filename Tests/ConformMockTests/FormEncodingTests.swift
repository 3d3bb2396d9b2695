import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

@Suite struct FormEncodingTests {
    let mock = TestDeployment()

    @Test func bracketsBuildNestedValues() throws {
        let pairs = try QueryString.pairs("a[b]=1&a[c][]=x&a[c][]=y&a[d][e]=2&plain=3&a[l][][k]=1&a[l][][k]=2&&")
        let decoded = try FormDecoder.decode(pairs)
        #expect(JSONValue.object(decoded) == [
            "a": ["b": "1", "c": ["x", "y"], "d": ["e": "2"], "l": [["k": "1"], ["k": "2"]]], "plain": "3",
        ])
    }

    @Test func plusIsSpaceAndEscapesDecode() throws {
        let pairs = try QueryString.pairs("task%5Bname%5D=My+First%20Task%21")
        #expect(pairs.map(\.key) == ["task[name]"])
        #expect(pairs.map(\.value) == ["My First Task!"])
    }

    /// Every type converted from form strings.
    @Test func formValuesAreConvertedByFieldType() throws {
        let form = [
            "all_types[text]=Hello", "all_types[integer]=-7", "all_types[number]=2.5", "all_types[boolean]=true",
            "all_types[date]=2016-02-27", "all_types[datetime]=2016-02-22T14%3A00%3A53Z",
            "all_types[single_choice]=tennis", "all_types[single_choice_integer]=5",
            "all_types[multiple_choice][]=golf", "all_types[multiple_choice][]=soccer",
            "all_types[multiple_choice_integer][]=1",
            "all_types[location][latitude]=10", "all_types[location][longitude]=20.5",
            "all_types[photo][base64]=dGVzdA%3D%3D", "all_types[photo][filename]=a.jpg",
        ].joined(separator: "&")
        let response = mock.send("POST", "objects/all_types.json", form: form, contentType: "application/x-www-form-urlencoded")
        #expect(response.status == 200, "\(response.json?.compactText ?? "")")
        let object = try #require(response.json)
        #expect(object["text"] == "Hello")
        #expect(object["integer"] == -7)
        #expect(object["number"] == 2.5)
        #expect(object["boolean"] == ["key": true, "display": "Yes"])
        #expect(object["date"] == "2016-02-27")
        #expect(object["datetime"] == "2016-02-22T14:00:53Z")
        #expect(object["single_choice"] == ["key": "tennis", "display": "Tennis"])
        #expect(object["single_choice_integer"] == ["key": 5, "display": "High"])
        #expect(object["multiple_choice"] == [["key": "soccer", "display": "Soccer"], ["key": "golf", "display": "Golf"]])
        #expect(object["multiple_choice_integer"] == [["key": 1, "display": "South"]])
        #expect(object["location"]?["latitude"] == 10)
        #expect(object["location"]?["longitude"] == 20.5)
        #expect(object["photo"]?["state"] == "uploaded")
    }

    @Test func emptyFormValueClearsNonTextFieldsAndKeepsEmptyText() throws {
        let created = mock.create("task", ["name": "x", "status": 1, "due_on": "2020-01-01"])
        let id = try #require(created["id"]?.stringValue)
        let object = mock.send("PATCH", "objects/task/\(id).json", form: "task[status]=&task[name]=&task[due_on]=").json
        #expect(object?["status"] == .null)
        #expect(object?["due_on"] == .null)
        #expect(object?["name"] == "")
    }

    @Test(arguments: ["task[status]=open", "task[status]=1.0", "task[due_on]=tomorrow", "task[category_id]=42"])
    func badFormValuesAreInvalidValue(_ form: String) {
        #expect(mock.send("POST", "objects/task.json", form: form).errorType == "INVALID_VALUE")
    }

    @Test(arguments: ["integer]=1.5", "integer]=%201", "number]=inf", "number]=0x10", "boolean]=yes", "location][latitude]=north"])
    func formScalarsAreStrict(_ assignment: String) {
        let response = mock.send("POST", "objects/all_types.json", form: "all_types[" + assignment)
        #expect(response.errorType == "INVALID_VALUE")
    }
}

@Suite struct FormDecoderLimitTests {
    @Test func deepKeysAreRefusedNotRecursedInto() throws {
        let key = "task" + String(repeating: "[a]", count: 100_000)
        #expect(throws: QueryString.DecodingError.self) { try FormDecoder.decode([(key, "x")]) }
    }
}
