import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock

/// `datamodel.json`, `datamodel.xml`, `info.json` and `indexes.json` (reference §13).
@Suite struct DataModelRouteTests {
    let mock = TestDeployment()

    @Test func datamodelJSONIsTheCodecFormWithAStrongETag() throws {
        let response = mock.send("GET", "datamodel.json")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.json == DataModel.shipped.datamodelJSON)
        let tag = try #require(response.headers["ETag"])
        #expect(tag == "\"\(DataModel.shipped.hash)\"")
        #expect(response.json?["datamodel_hash"] == .string(DataModel.shipped.hash))
        // The oplog reports the same hash.
        #expect(mock.send("GET", "oplog.json").json?["datamodel_hash"] == response.json?["datamodel_hash"])
    }

    @Test(arguments: ["TAG", "W/TAG", "\"other\", TAG", "*"])
    func matchingIfNoneMatchIsNotModified(_ header: String) throws {
        let tag = try #require(mock.send("GET", "datamodel.json").headers["ETag"])
        let response = mock.send("GET", "datamodel.json", headers: ["If-None-Match": header.replacingOccurrences(of: "TAG", with: tag)])
        #expect(response.status == 304)
        #expect(response.body.isEmpty)
        #expect(response.headers["ETag"] == tag)
    }

    @Test func otherIfNoneMatchGetsTheBody() {
        let response = mock.send("GET", "datamodel.json", headers: ["If-None-Match": "\"something-else\""])
        #expect(response.status == 200)
        #expect(response.json?["models"]?["task"] != nil)
    }

    @Test func datamodelXMLIsTheXMLAsLoaded() {
        let response = mock.send("GET", "datamodel.xml", headers: ["Accept": "application/xml"])
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/xml; charset=utf-8")
        #expect(response.body == Array(DataModel.shippedXML.utf8))
        let tag = response.headers["ETag"]
        #expect(tag != nil && tag != mock.send("GET", "datamodel.json").headers["ETag"])
        #expect(mock.send("GET", "datamodel.xml", headers: ["If-None-Match": tag ?? ""]).status == 304)
    }

    @Test func aModelReadFromDatamodelJSONServesWrittenXML() throws {
        let fromJSON = try DataModel.parse(datamodelJSON: DataModel.shipped.datamodelJSON)
        let mock = TestDeployment(dataModel: fromJSON)
        let xml = mock.send("GET", "datamodel.xml").body
        #expect(try DataModel.parse(xml: xml).models.map(\.name) == DataModel.shipped.models.map(\.name))
        #expect(mock.send("GET", "datamodel.json").json?["datamodel_hash"] == .string(DataModel.shipped.hash))
    }

    @Test func infoHasTheClientCodecKeys() throws {
        let body = try #require(mock.send("GET", "info.json").json?.objectValue)
        #expect(body.keys == [
            "label", "app_label", "app_id", "org_id", "region", "environment", "last_deployed_at", "deployed_by_name",
            "deployed_by_email",
        ])
        #expect(body["app_id"]?.stringValue.map(MockConfiguration.isDeploymentID) == true)
        #expect(body["last_deployed_at"] == "2015-02-05T08:17:01Z")
        // Reading the start time does not move the clock: the first write still gets it.
        #expect(mock.create("category", ["name": "x"])["updated_at"] == "2015-02-05T08:17:01Z")
    }

    @Test func indexesListTheInternalIndexAndTheSchemaIndexes() throws {
        let dataModel = try DataModel.parse(xml: Array(ExampleModels.withIndexes.utf8))
        let body = try #require(TestDeployment(dataModel: dataModel).send("GET", "indexes.json").json)
        let asset = try #require(body["models"]?["asset"]?["indexes"]?.arrayValue)
        #expect(asset.count == 3)
        #expect(asset[0] == ["key": ["_id": 1], "name": "_id_", "status": "ready", "type": "internal", "usage_stats": nil])
        #expect(asset[1] == ["key": ["building_id": 1], "name": "building", "status": "ready", "type": "schema", "usage_stats": nil])
        #expect(asset[2]["key"] == ["make": 1, "serial_number": -1])
        #expect(asset[2]["name"] == "by_make")
        #expect(body["models"]?["building"]?["indexes"]?.arrayValue?.count == 1)
    }

    @Test func metadataRoutesNeedCredentialsAndTheExactPath() {
        #expect(mock.send("GET", "datamodel.json", auth: .none).status == 401)
        #expect(mock.send("GET", "datamodel").errorType == "ROUTE_ERROR")
        #expect(mock.send("POST", "info.json", json: [:]).errorType == "ROUTE_ERROR")
    }
}

/// Small data models for route tests.
enum ExampleModels {
    static let withIndexes = """
        <data-model>
          <model name="asset" label="Asset">
            <field name="make" label="Make" type="text:name"/>
            <field name="serial_number" label="Serial Number" type="text:number"/>
            <belongs-to model="building"/>
            <index on="building"/>
            <index on="make,-serial_number" name="by_make"/>
            <display>{make}</display>
          </model>
          <model name="building" label="Building">
            <field name="name" label="Name" type="text:name"/>
            <has-many model="asset" name="assets"/>
            <display>{name}</display>
          </model>
        </data-model>
        """
}
