import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// Each field type of `all_types`, written and read back (reference §16.2).
@Suite struct FieldTypeTests {
    let mock = TestDeployment()

    struct RoundTrip: CustomTestStringConvertible, Sendable {
        let field: String
        let written: JSONValue
        let read: JSONValue
        var testDescription: String { "\(field) \(written.compactText)" }
    }

    static let roundTrips: [RoundTrip] = [
        RoundTrip(field: "text", written: "Nokia", read: "Nokia"),
        RoundTrip(field: "text", written: "", read: ""),
        RoundTrip(field: "email", written: "not checked", read: "not checked"),
        RoundTrip(field: "integer", written: 42, read: 42),
        RoundTrip(field: "integer", written: -2_147_483_648, read: -2_147_483_648),
        RoundTrip(field: "number", written: 3.1428, read: 3.1428),
        RoundTrip(field: "number", written: 3, read: 3),
        // More digits than a double holds are rounded, as the service's own JSON reader would.
        RoundTrip(field: "number", written: exact("0.30000000000000001"), read: 0.3),
        RoundTrip(field: "boolean", written: true, read: ["key": true, "display": "Yes"]),
        RoundTrip(field: "boolean", written: false, read: ["key": false, "display": "No"]),
        RoundTrip(field: "date", written: "2016-02-27", read: "2016-02-27"),
        RoundTrip(field: "date", written: "2016-02-27T23:30:00-05:00", read: "2016-02-27"),
        RoundTrip(field: "datetime", written: "2016-02-22T14:00:53Z", read: "2016-02-22T14:00:53Z"),
        RoundTrip(field: "datetime", written: "2016-02-22T14:00:53.000Z", read: "2016-02-22T14:00:53Z"),
        RoundTrip(field: "datetime", written: "2016-02-22T16:00:53.999+02:00", read: "2016-02-22T14:00:53Z"),
        RoundTrip(field: "datetime", written: "2016-02-22T09:00:53-0500", read: "2016-02-22T14:00:53Z"),
        RoundTrip(field: "datetime", written: "2016-02-22", read: "2016-02-22T00:00:00Z"),
        RoundTrip(field: "single_choice", written: "soccer", read: ["key": "soccer", "display": "Soccer"]),
        RoundTrip(field: "single_choice_integer", written: 2, read: ["key": 2, "display": "Medium"]),
        RoundTrip(field: "multiple_choice", written: ["tennis", "soccer", "tennis"],
                  read: [["key": "soccer", "display": "Soccer"], ["key": "tennis", "display": "Tennis"]]),
        RoundTrip(field: "multiple_choice", written: [], read: []),
        RoundTrip(field: "multiple_choice_integer", written: [2, 0], read: [["key": 0, "display": "North"], ["key": 2, "display": "East"]]),
        RoundTrip(field: "location",
                  written: ["latitude": -33.9, "longitude": 18.4, "altitude": 12, "horizontal_accuracy": 5.5, "vertical_accuracy": nil, "timestamp": "2016-02-22T14:00:53.000Z"],
                  read: ["latitude": -33.9, "longitude": 18.4, "altitude": 12, "horizontal_accuracy": 5.5, "vertical_accuracy": nil, "timestamp": "2016-02-22T14:00:53Z"]),
        RoundTrip(field: "location", written: [-33.9, 18.4, nil, nil, nil, nil],
                  read: ["latitude": -33.9, "longitude": 18.4, "altitude": nil, "horizontal_accuracy": nil, "vertical_accuracy": nil, "timestamp": nil]),
        RoundTrip(field: "track", written: [[1.5, 2.5], [1.6, 2.6]], read: [[1.5, 2.5], [1.6, 2.6]]),
        RoundTrip(field: "text", written: nil, read: nil),
        RoundTrip(field: "location", written: nil, read: nil),
    ]

