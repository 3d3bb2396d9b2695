import Foundation
import Testing
import ConformShape
@testable import ConformDataModel

/// `datamodel.json` written from a data model (reference §13.1, §21.13), read back, and the
/// round trip XML → DataModel → JSON → DataModel.
@Suite struct DatamodelJSONTests {
    /// The JSON reference §21.11 gives for its asset/building model, key order included.
    @Test func docsExampleMatchesTheReference() throws {
        let model = try DataModel.parse(xml: Array(Fixtures.assetBuilding.utf8))
        let expected = try JSONValue.parse(Fixtures.assetBuildingJSON.replacingOccurrences(of: "<opaque>", with: model.hash))
        #expect(model.datamodelJSON.compactText == expected.compactText)
    }

    @Test func hashIsTheSHA256OfTheXMLBytes() throws {
        let bytes = Array(Fixtures.assetBuilding.utf8)
        let model = try DataModel.parse(xml: bytes)
        #expect(model.hash == SHA256.hexDigest(of: bytes))
        #expect(model.datamodelJSON["datamodel_hash"] == .string(model.hash))
        let changed = try DataModel.parse(xml: bytes + Array(" ".utf8))
        #expect(changed.hash != model.hash)
    }

    @Test func appUserIsTheUserModelWhenThereIsOne() throws {
        #expect(try DataModel.parse(xml: Array(Fixtures.extendedExample.utf8)).datamodelJSON["app_user"] == "user")
        #expect(try DataModel.parse(xml: Array(Fixtures.assetBuilding.utf8)).datamodelJSON["app_user"] == .null)
    }

    @Test func optionKeysAreTypedByFieldType() throws {
        let json = try DataModel.parse(xml: Array(Fixtures.extendedExample.utf8)).datamodelJSON
        let asset = try #require(json["models"]?["asset"]?["fields"])
        #expect(asset["condition"]?["options"]?[0] == ["key": "good", "display": "Good"])
        #expect(asset["priority"]?["options"]?[1] == ["key": 2, "display": "Medium"])
        #expect(asset["zones"]?["options"]?[0] == ["key": 0, "display": "North"])
        #expect(asset["in_service"]?["options"] == [["key": false, "display": "No"], ["key": true, "display": "Yes"]])
        #expect(asset["make"]?["type"] == "text")
        #expect(asset["make"]?["subtype"] == "name")
        #expect(asset["quantity"]?["subtype"] == .null)
        #expect(asset["quantity"]?["options"] == nil)
        #expect(asset["manual"]?["type"] == "attachment")
        let inspection = try #require(json["models"]?["inspection"])
        #expect(inspection["belongs_to"]?["inspector"] == ["model": "user", "name": "inspector", "inverse_of": "inspections"])
        let pushNotification = try #require(json["models"]?["push_notification"])
        #expect(pushNotification["belongs_to"]?["user"]?["inverse_of"] == .null)
    }

    // MARK: - Round trips

    @Test(arguments: ["extended", "asset-building", "shipped"])
    func xmlToJSONAndBackKeepsEverything(_ name: String) throws {
        let xml = [
            "extended": Fixtures.extendedExample, "asset-building": Fixtures.assetBuilding, "shipped": DataModel.shippedXML,
        ][name]!
        let original = try DataModel.parse(xml: Array(xml.utf8))
        let json = original.datamodelJSON
        let read = try DataModel.parse(datamodelJSON: json)
        #expect(Summary(read) == Summary(original))
        #expect(read.hash == original.hash)
        #expect(read.appUser == original.appUser)
        #expect(read.xml == nil)
        // And the JSON is a fixed point.
        #expect(read.datamodelJSON.compactText == json.compactText)
    }

    @Test func readsTheJSONTextAndFilesOfEitherKind() throws {
        let model = try DataModel.parse(xml: Array(Fixtures.extendedExample.utf8))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conform-dm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jsonFile = directory.appendingPathComponent("datamodel.json")
        let xmlFile = directory.appendingPathComponent("schema.xml")
        try Data(("\u{FEFF}\n  " + model.datamodelJSON.compactText).utf8).write(to: jsonFile)
        try Data(Fixtures.extendedExample.utf8).write(to: xmlFile)
        let fromJSON = try DataModel.load(path: jsonFile.path)
        let fromXML = try DataModel.load(path: xmlFile.path)
        #expect(Summary(fromJSON) == Summary(model))
        #expect(Summary(fromXML) == Summary(model))
        #expect(fromXML.xml != nil && fromJSON.xml == nil)
    }

