import Testing
import ConformShape
@testable import ConformMock

/// `additive` only adds: take the added members away and every answer is the faithful one;
/// and it adds to every object that is not a map keyed by names, on every endpoint.
@Suite struct AdditiveProfileTests {
    static let added: Set<String> = [AdditiveDrift.textField, AdditiveDrift.objectField]
    static let endpoints = ProfileCatalog.allEndpoints + [MockEndpoint.unknownRoute(method: "GET")]

    @Test("removing the added members gives the faithful answer back", arguments: endpoints)
    func onlyAdds(_ endpoint: MockEndpoint) throws {
        let twin = try Twin(["additive"])
        for auth in [TestDeployment.Auth.valid, .none] {
            let (faithful, profiled) = twin.send(twin.sample(endpoint, auth: auth))
            #expect(profiled.status == faithful.status)
            #expect(profiled.json?.removingMembers(named: Self.added) == faithful.json, "\(endpoint)")
            if faithful.json == nil { #expect(profiled.body == faithful.body) }
            for header in AdditiveDrift.headers { #expect(profiled.headers[header.name] == header.value) }
            for field in faithful.headers { #expect(profiled.headers[field.name] != nil) }
        }
    }

    @Test("every object that is not a map gets the unknown members", arguments: endpoints)
    func addsEverywhere(_ endpoint: MockEndpoint) throws {
        let twin = try Twin(["additive"])
        for auth in [TestDeployment.Auth.valid, .none] {
            let json = twin.send(twin.sample(endpoint, auth: auth)).profiled.json
            for (path, object) in json?.objects() ?? [] where !Self.isMapOrAdded(path) {
                #expect(object[AdditiveDrift.textField] == "added by conform mock --profile additive", "\(endpoint) \(path)")
                #expect(object[AdditiveDrift.objectField]?.objectValue != nil, "\(endpoint) \(path)")
            }
        }
    }

    /// Maps keyed by names take no new entries (a new key there is a new model or field), and
    /// the added object itself is left as it is.
    static func isMapOrAdded(_ path: String) -> Bool {
        let last = path.split(separator: ".").last.map(String.init) ?? ""
        return ["models", "fields", "belongs_to", "has_many", "key", AdditiveDrift.objectField].contains(last)
    }

    @Test func theRecordsThemselvesCarryTheMembers() throws {
        let twin = try Twin(["additive"])
        let object = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}/{id}.json"))).profiled.json
        #expect(object?[AdditiveDrift.textField] != nil)
        #expect(object?["status"]?[AdditiveDrift.textField] != nil)
        let batch = twin.send(twin.sample(MockEndpoint("POST", "/batch.json"))).profiled.json
        #expect(batch?[AdditiveDrift.textField] != nil)
        #expect(batch?["operations"]?[0]?[AdditiveDrift.textField] != nil)
        #expect(batch?["operations"]?[0]?["object"]?[AdditiveDrift.textField] != nil)
        #expect(batch?["operations"]?[1]?["error"]?[AdditiveDrift.textField] != nil)
        let oplog = twin.send(twin.sample(MockEndpoint("GET", "/oplog.json"))).profiled.json
        #expect(oplog?["entries"]?[0]?[AdditiveDrift.textField] != nil)
        #expect(oplog?["entries"]?[0]?["object"]?[AdditiveDrift.textField] != nil)
        let model = twin.send(twin.sample(MockEndpoint("GET", "/datamodel.json"))).profiled.json?["models"]?["task"]
        #expect(model?[AdditiveDrift.textField] != nil)
        #expect(model?["fields"]?["status"]?["options"]?[0]?[AdditiveDrift.textField] != nil)
        #expect(model?["fields"]?[AdditiveDrift.textField] == nil)
        let user = twin.send(twin.sample(MockEndpoint("GET", "/users/{user-id}"))).profiled.json
        #expect(user?["sessions"]?[0]?["container"]?[AdditiveDrift.textField] != nil)
    }

    @Test func embeddedObjectsAreObjectsToo() throws {
        let twin = try Twin(["additive"])
        let path = "objects/task/\(twin.task).json?embed=category"
        let embedded = twin.profiled.send("GET", path).json?["category"]
        #expect(embedded?[AdditiveDrift.textField] != nil)
        #expect(embedded?["name"] == "Kitchen")
    }

    @Test func theNewEndpointExistsOnlyUnderAdditive() throws {
        let twin = try Twin(["additive"])
        let (faithful, profiled) = twin.send(twin.sample(ProfileCatalog.additiveEndpoint))
        #expect(faithful.status == 404)
        #expect(faithful.errorType == "OBJECT_NOT_FOUND")
        #expect(profiled.status == 200)
        let changes = try #require(profiled.json?["changes"]?.arrayValue)
        #expect(changes.map { $0["operation"] } == ["create", "create"])
        #expect(changes.first?["id"] == .string(twin.task))
        #expect(profiled.json?["count"] == 2)
    }

    @Test func additiveOnOneEndpointLeavesTheOthersAndAddsNoEndpoint() throws {
        let twin = try Twin(["additive@GET /users"])
        #expect(twin.send(twin.sample(MockEndpoint("GET", "/users"))).profiled.json?[AdditiveDrift.textField] != nil)
        let (faithful, profiled) = twin.send(twin.sample(MockEndpoint("GET", "/objects/{model}.json")))
        #expect(faithful == profiled)
        #expect(twin.send(twin.sample(ProfileCatalog.additiveEndpoint)).profiled.status == 404)
    }

    @Test func anExistingMemberIsNeverOverwritten() {
        var object = JSONObject([(AdditiveDrift.textField, JSONValue.string("mine"))])
        AdditiveDrift.addFields(to: &object)
        #expect(object[AdditiveDrift.textField] == "mine")
        #expect(object[AdditiveDrift.objectField] != nil)
    }
}