    @Test(arguments: roundTrips)
    func writesAndReadsBack(_ trip: RoundTrip) throws {
        let created = mock.send("POST", "objects/all_types.json", json: ["all_types": [trip.field: trip.written]])
        #expect(created.status == 200, "\(created.json?.compactText ?? "")")
        #expect(created.json?[trip.field] == trip.read)
        let id = try #require(created.json?["id"]?.stringValue)
        #expect(mock.send("GET", "objects/all_types/\(id).json").json?[trip.field] == trip.read)
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let field: String
        let written: JSONValue
        var testDescription: String { "\(field) \(written.compactText)" }
    }

    static let refusals: [Refusal] = [
        Refusal(field: "text", written: 12),
        Refusal(field: "integer", written: 1.5),
        Refusal(field: "integer", written: 1.0),
        Refusal(field: "integer", written: "1"),
        Refusal(field: "integer", written: true),
        Refusal(field: "integer", written: 2_147_483_648),
        Refusal(field: "integer", written: exact("123456789012345678901234567890")),
        Refusal(field: "number", written: exact("1e400")),
        Refusal(field: "number", written: exact("-1e400")),
        Refusal(field: "number", written: "3.5"),
        Refusal(field: "boolean", written: 1),
        Refusal(field: "boolean", written: "true"),
        Refusal(field: "date", written: "2016-02-30"),
        Refusal(field: "date", written: "27/02/2016"),
        Refusal(field: "datetime", written: "2016-02-22T25:00:00Z"),
        Refusal(field: "datetime", written: 1_456_149_653),
        Refusal(field: "single_choice", written: "cricket"),
        Refusal(field: "single_choice", written: 1),
        Refusal(field: "single_choice_integer", written: 3),
        Refusal(field: "single_choice_integer", written: "1"),
        Refusal(field: "multiple_choice", written: "soccer"),
        Refusal(field: "multiple_choice", written: ["soccer", "cricket"]),
        Refusal(field: "multiple_choice_integer", written: ["0"]),
        Refusal(field: "location", written: ["latitude": 91, "longitude": 0]),
        Refusal(field: "location", written: ["latitude": 1]),
        Refusal(field: "location", written: [1]),
        Refusal(field: "location", written: ["latitude": 1, "longitude": 2, "speed": 3]),
        Refusal(field: "location", written: "1,2"),
        Refusal(field: "track", written: "abc"),
        Refusal(field: "photo", written: "abc"),
        Refusal(field: "photo", written: ["base64": "dGVzdA==", "filename": "My Photo.JPG"]),
        Refusal(field: "photo", written: ["base64": "dGVz\ndA==", "filename": "a.jpg"]),
        Refusal(field: "photo", written: ["base64": "dGVzdA=="]),
        Refusal(field: "photo", written: ["state": "uploaded"]),
        Refusal(field: "photo_id", written: "abc"),
    ]

    /// A number as written, kept exactly (`.decimal`): what a client could send.
    static func exact(_ text: String) -> JSONValue {
        JSONDecimal(text).map(JSONValue.decimal) ?? .null
    }

    @Test func aNumberBeyondDoublesIsRefusedAsOutOfRange() {
        let response = mock.send("POST", "objects/all_types.json", json: ["all_types": ["number": Self.exact("1e400")]])
        #expect(response.status == 422)
        #expect(response.detail == "Invalid value 1e+400 for field 'number': expected a number within the range of a double.")
    }

    @Test(arguments: refusals)
    func refusesWithInvalidValueNamingTheField(_ refusal: Refusal) {
        let response = mock.send("POST", "objects/all_types.json", json: ["all_types": [refusal.field: refusal.written]])
        #expect(response.status == 422)
        #expect(response.errorType == "INVALID_VALUE")
        #expect(response.detail?.contains("'\(refusal.field)'") == true, "\(response.detail ?? "")")
    }

