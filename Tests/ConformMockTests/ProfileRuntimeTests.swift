import Testing
import ConformShape
@testable import ConformMock

/// The profile syntax, the catalog against the routes, schedules, combinations, switching
/// profiles at runtime and resetting the store between runs.
@Suite struct ProfileRuntimeTests {
    // MARK: - Syntax

    @Test("valid profiles read and write back", arguments: [
        ("faithful", "faithful"),
        ("additive", "additive"),
        ("breaking.field-dropped", "breaking.field-dropped"),
        ("breaking.field-dropped@GET /objects/{model}/{id}.json", "breaking.field-dropped@GET /objects/{model}/{id}.json"),
        ("breaking.field-renamed@get /objects/{model}/{id}.json#updated_at", "breaking.field-renamed@GET /objects/{model}/{id}.json#updated_at"),
        ("breaking.field-renamed=mtime#updated_at", "breaking.field-renamed=mtime#updated_at"),
        ("breaking.field-dropped@GET /objects/{model}.json?query[field]=value", "breaking.field-dropped@GET /objects/{model}.json"),
        ("breaking.field-dropped@/api/v4/{deployment-id}/users", "breaking.field-dropped@/users"),
        ("breaking.status-changed@/objects/{model}/{id}.json", "breaking.status-changed@/objects/{model}/{id}.json"),
        ("breaking.field-dropped@all#$.entries[*].object.updated_at", "breaking.field-dropped#$.entries[*].object.updated_at"),
        ("fault.503=2@GET /objects/{model}.json%2", "fault.503=2@GET /objects/{model}.json%2"),
        ("fault.503%first:3", "fault.503%first:3"),
        ("fault.503%1", "fault.503"),
        ("  fault.slow=0.5  ", "fault.slow=0.5"),
        ("fault.large=512k", "fault.large=512k"),
        ("breaking.error-envelope-changed@GET /{unknown}", "breaking.error-envelope-changed@GET /{unknown}"),
        ("fault.500@DELETE /{unknown}", "fault.500@DELETE /{unknown}"),
        ("breaking.field-dropped@/objects/{model}/{id}.json", "breaking.field-dropped@/objects/{model}/{id}.json"),
        ("additive@GET /objects/{model}/changes.json", "additive@GET /objects/{model}/changes.json"),
    ])
    func parses(_ text: String, _ canonical: String) throws {
        let profile = try MockProfile.parse(text)
        #expect(profile.description == canonical)
        #expect(try MockProfile.parse(profile.description) == profile)
    }

