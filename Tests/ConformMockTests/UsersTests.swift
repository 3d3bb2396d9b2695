import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// The users and sessions API (reference §15).
@Suite struct UsersTests {
    let mock = TestDeployment(seedUsers: true)
    static let lena = "c8c8c4f8-5013-11e7-a8c7-04017e679e01"
    static let sara = "5571fb26-54f7-11e7-a8f8-040151508301"
    static let lenaSession = "9469407e-8417-11e7-825d-040151508301"
    static let saraSession = "066b26c4-8418-11e7-9ba9-04017e679e01"

    /// The docs' list example, page by page.
    @Test func listIsTheDocsWrapperWithTheSeededUsers() throws {
        let response = mock.send("GET", "users?limit=2&skip=0")
        #expect(response.status == 200)
        let body = try #require(response.json)
        #expect(body.objectValue?.keys == ["total", "count", "more", "objects"])
        #expect(body["total"] == 3)
        #expect(body["count"] == 2)
        #expect(body["more"] == true)
        let lena = try #require(body["objects"]?[0])
        #expect(lena.objectValue?.keys == ["id", "last_connected_at", "enrolled", "locked", "sessions"])
        #expect(lena["id"] == .string(Self.lena))
        #expect(lena["last_connected_at"] == "2017-08-18T13:33:23Z")
        #expect(lena["enrolled"] == false)
        #expect(lena["locked"] == false)
        #expect(lena["sessions"]?[0] == [
            "id": .string(Self.lenaSession), "state": "LOCKED",
            "last_authenticated_at": "2017-08-18T13:17:26Z", "created_at": "2017-08-18T13:17:26Z",
            "signed_out_at": "2017-08-18T13:33:23Z", "last_connected_at": "2017-08-18T13:33:23Z",
            "container": ["version": "20.6.1", "bundle_id": "xyz.appinstall.myapp", "platform": "IOS"],
            "runtime": ["version": "4.82.0"], "device": ["id": "1234-1234-1234-1234"], "label": "Apple iPhone7,2",
            "sync_status": ["last_full_sync": "2018-07-31T12:17:58Z"],
        ])
        #expect(body["objects"]?[1]?["enrolled"] == true)
        let last = mock.send("GET", "users?limit=2&skip=2").json
        #expect(last?["count"] == 1)
        #expect(last?["more"] == false)
        #expect(last?["objects"]?[0]?["sessions"] == [])
        #expect(mock.send("GET", "users?limit=x").errorType == "INVALID_API_REQUEST")
    }

    @Test func usersAreObjectsOfTheUserModel() throws {
        let users = mock.send("GET", "objects/user.json").json
        #expect(users?["total"] == 3)
        #expect(users?["objects"]?[0]?["name"] == "Lena Deberon")
        #expect(users?["objects"]?[0]?["updated_at"] == "2015-02-05T08:17:01Z")
        let created = try #require(mock.create("user", ["name": "New", "email": "new@example.com"])["id"]?.stringValue)
        #expect(mock.send("GET", "users").json?["total"] == 4)
        #expect(mock.send("GET", "users/\(created)").json == [
            "id": .string(created), "last_connected_at": nil, "enrolled": false, "locked": false, "sessions": [],
        ])
        mock.send("DELETE", "objects/user/\(created).json")
        #expect(mock.send("GET", "users/\(created)").errorType == "OBJECT_NOT_FOUND")
        // The seeded users are oplog creates like any other.
        #expect(mock.send("GET", "oplog.json").json?["entries"]?.arrayValue?.count == 5)
    }

    @Test func getUserAndSessionAnswerAsInTheList() throws {
        let listed = mock.send("GET", "users").json?["objects"]?[1]
        #expect(mock.send("GET", "users/\(Self.sara)").json == listed)
        #expect(mock.send("GET", "users/\(Self.sara)/sessions/\(Self.saraSession)").json == listed?["sessions"]?[0])
    }

    @Test func lockLocksEnrolledSessionsAndUnlockClearsTheFlag() throws {
        let locked = try #require(mock.send("POST", "users/\(Self.sara)/lock").json)
        #expect(locked["locked"] == true)
        #expect(locked["enrolled"] == false)
        #expect(locked["sessions"]?[0]?["state"] == "LOCKED")
        #expect(locked["sessions"]?[0]?["signed_out_at"] == "2015-02-05T08:17:01Z")
        let unlocked = try #require(mock.send("POST", "users/\(Self.sara)/unlock").json)
        #expect(unlocked["locked"] == false)
        #expect(unlocked["sessions"]?[0]?["state"] == "LOCKED")
        #expect(mock.send("GET", "users/\(Self.sara)").json == unlocked)
    }

    @Test func wipeResetsASessionAndReAuthenticateLocksIt() throws {
        let path = "users/\(Self.sara)/sessions/\(Self.saraSession)"
        let reauthenticated = try #require(mock.send("POST", path + "/re-authenticate").json)
        #expect(reauthenticated["state"] == "LOCKED")
        #expect(reauthenticated["signed_out_at"] == "2015-02-05T08:17:01Z")
        let wiped = try #require(mock.send("POST", path + "/wipe").json)
        #expect(wiped["state"] == "RESET")
        #expect(wiped["signed_out_at"] == "2015-02-05T08:17:02Z")
        #expect(mock.send("POST", path + "/re-authenticate").json?["state"] == "RESET")
        #expect(mock.send("GET", path).json?["state"] == "RESET")
    }

    @Test func authenticationTokenIsFreshHexEachTime() throws {
        let first = try #require(mock.send("POST", "users/\(Self.lena)/authentication-token").json?["token"]?.stringValue)
        let second = try #require(mock.send("POST", "users/\(Self.lena)/authentication-token").json?["token"]?.stringValue)
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit))
        #expect(first != second)
        #expect(TestDeployment(seedUsers: true).send("POST", "users/\(Self.lena)/authentication-token").json?["token"] == .string(first))
    }

    @Test(arguments: [
        ("GET", "users/550e8400-e29b-41d4-a716-446655440000", "No user found with ID: '550e8400-e29b-41d4-a716-446655440000'"),
        ("POST", "users/123/lock", "No user found with ID: '123'"),
        ("POST", "users/123/unlock", "No user found with ID: '123'"),
        ("POST", "users/123/authentication-token", "No user found with ID: '123'"),
        ("GET", "users/\(lena)/sessions/\(saraSession)", "No session found with ID: '\(saraSession)'"),
        ("POST", "users/\(lena)/sessions/nope/wipe", "No session found with ID: 'nope'"),
        ("POST", "users/123/sessions/\(lenaSession)/re-authenticate", "No user found with ID: '123'"),
    ])
    func unknownUsersAndSessionsAreNotFound(_ method: String, _ path: String, _ detail: String) {
        let response = mock.send(method, path)
        #expect(response.status == 404)
        #expect(response.errorType == "OBJECT_NOT_FOUND")
        #expect(response.detail == detail)
    }

    @Test func objectsOfOtherModelsAreNotUsers() throws {
        let task = try #require(mock.create("task", ["name": "x"])["id"]?.stringValue)
        #expect(mock.send("GET", "users/\(task)").errorType == "OBJECT_NOT_FOUND")
    }

    @Test func withoutAnAppUserModelThereAreNoUsers() throws {
        let dataModel = try DataModel.parse(xml: Array(ExampleModels.withIndexes.utf8))
        let mock = TestDeployment(dataModel: dataModel, seedUsers: true)
        #expect(mock.send("GET", "users").json == ["total": 0, "count": 0, "more": false, "objects": []])
        #expect(mock.send("GET", "users/\(Self.lena)").errorType == "OBJECT_NOT_FOUND")
    }

    @Test(arguments: [("GET", "users.json"), ("GET", "users/"), ("PUT", "users/\(lena)"), ("GET", "users/\(lena)/lock"), ("DELETE", "users/\(lena)")])
    func otherPathsAndMethodsAreRouteErrors(_ method: String, _ path: String) {
        #expect(mock.send(method, path).errorType == "ROUTE_ERROR")
    }
}
