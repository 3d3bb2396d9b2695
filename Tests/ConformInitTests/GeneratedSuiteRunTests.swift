import ConformDataModel
import ConformRunner
import Testing
@testable import ConformInit

/// Generated suites run, in this process, against the mock serving the same data model: every
/// case passes (batch included), no field is reported as drift, and teardown leaves the
/// deployment as it found it (the seeded app users, nothing else).
@Suite struct GeneratedSuiteRunTests {
    /// Data models with the shapes that stress the generator.
    static let edgeCases: [(String, String)] = [
        ("a model called shapes, and one with only a self-reference", """
          <model name="shapes" label="Shapes">
            <field name="title" label="Title" type="text"/>
            <display>{title}</display>
          </model>
          <model name="node" label="Node">
            <belongs-to model="node" name="parent"/>
            <display>{parent}</display>
          </model>
        """),
        ("no text, no relationship, a choice without options, a track", """
          <model name="sample" label="Sample">
            <field name="route" label="Route" type="track"/>
            <field name="kind" label="Kind" type="single-choice"/>
            <field name="scan" label="Scan" type="attachment" media="image/png"/>
            <field name="taken_at" label="Taken At" type="datetime"/>
            <display>{taken_at}</display>
          </model>
        """),
        ("labels and keys that look like placeholders", """
          <model name="quote" label="Quote">
            <field name="cost" label="Cost ${x}" type="text"/>
            <field name="kind" label="Kind" type="single-choice">
              <option key="k${y}">A ${b} label</option>
              <option key="$${z}">Literal</option>
            </field>
            <field name="grade" label="Grade" type="multiple-choice">
              <option key="a${c}">A</option>
            </field>
            <display>{cost}</display>
          </model>
        """),
        ("a cycle of three and upper-case names", """
          <model name="WorkOrder" label="Work Order">
            <field name="Code" label="Code" type="text:number"/>
            <belongs-to model="crew"/>
            <display>{Code}</display>
          </model>
          <model name="crew" label="Crew">
            <field name="size" label="Size" type="integer"/>
            <belongs-to model="depot"/>
            <display>{size}</display>
          </model>
          <model name="depot" label="Depot">
            <field name="manual" label="Manual" type="attachment" media="application/msword"/>
            <belongs-to model="WorkOrder" name="current_order"/>
            <display>{current_order}</display>
          </model>
        """),
    ]

    @Test func theShippedDataModelsSuitePasses() async throws {
        try await expectPasses(.shipped)
    }

    @Test func theFieldServiceSuitePasses() async throws {
        try await expectPasses(try Models.fieldService())
    }

    @Test(arguments: edgeCases.map(\.0))
    func anEdgeCaseSuitePasses(_ name: String) async throws {
        let body = try #require(Self.edgeCases.first { $0.0 == name }?.1)
        try await expectPasses(try Models.xml(body))
    }

    @Test func aSuiteFromDatamodelJSONPasses() async throws {
        let json = try DataModel.parse(datamodelJSON: try Models.fieldService().datamodelJSON)
        try await expectPasses(json)
    }

    private func expectPasses(_ dataModel: DataModel, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let mock = try InProcessMock(dataModel)
        let before = try mock.objectIDs(dataModel)
        let suite = SuiteGenerator(dataModel: dataModel, source: "test").generate()
        let result = try await runGenerated(suite, against: mock)
        #expect(result.exitCode == 0, "\(problems(result))", sourceLocation: sourceLocation)
        #expect(problems(result).isEmpty, "\(problems(result))", sourceLocation: sourceLocation)
        let ran = result.cases.filter { $0.status == .passed }.count
        #expect(ran > dataModel.models.count * 30, sourceLocation: sourceLocation)
        let drift = result.cases.flatMap(\.drift).filter { $0.kind == .field }
        #expect(drift.isEmpty, "\(drift)", sourceLocation: sourceLocation)
        #expect(try mock.objectIDs(dataModel) == before, sourceLocation: sourceLocation)
        #expect(result.cases.contains { $0.name.contains("batch") && $0.status == .passed }, sourceLocation: sourceLocation)
    }
}