    @Test("invalid profiles say what is wrong", arguments: [
        ("", "empty"),
        ("breaking.field-dropd", "did you mean 'breaking.field-dropped'?"),
        ("field-renamed", "did you mean 'breaking.field-renamed'?"),
        ("fault", "name one kind of the family"),
        ("teapot", "unknown kind 'teapot'. Kinds: faithful, additive"),
        ("faithful@GET /users", "faithful takes no parameter, target or schedule"),
        ("additive=1", "additive takes no =VALUE parameter"),
        ("fault.503#id", "takes no #FIELD target"),
        ("breaking.field-dropped#not a field", "is not a field name"),
        ("breaking.field-dropped#$.objects[0]", "is not a field name"),
        ("breaking.field-dropped@GET /nothing.json", "no endpoint 'GET /nothing.json'; endpoints are: GET /objects/{model}.json"),
        ("breaking.field-dropped@objects", "is not an endpoint"),
        ("breaking.field-dropped@DELETE /objects/{model}/{id}.json", "does not apply to DELETE /objects/{model}/{id}.json (its answers hold no JSON records)"),
        ("breaking.field-nulled@GET /info.json", "does not apply to GET /info.json"),
        ("breaking.list-wrapper-changed@GET /info.json", "its answers are not a list wrapper"),
        ("breaking.endpoint-removed@GET /{unknown}", "only endpoints of the API can be removed"),
        ("breaking.endpoint-removed@DELETE /{unknown}", "only endpoints of the API can be removed"),
        ("fault.503@GET /objects/{model}/changes.json", "exists only under additive"),
        ("breaking.field-type-changed=date", "unknown type 'date'"),
        ("breaking.field-renamed=a b", "must be letters"),
        ("breaking.status-changed=99", "not an HTTP status"),
        ("breaking.status-changed=100", "not an HTTP status from 200 to 599"),
        ("breaking.status-changed=404:", "not an HTTP status"),
        ("breaking.error-envelope-changed=xml", "neither flat nor code"),
        ("fault.503=-1", "whole seconds"),
        ("fault.slow=soon", "seconds from 0 to 86400"),
        ("fault.slow=1e9", "seconds from 0 to 86400"),
        ("fault.large=0", "positive number of bytes"),
        ("fault.large=3G", "positive number of bytes"),
        ("fault.large=99999999999999999999M", "positive number of bytes"),
        ("fault.503%0", "is not a schedule"),
        ("fault.503%first:", "is not a schedule"),
        ("fault.503%every", "is not a schedule"),
        ("fault.503%99999999999", "is not a schedule"),
        (String(repeating: "x", count: 1001), "longer than 1000"),
    ])
    func refuses(_ text: String, _ message: String) {
        #expect {
            try MockProfile.parse(text)
        } throws: { error in
            let description = (error as? ProfileError)?.description ?? ""
            return description.contains(message) && description.hasPrefix("invalid profile '")
        }
    }

    @Test func arbitraryTextNeverTraps() {
        let pieces = ["fault.503", "@", "#", "%", "=", "$", "[*]", ".*", "GET", " ", "/x", "first:", "2", "\u{0}", "é", "{", "}"]
        var generator = SplitMix64(state: 9)
        var accepted = 0
        var refused = 0
        for _ in 0..<2000 {
            let text = (0..<Int(generator.next() % 8)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            do {
                let profile = try MockProfile.parse(text)
                // What was accepted reads back the same from its own description.
                #expect(try MockProfile.parse(profile.description) == profile, "\(text)")
                accepted += 1
            } catch {
                // What was refused is refused with a message naming the text.
                #expect(error.profile == text && !error.message.isEmpty, "\(text)")
                refused += 1
            }
        }
        #expect(accepted > 0 && refused > 0, "both outcomes were exercised")
    }

    // MARK: - Catalog

    @Test func theCatalogNamesEveryRouteAndNoOther() {
        let deployment = TestDeployment().deployment
        #expect(Set(ProfileCatalog.allEndpoints) == Set(deployment.apiEndpoints))
        #expect(ProfileCatalog.allEndpoints.count == Set(ProfileCatalog.allEndpoints).count)
    }

    @Test func theCatalogListsWhereEachKindApplies() {
        #expect(ProfileCatalog.endpoints(for: .listWrapperChanged).map(\.description) == [
            "GET /objects/{model}.json", "POST /objects/{model}/search.json", "POST /objects/{model}/query.json",
            "GET /oplog.json", "GET /users",
        ])
        #expect(!ProfileCatalog.endpoints(for: .fieldDropped).contains(MockEndpoint("DELETE", "/objects/{model}/{id}.json")))
        #expect(ProfileCatalog.endpoints(for: .endpointRemoved).count == ProfileCatalog.allEndpoints.count)
        #expect(ProfileCatalog.endpoints(for: .statusChanged).last == MockEndpoint("GET", "/{unknown}"))
        #expect(ProfileCatalog.endpoints(for: .additive).contains(ProfileCatalog.additiveEndpoint))
        #expect(ProfileCatalog.endpoints(for: .faithful).isEmpty)
        #expect(ProfileCatalog.defaultField(for: .fieldDropped, at: MockEndpoint("GET", "/objects/{model}.json")) == "updated_at")
        #expect(ProfileCatalog.defaultField(for: .fieldNulled, at: MockEndpoint("GET", "/info.json")) == nil)
        #expect(ProfileCatalog.recordLocation(at: MockEndpoint("GET", "/oplog.json")) == "$.entries[*]")
        #expect(ProfileCatalog.entries.map(\.kind) == ProfileKind.allCases)
        #expect(ProfileCatalog.text.contains("  GET /objects/{model}/{id}.json  "))
        #expect(ProfileCatalog.text.contains("  $.updated_at → modified_at\n"))
    }

    // MARK: - Schedules

    func statuses(_ deployment: TestDeployment, _ path: String, _ count: Int) -> [Int] {
        (0..<count).map { _ in deployment.send("GET", path).status }
    }

    @Test func oneInNStartsWithTheFirst() {
        let mock = TestDeployment(profiles: [try! MockProfile.parse("fault.503@GET /objects/{model}.json%2")])
        #expect(statuses(mock, "objects/task.json", 5) == [503, 200, 503, 200, 503])
        let third = TestDeployment(profiles: [try! MockProfile.parse("fault.503%3")])
        #expect(statuses(third, "info.json", 6) == [503, 200, 200, 503, 200, 200])
    }

    @Test func firstNThenNoMore() {
        let mock = TestDeployment(profiles: [try! MockProfile.parse("fault.500%first:2")])
        #expect(statuses(mock, "info.json", 4) == [500, 500, 200, 200])
    }

    @Test func requestsTheKindDoesNotApplyToAreNotCounted() {
        // DELETE has no records: a field change on the path skips it, and does not count it.
        let mock = TestDeployment(profiles: [try! MockProfile.parse("breaking.field-dropped@/objects/{model}/{id}.json%2")])
        let id = mock.create("task", ["name": "Counted"])["id"]?.stringValue ?? ""
        mock.send("DELETE", "objects/task/\(UUIDs.other).json")
        let first = mock.send("GET", "objects/task/\(id).json").json
        let second = mock.send("GET", "objects/task/\(id).json").json
        #expect(first?["updated_at"] == nil)
        #expect(second?["updated_at"] != nil)
    }

    enum UUIDs {
        static let other = "00000000-0000-4000-8000-000000000000"
    }

    @Test func onlyTargetedRequestsCount() {
        let mock = TestDeployment(profiles: [try! MockProfile.parse("fault.503@GET /info.json%2")])
        #expect(statuses(mock, "info.json", 1) == [503])
        #expect(statuses(mock, "indexes.json", 3) == [200, 200, 200])
        #expect(statuses(mock, "info.json", 2) == [200, 503])
    }

    // MARK: - Combinations

    @Test func additiveAndABreakingChangeCombine() throws {
        let twin = try Twin(["additive", "breaking.field-dropped@GET /objects/{model}/{id}.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json")))
        #expect(profiled.json?["updated_at"] == nil)
        #expect(profiled.json?[AdditiveDrift.textField] != nil)
        #expect(profiled.json?.removingMembers(named: [AdditiveDrift.textField, AdditiveDrift.objectField, "updated_at"])
            == faithful.json?.removingMembers(named: ["updated_at"]))
    }

    @Test func twoBreakingChangesApplyInOrderEachOnItsEndpoint() throws {
        let twin = try Twin(["breaking.field-renamed@GET /users", "breaking.list-wrapper-changed@GET /users",
                             "breaking.status-changed@GET /info.json"])
        let users = twin.send(twin.sample(MockEndpoint("GET", "/users"))).profiled.json
        #expect(users?.arrayValue?.allSatisfy { $0["is_locked"] != nil && $0["locked"] == nil } == true)
        #expect(twin.send(twin.sample(MockEndpoint("GET", "/info.json"))).profiled.status == 201)
    }

    @Test func aStatusFaultWinsOverEverythingElse() throws {
        let twin = try Twin(["additive", "breaking.status-changed", "fault.503=1", "fault.500"])
        let (_, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/info.json")))
        #expect(profiled.status == 503)
        #expect(profiled.json?[AdditiveDrift.textField] == nil)
    }

    @Test func transportFaultsApplyAfterDrift() throws {
        let twin = try Twin(["breaking.field-dropped@GET /info.json", "fault.truncated@GET /info.json", "fault.slow=1@GET /info.json"])
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/info.json")))
        var dropped = try #require(faithful.json?.objectValue)
        dropped["last_deployed_at"] = nil
        let full = JSONValue.object(dropped).compactBytes
        #expect(profiled.delivery == MockDelivery(delay: .seconds(1), ending: .close(afterBytes: full.count / 2)))
        #expect(profiled.body == full)
    }

    // MARK: - Runtime switching and reset

    @Test func profilesSwitchAtRuntimeAndSchedulesStartAgain() throws {
        let mock = TestDeployment()
        #expect(mock.deployment.profiles.isFaithful)
        try mock.deployment.setProfiles(parsing: ["fault.503%2"])
        #expect(statuses(mock, "info.json", 3) == [503, 200, 503])
        try mock.deployment.setProfiles(parsing: ["fault.503%2"])
        #expect(statuses(mock, "info.json", 1) == [503])
        #expect(mock.deployment.profiles.description == "fault.503%2")
        mock.deployment.setProfiles(.faithful)
        #expect(statuses(mock, "info.json", 2) == [200, 200])
        #expect(throws: ProfileError.self) { try mock.deployment.setProfiles(parsing: ["additive", "nonsense"]) }
        #expect(mock.deployment.profiles.isFaithful, "a bad set changes nothing")
    }

    @Test func theConfigurationsProfilesApplyFromTheStart() throws {
        let mock = TestDeployment(profiles: try MockProfileSet(parsing: ["breaking.status-changed=418@GET /info.json"]))
        #expect(mock.send("GET", "info.json").status == 418)
    }

    @Test func switchingWhileRequestsRunIsSafe() async throws {
        let mock = TestDeployment()
        let sets = [MockProfileSet.faithful, try MockProfileSet(parsing: ["breaking.field-dropped", "additive"]),
                    try MockProfileSet(parsing: ["fault.503%2"]), try MockProfileSet(parsing: ["breaking.list-wrapper-changed"])]
        mock.create("task", ["name": "Concurrent"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for index in 0..<400 { mock.deployment.setProfiles(sets[index % sets.count]) }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<100 {
                        let response = mock.send("GET", "objects/task.json")
                        // Each answer comes from one whole set: faithful, dropped+additive, 503, or bare.
                        switch response.json {
                        case .array(let objects)?: #expect(objects.count == 1)
                        case .object(let wrapper)?:
                            if response.status == 503 { #expect(wrapper["type"] == "SERVICE_UNAVAILABLE") } else {
                                let object = wrapper["objects"]?[0]
                                #expect((object?["updated_at"] == nil) == (object?[AdditiveDrift.textField] != nil))
                            }
                        default: Issue.record("not JSON: \(response.status)")
                        }
                    }
                }
            }
        }
    }

    @Test func resetPutsTheStoreBackAsItStarted() throws {
        let mock = TestDeployment(seedUsers: true)
        let first = mock.create("task", ["name": "Before reset"])
        let lockedAtStart = mock.send("GET", "users/\(SampleRequest.lena)").json?["locked"]
        mock.send("POST", "users/\(SampleRequest.lena)/\(lockedAtStart == true ? "unlock" : "lock")")
        #expect(mock.send("GET", "users/\(SampleRequest.lena)").json?["locked"] != lockedAtStart)
        let oplogBefore = mock.send("GET", "oplog.json").json?["entries"]?.arrayValue?.count
        #expect(oplogBefore == 4)

        mock.deployment.resetStore()
        #expect(mock.send("GET", "objects/task/count.json").json?["count"] == 0)
        #expect(mock.send("GET", "users").json?["total"] == 3)
        #expect(mock.send("GET", "users/\(SampleRequest.lena)").json?["locked"] == lockedAtStart)
        #expect(mock.send("GET", "oplog.json").json?["entries"]?.arrayValue?.count == 3)
        // The ID generator and the clock start over, so a run after a reset repeats the IDs.
        let again = mock.create("task", ["name": "After reset"])
        #expect(again["id"] == first["id"])
        #expect(again["updated_at"] == first["updated_at"])
    }

    @Test func resetRefillsTheRateLimit() throws {
        let ticker = ManualTicker()
        let configuration = try MockConfiguration(rateLimit: try RateLimit(rate: 1, burst: 1), rateLimitTicker: .manual(ticker))
        let deployment = MockDeployment(configuration: configuration)
        let request = MockRequest(method: "GET", target: "/api/v4/\(TestDeployment.id)/info.json",
                                  headers: ["Authorization": "Bearer O:\(TestDeployment.token)"])
        #expect(deployment.respond(to: request).status == 200)
        #expect(deployment.respond(to: request).status == 429)
        deployment.reset(profiles: .faithful)
        #expect(deployment.respond(to: request).status == 200)
    }

    @Test func resetWithProfilesStartsARun() throws {
        let mock = TestDeployment()
        mock.create("task", ["name": "Old run"])
        mock.deployment.reset(profiles: try MockProfileSet(parsing: ["breaking.list-wrapper-changed"]))
        #expect(mock.send("GET", "objects/task.json").json == [])
    }
}