    // MARK: - Spellings the reader accepts

    @Test func acceptsOlderSubtypeSpellingsStringKeysAndUnknownKeys() throws {
        let json = try JSONValue.parse(#"""
            {"models": {"thing": {"name": "thing", "label": "Thing", "display": "{a}", "colour": "blue",
              "fields": {
                "a": {"name": "a", "label": "A", "type": "text", "subtype": "text:email", "hint": 1},
                "b": {"name": "b", "label": null, "type": "text:phone-number-za"},
                "c": {"name": "c", "label": "C", "type": "single-choice-integer", "subtype": null,
                      "options": [{"key": "3", "display": "Three"}, {"key": 4, "display": "Four"}]},
                "d": {"label": "D", "type": "boolean"},
                "e": {"label": "E", "type": "attachment"},
                "f": {"label": "F", "type": "multiple-choice", "options": [{"key": 7, "display": "Seven"}]}
              }}},
             "app_user": null, "datamodel_hash": "abc", "generated_at": "2024-01-01"}
            """#)
        let model = try DataModel.parse(datamodelJSON: json)
        let thing = try #require(model.model(named: "thing"))
        #expect(thing.field(named: "a")?.type == .text(subtype: .email))
        #expect(thing.field(named: "b")?.type == .text(subtype: .phoneNumberZA))
        #expect(thing.field(named: "b")?.label == nil)
        #expect(thing.field(named: "c")?.options.map(\.key) == [.integer(3), .integer(4)])
        #expect(thing.field(named: "d")?.options == ChoiceOption.booleanDefaults)
        #expect(thing.field(named: "e")?.type == .attachment(media: "any"))
        #expect(thing.field(named: "f")?.options.map(\.key) == [.string("7")])
        #expect(thing.belongsTo.isEmpty && thing.hasMany.isEmpty)
        #expect(model.hash == "abc")
    }

    @Test func infersAHasManyInverseWhenItIsNull() throws {
        let json = try JSONValue.parse(#"""
            {"models": {
              "a": {"display": "{x}", "fields": {"x": {"type": "text"}}, "has_many": {"bs": {"model": "b", "name": "bs", "inverse_of": null}}},
              "b": {"display": "{y}", "fields": {"y": {"type": "integer"}}, "belongs_to": {"a": {"model": "a", "name": "a"}}}
            }, "datamodel_hash": "h"}
            """#)
        let model = try DataModel.parse(datamodelJSON: json)
        #expect(model.model(named: "a")?.hasMany == [HasMany(name: "bs", model: "b", inverseOf: "a")])
    }

    // MARK: - What the reader refuses

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let json: String
        let path: String
        let message: String
        var testDescription: String { name }
    }

    static func models(_ fields: String, extra: String = "") -> String {
        #"{"models": {"thing": {"display": "{a}", "fields": {"# + fields + "}" + extra + #"}}, "datamodel_hash": "h"}"#
    }

    static let refusals: [Refusal] = [
        Refusal(name: "not an object", json: "[]", path: "$", message: "expected an object, got array"),
        Refusal(name: "no models", json: #"{"datamodel_hash": "h"}"#, path: "$.models", message: "expected an object, got null"),
        Refusal(name: "empty models", json: #"{"models": {}}"#, path: "$.models", message: "no models"),
        Refusal(name: "unknown type", json: models(#""a": {"type": "string"}"#), path: "$.models.thing.fields.a.type", message: "unknown field type 'string'"),
        Refusal(name: "type not a string", json: models(#""a": {"type": 3}"#), path: "$.models.thing.fields.a.type", message: "expected the field type as a string"),
        Refusal(name: "unknown subtype", json: models(#""a": {"type": "text", "subtype": "colour"}"#), path: "$.models.thing.fields.a.subtype", message: "unknown text subtype 'colour'"),
        Refusal(name: "subtype on a number", json: models(#""a": {"type": "integer", "subtype": "name"}"#), path: "$.models.thing.fields.a.subtype", message: "only allowed on text fields"),
        Refusal(name: "contradicting subtypes", json: models(#""a": {"type": "text:name", "subtype": "email"}"#), path: "$.models.thing.fields.a.subtype", message: "contradicts"),
        Refusal(name: "name differs from key", json: models(#""a": {"name": "b", "type": "text"}"#), path: "$.models.thing.fields.a.name", message: "does not match the key 'a'"),
        Refusal(name: "invalid field name", json: models(#""9a": {"type": "text"}"#), path: "$.models.thing.fields['9a']", message: "not a valid field name"),
        Refusal(name: "bad integer key", json: models(#""a": {"type": "single-choice-integer", "options": [{"key": "x", "display": "X"}]}"#), path: "$.models.thing.fields.a.options[0].key", message: "expected an integer"),
        Refusal(name: "duplicate key", json: models(#""a": {"type": "single-choice", "options": [{"key": "x", "display": "X"}, {"key": "x", "display": "Y"}]}"#), path: "$.models.thing.fields.a.options[1].key", message: "already used"),
        Refusal(name: "option without display", json: models(#""a": {"type": "single-choice", "options": [{"key": "x"}]}"#), path: "$.models.thing.fields.a.options[0].display", message: "option label"),
        Refusal(name: "options not an array", json: models(#""a": {"type": "single-choice", "options": {}}"#), path: "$.models.thing.fields.a.options", message: "expected an array"),
        Refusal(name: "boolean with one option", json: models(#""a": {"type": "boolean", "options": [{"key": true, "display": "Y"}]}"#), path: "$.models.thing.fields.a.options", message: "exactly two options"),
        Refusal(name: "belongs-to undefined model", json: models(#""a": {"type": "text"}"#, extra: #", "belongs_to": {"ghost": {"model": "ghost"}}"#), path: "$.models.thing.belongs_to.ghost.model", message: "model 'ghost' is not defined"),
        Refusal(name: "belongs-to without model", json: models(#""a": {"type": "text"}"#, extra: #", "belongs_to": {"ghost": {}}"#), path: "$.models.thing.belongs_to.ghost.model", message: "related model's name"),
        Refusal(name: "has-many without partner", json: models(#""a": {"type": "text"}"#, extra: #", "has_many": {"things": {"model": "thing"}}"#), path: "$.models.thing.has_many.things.inverse_of", message: "has no belongs-to pointing to 'thing'"),
        Refusal(name: "has-many with wrong inverse", json: models(#""a": {"type": "text"}"#, extra: #", "belongs_to": {"parent": {"model": "thing"}}, "has_many": {"things": {"model": "thing", "inverse_of": "nope"}}"#), path: "$.models.thing.has_many.things.inverse_of", message: "'nope' is not a belongs-to"),
        Refusal(name: "label not a string", json: models(#""a": {"type": "text", "label": 5}"#), path: "$.models.thing.fields.a.label", message: "expected a string or null"),
        // The same name rules as the XML: a field may not take a key every object carries.
        Refusal(name: "field named id", json: models(#""id": {"type": "text"}"#), path: "$.models.thing.fields.id", message: "Reserved field name 'id'"),
        Refusal(name: "field named display", json: models(#""display": {"type": "text"}"#), path: "$.models.thing.fields.display", message: "collides with the object key 'display'"),
        Refusal(name: "model named object", json: #"{"models": {"object": {"fields": {}}}}"#, path: "$.models.object", message: "Reserved model name 'object'"),
        Refusal(name: "attachment id collision", json: models(#""photo": {"type": "photo"}, "photo_id": {"type": "text"}"#), path: "$.models.thing.fields.photo_id", message: "collides with the id key of attachment field 'photo'"),
        Refusal(name: "app_user names no model", json: #"{"models": {"a": {"fields": {}}}, "app_user": "user"}"#, path: "$.app_user", message: "'user' is not a model"),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) throws {
        let value = try JSONValue.parse(refusal.json)
        let error = try #require(throws: DataModelError.self) { try DataModel.parse(datamodelJSON: value, file: "dm.json") }
        let issue = try #require(error.issues.first { $0.jsonPath == refusal.path }, "issues: \(error.issues)")
        #expect(issue.message.contains(refusal.message), "\(issue.message)")
        #expect(error.description.contains("dm.json: error: \(refusal.path): "))
    }

    @Test func reportsEveryProblemAndRefusesNonJSON() throws {
        let value = try JSONValue.parse(Self.models(#""a": {"type": "string"}, "b": {"type": "text", "subtype": "x"}"#))
        let error = try #require(throws: DataModelError.self) { try DataModel.parse(datamodelJSON: value) }
        #expect(error.issues.count == 2)
        let text = try #require(throws: DataModelError.self) { try DataModel.parse(json: Array("{nope".utf8)) }
        #expect(text.issues.first?.jsonPath == "$")
        #expect(text.issues.first?.message.hasPrefix("not valid JSON") == true)
    }
}

/// What a round trip must keep, as comparable values (attachment `media` is not part of
/// `datamodel.json`, so it is left out).
struct Summary: Equatable {
    struct FieldSummary: Equatable {
        let name: String, label: String?, type: String, subtype: TextSubtype?, options: [ChoiceOption]
    }
    struct ModelSummary: Equatable {
        let name: String, label: String?, display: String, fields: [FieldSummary]
        let belongsTo: [BelongsTo], hasMany: [HasMany]
    }
    let models: [ModelSummary]

    init(_ model: DataModel) {
        models = model.models.map { model in
            ModelSummary(
                name: model.name, label: model.label, display: model.display.source,
                fields: model.fields.map {
                    FieldSummary(name: $0.name, label: $0.label, type: $0.type.name, subtype: $0.type.subtype, options: $0.options)
                },
                // Lines differ between XML and JSON; compare names and targets.
                belongsTo: model.belongsTo.map { BelongsTo(name: $0.name, model: $0.model) },
                hasMany: model.hasMany.map { HasMany(name: $0.name, model: $0.model, inverseOf: $0.inverseOf) })
        }
    }
}

/// The XML written for a model without source XML (one read from `datamodel.json`).
@Suite struct XMLWriterTests {
    @Test(arguments: ["extended", "asset-building", "shipped"])
    func writtenXMLReadsBackToTheSameModels(_ name: String) throws {
        let xml = [
            "extended": Fixtures.extendedExample, "asset-building": Fixtures.assetBuilding, "shipped": DataModel.shippedXML,
        ][name]!
        let original = try DataModel.parse(xml: Array(xml.utf8))
        let fromJSON = try DataModel.parse(datamodelJSON: original.datamodelJSON)
        #expect(fromJSON.xmlBytes == Array(fromJSON.writtenXML.utf8))
        let reread = try DataModel.parse(xml: fromJSON.xmlBytes)
        #expect(Summary(reread) == Summary(original))
        // Indexes survive a write from XML-read models.
        let rewritten = try DataModel.parse(xml: Array(original.writtenXML.utf8))
        #expect(rewritten.models.map(\.indexes.count) == original.models.map(\.indexes.count))
        #expect(rewritten.models.flatMap(\.indexes).map(\.keys) == original.models.flatMap(\.indexes).map(\.keys))
        // A model read from XML serves its own bytes.
        #expect(original.xmlBytes == Array(xml.utf8))
    }

    @Test func escapesSpecialCharacters() throws {
        let model = Model(
            name: "m", label: "A & B <\"quoted\">",
            fields: [Field(name: "c", label: nil, type: .singleChoice, options: [ChoiceOption(key: .string("a&b"), label: " <x> ")])],
            display: DisplayFormat("{c} & more"))
        let written = DataModel(models: [model]).writtenXML
        let read = try DataModel.parse(xml: Array(written.utf8))
        #expect(read.model(named: "m")?.label == "A & B <\"quoted\">")
        #expect(read.model(named: "m")?.field(named: "c")?.options == [ChoiceOption(key: .string("a&b"), label: " <x> ")])
        #expect(read.model(named: "m")?.display.source == "{c} & more")
    }
}
