import ConformDataModel
import ConformShape
import Testing
@testable import ConformInit

/// `shapes/<model>.yaml` states each field's documented representation and exactly the keys
/// the data model implies, so drift means something.
@Suite struct ModelShapeTests {
    private func representation(_ type: FieldType, options: [ChoiceOption] = []) -> String {
        YAMLEmitter().document(.map([("f", ModelShapes.representation(of: Field(name: "f", label: nil, type: type, options: options)))]))
    }

    @Test func eachFieldTypeRefersToItsRepresentation() {
        #expect(representation(.text(subtype: .email)) == "f: { $ref: \"field-types.yaml#/$defs/text\" }\n")
        #expect(representation(.integer).contains("$defs/integer"))
        #expect(representation(.number).contains("$defs/number"))
        #expect(representation(.date).contains("$defs/date\""))
        #expect(representation(.datetime).contains("$defs/datetime"))
        #expect(representation(.boolean, options: ChoiceOption.booleanDefaults).contains("$defs/boolean"))
        #expect(representation(.location).contains("$defs/location"))
        #expect(representation(.photo).contains("$defs/photo"))
        #expect(representation(.signature).contains("$defs/signature"))
        #expect(representation(.attachment(media: "any")).contains("$defs/attachment"))
        #expect(representation(.track).contains("$defs/track"))
    }

    @Test func choicesAllowOnlyTheirKeys() {
        let options = [ChoiceOption(key: .integer(1), label: "Low"), ChoiceOption(key: .integer(2), label: "Medium")]
        #expect(representation(.singleChoiceInteger, options: options) == """
            f:
              $ref: "field-types.yaml#/$defs/single_choice_integer"
              properties:
                key: { enum: [1, 2] }

            """)
        let strings = [ChoiceOption(key: .string("wifi"), label: "Wi-Fi"), ChoiceOption(key: .string("yes"), label: "Yes")]
        #expect(representation(.multipleChoice, options: strings).contains("items:\n    properties:\n      key: { enum: [wifi, \"yes\"] }"))
        // Without options there is no key to allow: the type's definition alone.
        #expect(!representation(.singleChoice).contains("enum"))
    }

    @Test func everyKeyIsRequiredAttachmentsAndRelationshipsIncluded() throws {
        let model = try #require(try Models.fieldService().model(named: "inspection"))
        let text = YAMLEmitter().document(ModelShapes(model: model).object)
        #expect(text.contains("required: [passed, score, report_id, report, done_at, asset_id, inspector_id, reviewer_id]"))
        #expect(text.contains("type: { const: inspection }"))
        #expect(text.contains("report_id: { $ref: \"field-types.yaml#/$defs/reference_id\" }"))
        #expect(text.contains("inspector_id: { $ref: \"field-types.yaml#/$defs/reference_id\" }"))
        // Has-many relationships are not part of objects.
        let user = try #require(try Models.fieldService().model(named: "user"))
        #expect(!YAMLEmitter().document(ModelShapes(model: user).object).contains("inspections"))
    }

    @Test func theShapeAcceptsTheMocksObjectAndReportsWhatItDoesNotDeclare() async throws {
        let dataModel = try Models.fieldService()
        let mock = try InProcessMock(dataModel)
        let plan = ModelPlan(model: try #require(dataModel.model(named: "asset")), in: dataModel)
        let site = try #require(mock.call("POST", "/objects/site.json", json: ["site": [:]]).json?.objectValue?["id"]?.stringValue)
        let created = mock.call("POST", "/objects/asset.json", json: json(plan.body(plan.attributes(variant: 0)), variables: ["site_id": site]))
        let object = try #require(created.json?.objectValue)
        var written = try WrittenSuite(SuiteGenerator(dataModel: dataModel, source: "test").generate())
        let shape = try written.shape("asset.yaml")

        let exact = shape.check(.object(object))
        #expect(exact.passed, "\(exact.mismatches)")
        #expect(exact.drift.isEmpty, "\(exact.drift)")

        var extra = object
        extra["created_by"] = "someone"
        let drifted = shape.check(.object(extra))
        #expect(drifted.passed)
        #expect(drifted.drift.map(\.path.description) == ["$.created_by"])

        var missing = object
        missing["condition"] = nil
        #expect(shape.check(.object(missing)).mismatches.map(\.path.description) == ["$.condition"])

        var unknownOption = object
        unknownOption["condition"] = ["key": "broken", "display": "Broken"]
        #expect(!shape.check(.object(unknownOption)).passed)

        var retyped = object
        retyped["in_service"] = true   // a boolean reads back as {key, display}
        #expect(!shape.check(.object(retyped)).passed)

        let list = try written.shape("asset-list.yaml")
        let page = list.check(["objects": [.object(extra)], "count": 1, "more": false])
        #expect(page.passed)
        #expect(page.drift.map(\.path.description) == ["$.objects[0].created_by"])
    }
}
