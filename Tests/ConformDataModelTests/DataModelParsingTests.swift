import Testing
import ConformShape
@testable import ConformDataModel

@Suite struct DataModelParsingTests {
    /// The embedded default and `Specs/datamodel.xml` must be the same bytes.
    @Test func shippedDataModelMatchesSpecsFile() throws {
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let file = try DataModel.load(path: root + "/Specs/datamodel.xml")
        #expect(file.xml == Array(DataModel.shippedXML.utf8), "run scripts/embed-datamodel.sh after editing Specs/datamodel.xml")
    }

    @Test func shippedDataModelHasTheDocsTaskModel() throws {
        let task = try #require(DataModel.shipped.model(named: "task"))
        #expect(task.fields.map(\.name) == ["name", "instructions", "status", "due_on", "priority"])
        #expect(task.field(named: "instructions")?.type == .text(subtype: .paragraph))
        #expect(task.field(named: "status")?.options == [
            ChoiceOption(key: .integer(0), label: "Open"), ChoiceOption(key: .integer(1), label: "Closed"),
        ])
        #expect(task.belongsTo.map(\.idKey) == ["category_id", "assignee_id"])
        #expect(task.belongsTo.map(\.model) == ["category", "person"])
        #expect(task.display.source == "{name}")
        let person = try #require(DataModel.shipped.model(named: "person"))
        #expect(person.hasMany.map(\.inverseOf) == ["assignee", "owner"])
    }

    @Test func shippedAllTypesModelHasEveryFieldType() throws {
        let model = try #require(DataModel.shipped.model(named: "all_types"))
        let names = Set(model.fields.map(\.type.name))
        #expect(names == [
            "text", "integer", "number", "boolean", "date", "datetime", "single-choice", "single-choice-integer",
            "multiple-choice", "multiple-choice-integer", "location", "photo", "signature", "attachment", "track",
        ])
        #expect(model.field(named: "single_choice_integer")?.options.map(\.key) == [.integer(1), .integer(2), .integer(5)])
        #expect(model.field(named: "multiple_choice_integer")?.options.map(\.key) == [.integer(0), .integer(1), .integer(2)])
        #expect(model.field(named: "boolean")?.options == [
            ChoiceOption(key: .boolean(false), label: "No"), ChoiceOption(key: .boolean(true), label: "Yes"),
        ])
    }

    /// Reference §21.12: every construct, including comments, indexes, webhooks and notify-user.
    @Test func extendedExampleParses() throws {
        let model = try DataModel.parse(xml: Array(Fixtures.extendedExample.utf8))
        #expect(model.models.map(\.name) == ["user", "building", "asset", "inspection", "push_notification"])
        let asset = try #require(model.model(named: "asset"))
        #expect(asset.field(named: "priority")?.options.map(\.key) == [.integer(1), .integer(2), .integer(5)])
        #expect(asset.field(named: "zones")?.options.map(\.key) == [.integer(0), .integer(1)])
        #expect(asset.field(named: "manual")?.type == .attachment(media: "application/pdf"))
        #expect(asset.field(named: "route")?.type == .track)
        #expect(asset.field(named: "serial_number")?.type == .text(subtype: .number))
        #expect(asset.display.source == "{make} {model} [{serial_number}] in {building.name}")
        let inspection = try #require(model.model(named: "inspection"))
        #expect(inspection.field(named: "passed")?.options == [
            ChoiceOption(key: .boolean(true), label: "Pass"), ChoiceOption(key: .boolean(false), label: "Fail"),
        ])
        #expect(inspection.belongsTo.map(\.name) == ["asset", "inspector", "reviewer"])
        let user = try #require(model.model(named: "user"))
        #expect(user.hasMany.map(\.inverseOf) == ["inspector", "reviewer"])
        #expect(model.model(named: "building")?.hasMany.first?.inverseOf == "building")
        #expect(model.xml == Array(Fixtures.extendedExample.utf8))
    }

    /// `<index>` keys, directions, default names and databases (reference §21.8).
    @Test func indexesAreRead() throws {
        let model = try DataModel.parse(xml: Array(Fixtures.extendedExample.utf8))
        let asset = try #require(model.model(named: "asset"))
        #expect(asset.indexes == [
            ModelIndex(name: "building", keys: [.init(name: "building")], line: 60),
            ModelIndex(name: "by_make", keys: [.init(name: "make"), .init(name: "serial_number", descending: true)], line: 61),
        ])
        let xml = """
            <data-model><model name="m" label="M"><field name="a" label="A" type="text"/><field name="b" label="B" type="integer"/>
            <display>{a}</display><index on="a, -b" database="cloud"/></model></data-model>
            """
        let index = try #require(try DataModel.parse(xml: Array(xml.utf8)).model(named: "m")?.indexes.first)
        #expect(index.name == "a_b")
        #expect(index.keys.map(\.descending) == [false, true])
        #expect(index.databases == ["cloud"])
    }

    /// Reference §21.11: the docs' asset/building model, without an XML declaration.
    @Test func docsAssetBuildingExampleParses() throws {
        let model = try DataModel.parse(xml: Array(Fixtures.assetBuilding.utf8))
        #expect(model.model(named: "asset")?.belongsTo.first?.idKey == "building_id")
        #expect(model.model(named: "asset")?.field(named: "condition")?.options.map(\.label) == ["Good", "Ok", "Bad"])
    }

    @Test func toleratesDisplayFormatAttributeMissingLabelsAndUnknownThings() throws {
        let xml = """
            <data-model>
              <unknown-element/>
              <model name="thing" classification="sensitive" extra="1">
                <field name="name" type="text" spec="deprecated" auto-download="true"/>
                <field name="flag" type="boolean"><!-- defaults --></field>
                <display format="{name}"/>
                <display>{flag}</display>
              </model>
            </data-model>
            """
        let model = try DataModel.parse(xml: Array(xml.utf8))
        let thing = try #require(model.model(named: "thing"))
        #expect(thing.label == nil)
        #expect(thing.field(named: "name")?.label == nil)
        #expect(thing.display.source == "{name}")
    }

    @Test func displayFormatSplitsTokensAndEscapes() {
        let format = DisplayFormat("{{x}} {a.b:.2f} {$:fn()} {c} {open")
        #expect(format.parts == [
            .literal("{x} "), .token(path: ["a", "b"], specifier: ".2f"), .literal(" "), .function("$:fn()"),
            .literal(" "), .token(path: ["c"], specifier: nil), .literal(" {open"),
        ])
    }
}

@Suite struct DataModelNameLookupTests {
    /// Names from requests meet the model's names by code point: Swift's `String ==` equates
    /// "K" with U+212A KELVIN SIGN and "é" with "e\u{301}".
    @Test func modelsAndFieldsAreFoundOnlyUnderTheirOwnSpelling() throws {
        let field = Field(name: "K", label: "Kelvin", type: try FieldType(xmlType: "integer"))
        let model = Model(name: "K", label: "K", fields: [field], display: DisplayFormat("{K}"))
        let dataModel = DataModel(models: [model])
        #expect(dataModel.model(named: "K") != nil)
        #expect(dataModel.model(named: "\u{212A}") == nil)
        #expect(model.field(named: "K") != nil && model.field(named: "\u{212A}") == nil)
    }
}
