import ConformDataModel
import Testing
@testable import ConformInit

/// Relationships link to objects the spec creates first; teardown deletes the model's own
/// objects before the objects they link to; cycles and self-references end after one level.
@Suite struct RelationshipPlanTests {
    /// `(method, path)` of every request a document sends, cases then teardown.
    private func requests(_ document: SpecDocument) -> (cases: [String], teardown: [String]) {
        (document.cases.map { "\($0.request.method) \($0.request.path)" }, document.teardown.map { "\($0.request.method) \($0.request.path)" })
    }

    @Test func parentsAreCreatedFirstAndDeletedLast() throws {
        let dataModel = try Models.fieldService()
        let plan = ModelPlan(model: try #require(dataModel.model(named: "inspection")), in: dataModel)
        // Two belongs-to to `user` get two objects, each captured under its own name.
        #expect(plan.parents.map(\.variable) == ["asset_id", "inspector_id", "reviewer_id"])
        for (name, document) in SuiteGenerator.documents(for: plan) {
            let (cases, teardown) = requests(document)
            #expect(Array(cases.prefix(3)) == ["POST /objects/asset.json", "POST /objects/user.json", "POST /objects/user.json"], "\(name)")
            #expect(Array(teardown.suffix(3)) == ["DELETE /objects/user/${reviewer_id}.json", "DELETE /objects/user/${inspector_id}.json",
                                                  "DELETE /objects/asset/${asset_id}.json"], "\(name)")
            // The model's own objects go before any parent.
            let ownDeletes = teardown.prefix { $0.hasPrefix("DELETE /objects/inspection/") }
            #expect(ownDeletes.count == teardown.count - 3, "\(name)")
            #expect(!ownDeletes.isEmpty, "\(name)")
        }
    }

    @Test func parentsCarryNoLinksOfTheirOwnSoCyclesStop() throws {
        let dataModel = try Models.fieldService()
        // user → team → lead (a user): the team created for a user links to nobody.
        let plan = ModelPlan(model: try #require(dataModel.model(named: "user")), in: dataModel)
        let create = try #require(plan.parentCases.first)
        #expect(create.name == "creates a team to link as team")
        let body = YAMLEmitter().document(try #require(create.request.json))
        #expect(body == "team: { name: Sample name }\n")
        #expect(!body.contains("_id"))
    }

    @Test func aSelfReferenceLinksToAnotherObjectOfTheSameModel() throws {
        let dataModel = try Models.fieldService()
        let plan = ModelPlan(model: try #require(dataModel.model(named: "site")), in: dataModel)
        let read = ReadSpec(plan: plan).document
        let (cases, teardown) = requests(read)
        #expect(cases == ["POST /objects/site.json", "POST /objects/site.json", "GET /objects/site/${object}.json",
                          "GET /objects/site/c3d59ff0-ba4a-11e3-a567-001e6733fe3d.json"])
        #expect(teardown == ["DELETE /objects/site/${object}.json", "DELETE /objects/site/${parent_site_id}.json"])
        // The parent has no `${run}` marker, so the list checks never count it.
        #expect(!YAMLEmitter().document(try #require(read.cases[0].request.json)).contains("${run}"))
    }

    @Test func isolationPrefersTheMarkerThenARelationship() throws {
        let dataModel = try Models.fieldService()
        func isolation(_ name: String) throws -> String {
            let plan = ModelPlan(model: try #require(dataModel.model(named: name)), in: dataModel)
            return plan.isolation.query.map(\.0).joined()
        }
        #expect(try isolation("site") == "query[name.contains]")
        #expect(try isolation("user") == "query[name.contains]")
        // `serial` is text:number, which cannot carry a marker; `notes` (paragraph) can.
        #expect(try isolation("asset") == "query[notes.contains]")
        // No text at all: the asset every inspection of the file links to tells them apart.
        #expect(try isolation("inspection") == "query[asset_id]")
        #expect(try isolation("reading") == "")
    }

    @Test func articlesReadNaturally() {
        #expect(ModelPlan.article("asset") == "an")
        #expect(ModelPlan.article("user") == "a")
        #expect(ModelPlan.article("update") == "an")
        #expect(ModelPlan.article("unit") == "a")
        #expect(ModelPlan.article("task") == "a")
        #expect(ModelPlan.article("") == "a")
    }
}