    @Test func photoUploadReadsBackAsIDAndURLsAndDownloads() throws {
        let object = mock.create("all_types", ["photo": ["base64": "dGVzdCBmaWxl", "filename": "my photo.jpg"]])
        let attachmentID = try #require(object["photo_id"]?.stringValue)
        #expect(UUIDText.isLowercaseUUID(attachmentID))
        let photo = try #require(object["photo"]?.objectValue)
        #expect(photo.keys == ["state", "original", "fullscreen", "thumbnail"])
        #expect(photo["state"] == "uploaded")
        let original = try #require(photo["original"]?.stringValue)
        #expect(original == "http://mock.test/media/\(attachmentID)/original/my%20photo.jpg")
        let redirect = mock.send("GET", String(original.dropFirst("http://mock.test".count)), auth: .none)
        #expect(redirect.status == 302)
        #expect(redirect.body.isEmpty)
        let location = try #require(redirect.headers["Location"])
        #expect(location == "http://mock.test/storage/\(attachmentID)/original/my%20photo.jpg")
        let download = mock.send("GET", String(location.dropFirst("http://mock.test".count)), auth: .none)
        #expect(download.status == 200)
        #expect(download.body == Array("test file".utf8))
        #expect(download.headers["Content-Type"] == "image/jpeg")
    }

    @Test func signatureHasAnSVGURLAndAttachmentOnlyOriginal() throws {
        let object = mock.create("all_types", [
            "signature": ["base64": "PHN2Zy8+", "filename": "sig.svg"],
            "attachment": ["base64": "", "filename": "empty.txt"],
        ])
        #expect(object["signature"]?.objectValue?.keys == ["state", "original", "fullscreen", "thumbnail", "svg"])
        #expect(object["attachment"]?.objectValue?.keys == ["state", "original"])
    }

    @Test func attachmentReferenceByIDIsPendingUntilKnown() throws {
        let uploaded = mock.create("all_types", ["photo": ["base64": "dGVzdA==", "filename": "a.jpg"]])
        let knownID = try #require(uploaded["photo_id"])
        let reference = mock.create("all_types", ["photo_id": knownID])
        #expect(reference["photo"]?["state"] == "uploaded")
        let unknown = mock.create("all_types", ["photo_id": "6f2ae0e0-03e2-4879-95a2-17cbf7ad5825"])
        #expect(unknown["photo_id"] == "6f2ae0e0-03e2-4879-95a2-17cbf7ad5825")
        #expect(unknown["photo"] == ["state": "pending"])
        let both = mock.send("POST", "objects/all_types.json", json: ["all_types": ["photo_id": knownID, "photo": nil]])
        #expect(both.errorType == "INVALID_VALUE")
    }

    @Test func attachmentNullClearsBothKeys() throws {
        let object = mock.create("all_types", ["photo": ["base64": "dGVzdA==", "filename": "a.jpg"]])
        let id = try #require(object["id"]?.stringValue)
        let cleared = mock.send("PATCH", "objects/all_types/\(id).json", json: ["all_types": ["photo": nil]]).json
        #expect(cleared?["photo_id"] == .null)
        #expect(cleared?["photo"] == .null)
    }

    @Test func unknownMediaDownloadIsNotFound() throws {
        for root in ["media", "storage"] {
            let response = mock.send("GET", "/\(root)/6f2ae0e0-03e2-4879-95a2-17cbf7ad5825/original/a.jpg", auth: .none)
            #expect(response.errorType == "OBJECT_NOT_FOUND")
        }
        let object = mock.create("all_types", ["photo": ["base64": "dGVzdA==", "filename": "a.jpg"]])
        let id = try #require(object["photo_id"]?.stringValue)
        #expect(mock.send("GET", "/storage/\(id)/original/b.jpg", auth: .none).errorType == "OBJECT_NOT_FOUND")
        #expect(mock.send("GET", "/media/\(id)/poster/a.jpg", auth: .none).errorType == "ROUTE_ERROR")
        #expect(mock.send("GET", "/storage/\(id)/svg/a.jpg", auth: .none).status == 200)
    }
}
