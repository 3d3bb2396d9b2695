import Testing
import ConformShape
@testable import ConformMock

/// Each breaking profile changes exactly what it says, on the endpoint it targets, and nothing
/// on the others: the profiled twin answers like the faithful one everywhere else.
@Suite struct BreakingProfileTests {
    /// Another endpoint than `endpoint`, for "nothing else changes".
    static func other(than endpoint: MockEndpoint) -> MockEndpoint {
        endpoint.path == "/info.json" ? MockEndpoint("GET", "/objects/{model}/count.json") : MockEndpoint("GET", "/info.json")
    }

    @Test("every breaking profile of the catalog changes its endpoint's answer and no other", arguments: ProfileCatalog.breakingMatrix)
    func changesItsEndpointOnly(_ profile: MockProfile) throws {
        let twin = try Twin([profile.description])
        let pattern = try #require(profile.endpoint)
        let endpoint = MockEndpoint(try #require(pattern.method), pattern.path)
        // The envelope change needs an error: every endpoint answers 401 without credentials.
        let auth: TestDeployment.Auth = profile.kind == .errorEnvelopeChanged ? .none : .valid
        let (faithful, profiled) = twin.send(twin.sample(endpoint, auth: auth))
        #expect(faithful != profiled, "\(profile) changed nothing on \(twin.sample(endpoint))")
        let other = Self.other(than: endpoint)
        let (faithfulOther, profiledOther) = twin.send(twin.sample(other, auth: auth))
        #expect(faithfulOther == profiledOther, "\(profile) changed \(other) too")
    }

    @Test func theMatrixCoversEveryBreakingKind() {
        let kinds = Set(ProfileCatalog.breakingMatrix.map(\.kind))
        #expect(kinds == Set(ProfileKind.breaking))
        #expect(ProfileCatalog.breakingMatrix.allSatisfy { $0.endpoint?.method != nil && $0.field == nil && $0.parameter == nil })
    }

    // MARK: - Fields

    @Test func aDroppedFieldIsGoneAndNothingElseChanged() throws {
        let twin = try Twin(["breaking.field-dropped@GET /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        let expected = try #require(faithful.json?.objectValue)
        var without = expected
        without["updated_at"] = nil
        #expect(profiled.json == .object(without))
        #expect(profiled.status == faithful.status)
        #expect(profiled.headers == faithful.headers)
    }

    @Test func aDroppedFieldLeavesEveryObjectOfAList() throws {
        let twin = try Twin(["breaking.field-dropped@GET /objects/{model}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}.json")))
        let objects = try #require(profiled.json?["objects"]?.arrayValue)
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { $0["updated_at"] == nil && $0["display"] != nil })
        #expect(profiled.json?.removingMembers(named: ["updated_at"]) == faithful.json?.removingMembers(named: ["updated_at"]))
    }

    @Test func aRenamedFieldKeepsItsValueAndPosition() throws {
        let twin = try Twin(["breaking.field-renamed@GET /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        let before = try #require(faithful.json?.objectValue)
        let after = try #require(profiled.json?.objectValue)
        #expect(after.keys == before.keys.map { $0 == "updated_at" ? "modified_at" : $0 })
        #expect(after["modified_at"] == before["updated_at"])
        #expect(after["updated_at"] == nil)
    }

    @Test func aRenameTakesTheNameAndFieldGiven() throws {
        let twin = try Twin(["breaking.field-renamed=label@GET /objects/{model}/{id}.json#display"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        #expect(profiled.json?["label"] == faithful.json?["display"])
        #expect(profiled.json?["display"] == nil)
        #expect(profiled.json?["updated_at"] == faithful.json?["updated_at"])
    }

    @Test func aRenameWithoutADefaultPairBecomesCamelCaseOrV2() {
        let endpoint = MockEndpoint("GET", "/objects/{model}/{id}.json")
        #expect(ProfileCatalog.defaultNewName(for: "updated_at", at: endpoint) == "modified_at")
        #expect(ProfileCatalog.defaultNewName(for: "category_id", at: endpoint) == "categoryId")
        #expect(ProfileCatalog.defaultNewName(for: "name", at: endpoint) == "name_v2")
    }

    @Test func aRetypedTimeBecomesUnixSeconds() throws {
        let twin = try Twin(["breaking.field-type-changed@GET /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        let written = try #require(faithful.json?["updated_at"]?.stringValue)
        #expect(profiled.json?["updated_at"] == .integer(try #require(Timestamp.parseDateTime(written))))
        #expect(profiled.json?.removingMembers(named: ["updated_at"]) == faithful.json?.removingMembers(named: ["updated_at"]))
    }

    @Test("type changes convert to the type asked for", arguments: [
        ("breaking.field-type-changed=string@GET /users/{user-id}#locked", "locked", JSONValue.string("false")),
        ("breaking.field-type-changed@GET /users/{user-id}#locked", "locked", .string("false")),
        ("breaking.field-type-changed=integer@GET /users/{user-id}#locked", "locked", .integer(0)),
        ("breaking.field-type-changed=array@GET /users/{user-id}#id", "id", .array([.string(SampleRequest.lena)])),
        ("breaking.field-type-changed=object@GET /users/{user-id}#enrolled", "enrolled", .object(JSONObject([("value", .bool(false))]))),
        ("breaking.field-type-changed=boolean@GET /users/{user-id}#id", "id", .bool(true)),
        ("breaking.field-type-changed=number@GET /users/{user-id}#locked", "locked", .double(0.5)),
    ])
    func typeChanges(_ profile: String, _ field: String, _ expected: JSONValue) throws {
        let twin = try Twin([profile])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/users/{user-id}")))
        #expect(profiled.json?[field] == expected)
    }

    @Test func retypingMapsAndNullsFollowTheRules() {
        #expect(FieldMutation.retyped(["a": 1, "b": 2], to: nil) == [1, 2])
        #expect(FieldMutation.retyped("42", to: nil) == 42)
        #expect(FieldMutation.retyped("abc", to: nil) == 3)
        #expect(FieldMutation.retyped(true, to: nil) == "true")
        #expect(FieldMutation.retyped([1, 2], to: nil) == "[1,2]")
        #expect(FieldMutation.retyped(.null, to: .string) == .null)
        #expect(FieldMutation.retyped("x", to: .string) == "x")
        #expect(FieldMutation.retyped([1, 2], to: .object) == ["0": 1, "1": 2])
    }

    @Test func aNulledFieldIsNull() throws {
        let twin = try Twin(["breaking.field-nulled@PATCH /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("PATCH", "/objects/{model}/{id}.json")))
        #expect(faithful.json?["display"] == "Patched")
        #expect(profiled.json?["display"] == .null)
        #expect(profiled.json?.removingMembers(named: ["display"]) == faithful.json?.removingMembers(named: ["display"]))
    }

    @Test func aLocatorTargetsAFieldDeepInTheAnswer() throws {
        let twin = try Twin(["breaking.field-dropped@GET /oplog.json#$.entries[*].object.updated_at"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/oplog.json")))
        let entries = try #require(profiled.json?["entries"]?.arrayValue)
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { $0["object"]?["updated_at"] == nil && $0["operation"] != nil })
        #expect(profiled.json?.removingMembers(named: ["updated_at"]) == faithful.json?.removingMembers(named: ["updated_at"]))
    }

    @Test func aFieldTheRecordsLackIsNeverInvented() throws {
        for kind in ["dropped", "renamed", "type-changed", "nulled"] {
            let twin = try Twin(["breaking.field-\(kind)#conform_no_such_field"])
            let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}.json")))
            #expect(faithful == profiled, "\(kind)")
        }
    }

    @Test func fieldChangesLeaveErrorAnswersAlone() throws {
        let twin = try Twin(["breaking.field-dropped#type"])
        let (faithful, profiled) = twin.send(SampleRequest(method: "GET", path: "objects/task/00000000-0000-4000-8000-000000000000.json"))
        #expect(faithful.status == 404)
        #expect(faithful == profiled)
    }

    // MARK: - Choices

    @Test func choicesBecomeBareKeys() throws {
        let twin = try Twin(["breaking.choice-flattened@GET /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        #expect(faithful.json?["status"] == ["key": 1, "display": "Closed"])
        #expect(profiled.json?["status"] == 1)
        #expect(profiled.json?["priority"] == "high")
        #expect(profiled.json?["name"] == faithful.json?["name"])
    }

    @Test func oneChoiceFieldCanBeNamed() throws {
        let twin = try Twin(["breaking.choice-flattened@GET /objects/{model}.json#priority"])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}.json")))
        let task = try #require(profiled.json?["objects"]?.arrayValue?.first { $0["name"] == "Wash dishes" })
        #expect(task["priority"] == "high")
        #expect(task["status"] == ["key": 1, "display": "Closed"])
    }

    @Test func multipleChoicesBecomeListsOfKeys() {
        let choices: JSONValue = [["key": "a", "display": "A"], ["key": "b", "display": "B"]]
        #expect(FieldMutation.flattened(choices) == ["a", "b"])
        #expect(FieldMutation.flattened(["key": true, "display": "Yes"]) == true)
        #expect(FieldMutation.flattened(["latitude": 1, "longitude": 2]) == ["latitude": 1, "longitude": 2])
    }

    // MARK: - Wrapper, status, envelope, removal

    @Test func theListWrapperBecomesABareArray() throws {
        let twin = try Twin(["breaking.list-wrapper-changed@GET /users"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/users")))
        #expect(profiled.json == faithful.json?["objects"])
    }

    @Test func theListKeyCanBeRenamed() throws {
        let twin = try Twin(["breaking.list-wrapper-changed=entries_v2@GET /oplog.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/oplog.json")))
        #expect(profiled.json?["entries_v2"] == faithful.json?["entries"])
        #expect(profiled.json?["entries"] == nil)
        #expect(profiled.json?["has_more"] == faithful.json?["has_more"])
    }

    @Test func statusesChangeByTheDefaultMap() throws {
        let twin = try Twin(["breaking.status-changed@GET /objects/{model}/{id}.json"])
        let endpoint = MockEndpoint("GET", "/objects/{model}/{id}.json")
        #expect(twin.send(twin.sample(endpoint)).profiled.status == 201)
        let missing = SampleRequest(method: "GET", path: "objects/task/00000000-0000-4000-8000-000000000000.json")
        let (faithful, profiled) = twin.send(missing)
        #expect(faithful.status == 404)
        #expect(profiled.status == 400)
        #expect(profiled.body == faithful.body)
        #expect(twin.send(twin.sample(endpoint, auth: .none)).profiled.status == 403)
    }

    @Test func oneStatusCanBeMapped() throws {
        let twin = try Twin(["breaking.status-changed=404:410@/objects/{model}/{id}.json"])
        #expect(twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json"))).profiled.status == 200)
        let missing = SampleRequest(method: "DELETE", path: "objects/task/00000000-0000-4000-8000-000000000000.json")
        #expect(twin.send(missing).profiled.status == 410)
    }

    @Test func theDefaultStatusMapMovesEveryStatus() {
        for status in [200, 201, 204, 302, 304, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503] {
            #expect(ProfileOptions.StatusChange.defaultTarget(for: status) != status, "\(status)")
        }
    }

    @Test func theEnvelopeBecomesFlat() throws {
        let twin = try Twin(["breaking.error-envelope-changed"])
        let missing = SampleRequest(method: "GET", path: "objects/task/00000000-0000-4000-8000-000000000000.json")
        let (faithful, profiled) = twin.send(missing)
        #expect(profiled.status == 404)
        #expect(profiled.json == ["error": try #require(faithful.json?["detail"])])
    }

    @Test func theEnvelopeTypeCanBecomeCode() throws {
        let twin = try Twin(["breaking.error-envelope-changed=code@/{unknown}"])
        let (faithful, profiled) = twin.send(SampleRequest(method: "DELETE", path: "no-such-endpoint.json"))
        #expect(profiled.json?["code"] == "ROUTE_ERROR")
        #expect(profiled.json?["type"] == nil)
        #expect(profiled.json?.objectValue?.keys == ["code", "title", "detail", "see"])
        #expect(faithful.json?["type"] == "ROUTE_ERROR")
    }

    @Test func envelopesInsideABatchResultChangeToo() throws {
        let twin = try Twin(["breaking.error-envelope-changed@POST /batch.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("POST", "/batch.json")))
        #expect(profiled.status == 200)
        let detail = try #require(faithful.json?["operations"]?[1]?["error"]?["detail"])
        #expect(profiled.json?["operations"]?[1]?["error"] == ["error": detail])
        #expect(profiled.json?["operations"]?[0] == faithful.json?["operations"]?[0])
    }

    @Test func aRemovedEndpointIsAnUnknownRoute() throws {
        let twin = try Twin(["breaking.endpoint-removed@GET /users"])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/users")))
        #expect(profiled.status == 404)
        #expect(profiled.errorType == "ROUTE_ERROR")
        #expect(profiled.detail == "No route matches [GET] \"/api/v4/\(TestDeployment.id)/users\"")
        // As for any path the API does not have, credentials are checked first.
        #expect(twin.send(twin.sample(MockEndpoint("GET", "/users"), auth: .none)).profiled.status == 401)
        let (faithfulUser, profiledUser) = twin.send(twin.sample(MockEndpoint("GET", "/users/{user-id}")))
        #expect(faithfulUser == profiledUser)
    }

    @Test func aRemovedWriteEndpointWritesNothing() throws {
        let twin = try Twin(["breaking.endpoint-removed@POST /objects/{model}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("POST", "/objects/{model}.json")))
        #expect(faithful.status == 200)
        #expect(profiled.errorType == "ROUTE_ERROR")
        #expect(twin.profiled.send("GET", "objects/task/count.json").json?["count"] == 2)
    }
}
