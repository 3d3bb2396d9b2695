import Testing
@testable import ConformDataModel

/// Each rejection of reference §21.14, with the line it must name.
@Suite struct DataModelRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let xml: String
        let line: Int
        let message: String
        var testDescription: String { name }
    }

    /// A one-model document whose model body starts on line 3.
    static func model(_ body: String, name: String = "thing", display: String = "<display>{name}</display>") -> String {
        "<data-model>\n<model name=\"\(name)\" label=\"Thing\">\n\(body)\n\(display)\n</model>\n</data-model>"
    }

    static let nameField = #"<field name="name" label="Name" type="text"/>"#

    static let cases: [Case] = [
        Case(name: "not well-formed", xml: "<data-model>\n<model>\n</data-model>", line: 3, message: "not well-formed"),
        Case(name: "empty document", xml: "", line: 1, message: "not well-formed"),
        Case(name: "wrong root", xml: "<schema>\n</schema>", line: 1, message: "<data-model> root tag expected"),
        Case(name: "no model", xml: "<data-model>\n</data-model>", line: 1, message: "at least one <model>"),
        Case(name: "duplicate model",
             xml: "<data-model>\n<model name=\"a\"><field name=\"x\" type=\"text\"/><display>{x}</display></model>\n<model name=\"a\"><field name=\"x\" type=\"text\"/><display>{x}</display></model>\n</data-model>",
             line: 3, message: "Model 'a' is already defined"),
        Case(name: "invalid model name", xml: model(nameField, name: "9lives"), line: 2, message: "Not a valid model name: '9lives'"),
        Case(name: "reserved model name", xml: model(nameField, name: "account"), line: 2, message: "Reserved model name 'account'"),
        Case(name: "duplicate field", xml: model(nameField + "\n" + nameField), line: 4, message: "Field 'name' is already defined"),
        Case(name: "invalid field name", xml: model(nameField + "\n<field name=\"bad-name\" type=\"text\"/>"), line: 4, message: "Not a valid field name"),
        Case(name: "reserved field name", xml: model(nameField + "\n<field name=\"attribute\" type=\"text\"/>"), line: 4, message: "Reserved field name 'attribute'"),
        Case(name: "field named like an envelope key", xml: model(nameField + "\n<field name=\"updated_at\" type=\"datetime\"/>"), line: 4, message: "collides with the object key"),
        Case(name: "unknown type", xml: model(nameField + "\n<field name=\"n\" type=\"string\"/>"), line: 4, message: "Invalid type 'string'"),
        Case(name: "unknown subtype", xml: model(nameField + "\n<field name=\"n\" type=\"text:whatisthis\"/>"), line: 4, message: "'whatisthis' is not a valid string format"),
        Case(name: "phone-number-za subtype", xml: model(nameField + "\n<field name=\"n\" type=\"text:phone-number-za\"/>"), line: 4, message: "not a valid string format"),
        Case(name: "attachment without media", xml: model(nameField + "\n<field name=\"f\" type=\"attachment\"/>"), line: 4, message: "Include media="),
        Case(name: "attachment with bad media", xml: model(nameField + "\n<field name=\"f\" type=\"attachment\" media=\"video/mp4\"/>"), line: 4, message: "media must be 'any'"),
        Case(name: "duplicate option key",
             xml: model(nameField + "\n<field name=\"c\" type=\"single-choice\">\n<option key=\"a\">A</option>\n<option key=\"a\">B</option>\n</field>"),
             line: 6, message: "key 'a' is already used"),
        Case(name: "duplicate implied integer key",
             xml: model(nameField + "\n<field name=\"c\" type=\"single-choice-integer\">\n<option key=\"1\">A</option>\n<option>B</option>\n<option key=\"2\">C</option>\n</field>"),
             line: 7, message: "key '2' is already used"),
        Case(name: "non-integer key", xml: model(nameField + "\n<field name=\"c\" type=\"single-choice-integer\">\n<option key=\"x\">A</option>\n</field>"), line: 5, message: "key 'x' is not an integer"),
        Case(name: "blank string key", xml: model(nameField + "\n<field name=\"c\" type=\"multiple-choice\">\n<option key=\" \">A</option>\n</field>"), line: 5, message: "non-blank key"),
        Case(name: "boolean key other than true/false",
             xml: model(nameField + "\n<field name=\"b\" type=\"boolean\">\n<option key=\"yes\">Y</option>\n<option key=\"false\">N</option>\n</field>"),
             line: 5, message: "key must be \"true\" or \"false\""),
        Case(name: "boolean with one option", xml: model(nameField + "\n<field name=\"b\" type=\"boolean\">\n<option key=\"true\">Y</option>\n</field>"), line: 4, message: "exactly two options"),
        Case(name: "belongs-to undefined model", xml: model(nameField + "\n<belongs-to model=\"ghost\"/>"), line: 4, message: "Object 'ghost' is not defined"),
        Case(name: "has-many undefined model", xml: model(nameField + "\n<has-many model=\"ghost\" name=\"ghosts\"/>"), line: 4, message: "Object 'ghost' is not defined"),
        Case(name: "has-many without belongs-to",
             xml: "<data-model>\n<model name=\"a\"><field name=\"x\" type=\"text\"/>\n<has-many model=\"b\" name=\"bs\"/>\n<display>{x}</display></model>\n<model name=\"b\"><field name=\"y\" type=\"text\"/><display>{y}</display></model>\n</data-model>",
             line: 3, message: "Need <belongs-to model=\"a\"> in object 'b'"),
        Case(name: "ambiguous has-many",
             xml: "<data-model>\n<model name=\"a\"><field name=\"x\" type=\"text\"/>\n<has-many model=\"b\" name=\"bs\"/>\n<display>{x}</display></model>\n<model name=\"b\"><field name=\"y\" type=\"text\"/><belongs-to model=\"a\" name=\"one\"/><belongs-to model=\"a\" name=\"two\"/><display>{y}</display></model>\n</data-model>",
             line: 3, message: "Ambiguous has-many - set inverse-of to one of one, two"),
        Case(name: "has-many with unknown inverse-of",
             xml: "<data-model>\n<model name=\"a\"><field name=\"x\" type=\"text\"/>\n<has-many model=\"b\" name=\"bs\" inverse-of=\"three\"/>\n<display>{x}</display></model>\n<model name=\"b\"><field name=\"y\" type=\"text\"/><belongs-to model=\"a\"/><display>{y}</display></model>\n</data-model>",
             line: 3, message: "'three' is not defined on 'b'"),
        Case(name: "duplicate belongs-to", xml: model(nameField + "\n<belongs-to model=\"thing\"/>\n<belongs-to model=\"thing\"/>"), line: 5, message: "Relationship 'thing' is already defined"),
        Case(name: "missing display", xml: model(nameField, display: ""), line: 2, message: "<display> is required"),
        Case(name: "display names unknown field", xml: model(nameField, display: "<display>{name} {nope}</display>"), line: 4, message: "'nope' is not defined"),
        Case(name: "display follows a field as if it were a relationship", xml: model(nameField, display: "<display>{name.x}</display>"), line: 4, message: "'name.x' is not defined"),
        Case(name: "elements out of order", xml: model("<display>{name}</display>\n" + nameField, display: ""), line: 4, message: "Elements must be in this order"),
        Case(name: "index on unknown field", xml: model(nameField, display: "<display>{name}</display>\n<index on=\"name,nope\"/>"), line: 5, message: "Undefined field or model in index: 'nope'"),
        Case(name: "index on a photo", xml: model(nameField + "\n<field name=\"p\" type=\"photo\"/>", display: "<display>{name}</display>\n<index on=\"-p\"/>"), line: 6, message: "Field is not indexable: 'p'"),
        Case(name: "index with bad database", xml: model(nameField, display: "<display>{name}</display>\n<index on=\"name\" database=\"app,disk\"/>"), line: 5, message: "Invalid database: disk"),
        Case(name: "index without on", xml: model(nameField, display: "<display>{name}</display>\n<index/>"), line: 5, message: "<index> needs an on attribute"),
        Case(name: "webhook with bad type", xml: model(nameField, display: "<display>{name}</display>\n<webhook type=\"create\"/>"), line: 5, message: "Invalid webhook type 'create'"),
        Case(name: "field without type", xml: model(nameField + "\n<field name=\"t\"/>"), line: 4, message: "needs a type attribute"),
        Case(name: "model without name", xml: "<data-model>\n<model label=\"X\"><field name=\"x\" type=\"text\"/><display>{x}</display></model>\n</data-model>", line: 2, message: "<model> needs a name attribute"),
    ]

    @Test(arguments: cases)
    func rejectsWithLine(_ testCase: Case) throws {
        let error = try #require(throws: DataModelError.self) {
            try DataModel.parse(xml: Array(testCase.xml.utf8), file: "model.xml")
        }
        let match = error.issues.first { $0.message.contains(testCase.message) }
        #expect(match != nil, "issues: \(error.issues)")
        #expect(match?.line == testCase.line, "issues: \(error.issues)")
        #expect(error.description.contains("model.xml:\(testCase.line): error: "))
    }

    @Test func reportsEveryProblemNotJustTheFirst() throws {
        let xml = Self.model(Self.nameField + "\n<field name=\"n\" type=\"string\"/>\n<belongs-to model=\"ghost\"/>")
        let error = try #require(throws: DataModelError.self) { try DataModel.parse(xml: Array(xml.utf8)) }
        #expect(error.issues.map(\.line) == [4, 5])
    }

    /// Hostile inputs come back as errors, never as crashes or file reads.
    @Test(arguments: [
        "\u{0}\u{1}\u{2}",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><data-model><model name=\"a\"><field name=\"t\" type=\"text\"/><display>&x;</display></model></data-model>",
        String(repeating: "<a>", count: 300),
        "<data-model><model name=\"a\"><field name=\"t\" type=\"single-choice\"><option>no key</option></field><display>{t}</display></model></data-model>",
    ])
    func hostileInputIsRefusedOrHarmless(_ xml: String) {
        do {
            let model = try DataModel.parse(xml: Array(xml.utf8))
            // The only input that may parse is the entity one, and then without the file.
            #expect(model.models.first?.display.source.contains("root:") != true)
        } catch {
            #expect(!error.issues.isEmpty)
        }
    }
}
