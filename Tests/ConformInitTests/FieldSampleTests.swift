import ConformDataModel
import ConformMock
import ConformShape
import Foundation
import Testing
@testable import ConformInit

/// The values `conform init` writes are valid for their fields: the mock's own validation
/// accepts them and reads them back as the specs expect; the invalid ones are refused.
@Suite struct FieldSampleTests {
    /// One model with every field type, every text subtype the XML allows, and every
    /// attachment media type.
    static let everything: DataModel = {
        let subtypes = TextSubtype.allCases.filter { $0 != .phoneNumberZA }
            .map { #"<field name="text_\#($0.rawValue.replacingOccurrences(of: "-", with: "_"))" label="\#($0.rawValue)" type="text:\#($0.rawValue)"/>"# }
        let media = AttachmentMedia.allowed.sorted().enumerated()
            .map { #"<field name="file_\#($0.offset)" label="File" type="attachment" media="\#($0.element)"/>"# }
        let body = """
            <model name="every" label="Every">
              <field name="plain" label="Plain Text" type="text"/>
              \(subtypes.joined(separator: "\n"))
              <field name="count" label="Count" type="integer"/>
              <field name="ratio" label="Ratio" type="number"/>
              <field name="flag" label="Flag" type="boolean"/>
              <field name="verdict" label="Verdict" type="boolean"><option key="true">Pass</option><option key="false">Fail</option></field>
              <field name="day" label="Day" type="date"/>
              <field name="moment" label="Moment" type="datetime"/>
              <field name="sport" label="Sport" type="single-choice"><option key="soccer">Soccer</option><option key="golf">Golf</option></field>
              <field name="level" label="Level" type="single-choice-integer"><option key="1">Low</option><option>Medium</option><option key="5">High</option></field>
              <field name="tags" label="Tags" type="multiple-choice"><option key="a">A</option><option key="b">B</option><option key="c">C</option></field>
              <field name="zones" label="Zones" type="multiple-choice-integer"><option>North</option><option>South</option><option>East</option></field>
              <field name="where" label="Where" type="location"/>
              <field name="picture" label="Picture" type="photo"/>
              <field name="Sign_Off" label="Sign-off" type="signature"/>
              \(media.joined(separator: "\n"))
              <field name="route" label="Route" type="track"/>
              <belongs-to model="every" name="parent"/>
              <display>{plain}</display>
            </model>
            """
        // Force-unwrapped in a test fixture: a parse failure is a bug in this file.
        return try! DataModel.parse(xml: Array("<data-model>\(body)</data-model>".utf8))
    }()

    @Test(arguments: [0, 1])
    func everySampleIsAcceptedAndReadsBackAsExpected(variant: Int) throws {
        let mock = try InProcessMock(Self.everything)
        let plan = ModelPlan(model: try #require(Self.everything.model(named: "every")), in: Self.everything)
        let parent = try #require(mock.call("POST", "/objects/every.json", json: ["every": [:]]).json?.objectValue?["id"]?.stringValue)
        let variables = ["parent_id": parent]
        let body = json(plan.body(plan.attributes(variant: variant)), variables: variables)
        let answer = mock.call("POST", "/objects/every.json", json: body)
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        let object = try #require(answer.json)
        for (path, expected) in plan.expectations(variant: variant) {
            #expect(sameJSON(value(at: path, in: object), json(expected, variables: variables)), "\(path): \(String(describing: value(at: path, in: object)))")
        }
        // Every upload was stored: its `<field>_id` is set.
        for field in Self.everything.models[0].fields where field.type.isAttachment {
            #expect(value(at: "$.\(field.name)_id", in: object)?.stringValue != nil, "\(field.name)")
        }
    }

    @Test func theFormSamplesAreAcceptedAsAFormBody() throws {
        let mock = try InProcessMock(Self.everything)
        let plan = ModelPlan(model: try #require(Self.everything.model(named: "every")), in: Self.everything)
        var pairs: [String] = []
        for (name, node) in plan.attributes(variant: 1, formOnly: true) where name != "parent_id" {
            switch json(node) {
            case .array(let items): pairs += items.map { "every[\(name)][]=" + formText($0) }
            case let scalar: pairs.append("every[\(name)]=" + formText(scalar))
            }
        }
        let answer = mock.deployment.respond(to: MockRequest(
            method: "POST", target: mock.deployment.apiPathPrefix + "/objects/every.json",
            headers: ["Authorization": "Bearer O:" + MockConfiguration.defaultToken, "Content-Type": "application/x-www-form-urlencoded"],
            body: Array(pairs.joined(separator: "&").utf8)))
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        let object = try #require(answer.json)
        for (path, expected) in plan.expectations(variant: 1, formOnly: true) where path != "$.parent_id" {
            #expect(sameJSON(value(at: path, in: object), json(expected)), "\(path)")
        }
    }

    private func formText(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.compactText
        return text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func theInvalidValueIsRefusedWithInvalidValue() throws {
        let mock = try InProcessMock(Self.everything)
        let model = try #require(Self.everything.model(named: "every"))
        let (field, invalid) = try #require(FieldSamples.invalid(in: model))
        #expect(field.name == "sport")   // choices first: their error text is documented
        let answer = mock.call("POST", "/objects/every.json", json: ["every": .object(JSONObject([(field.name, json(invalid))]))])
        #expect(answer.status == 422)
        #expect(answer.json?.objectValue?["type"] == "INVALID_VALUE")
        // Without choices, a date or number field gets text it must refuse.
        let plain = try Models.xml(#"<model name="m" label="M"><field name="n" label="N" type="integer"/><display>{n}</display></model>"#)
        #expect(try #require(FieldSamples.invalid(in: plain.models[0])).value == .string("not a number"))
    }

    @Test func textLooksLikeItsSubtype() throws {
        for variant in [0, 1] {
            let email = TextSamples.value(.email, label: "", variant: variant)
            #expect(email.wholeMatch(of: /[a-z.]+@example\.com/) != nil)
            #expect(TextSamples.value(.url, label: "", variant: variant).hasPrefix("https://example.com/"))
            #expect(TextSamples.value(.number, label: "", variant: variant).allSatisfy { $0.isNumber })
            #expect(Double(TextSamples.value(.decimalNumber, label: "", variant: variant)) != nil)
            #expect(Int(TextSamples.value(.signedNumber, label: "", variant: variant)) != nil)
            let id = TextSamples.value(.southAfricanID, label: "", variant: variant)
            #expect(id.count == 13 && luhn(id), "\(id)")
            #expect(TextSamples.value(.phoneNumber, label: "", variant: variant).hasPrefix("+"))
            #expect(TextSamples.marked(.email, variant: variant).wholeMatch(of: /[a-z]+\.\$\{run\}@example\.com/) != nil)
        }
        // Variant 0 sorts before variant 1 for every subtype, so sort checks know the order.
        for subtype in [nil] + TextSubtype.allCases.map(Optional.some) {
            #expect(TextSamples.value(subtype, label: "X", variant: 0) < TextSamples.value(subtype, label: "X", variant: 1), "\(String(describing: subtype))")
        }
    }

    private func luhn(_ digits: String) -> Bool {
        let values = digits.reversed().compactMap { $0.wholeNumberValue }
        let sum = values.enumerated().reduce(0) { total, item in
            let doubled = item.offset % 2 == 1 ? item.element * 2 : item.element
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }

    @Test func uploadsAreTinyValidFilesWithAllowedNames() throws {
        for field in Self.everything.models[0].fields where field.type.isAttachment {
            let file = try #require(FileSamples.file(for: field))
            #expect(file.filename.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-. ".contains($0) }, "\(file.filename)")
            let bytes = try #require(Data(base64Encoded: file.base64), "\(field.name)")
            #expect(bytes.count < 400)
            #expect(!file.base64.contains("\n"))
            switch file.filename.split(separator: ".").last {
            case "jpg": #expect(bytes.prefix(3) == Data([0xFF, 0xD8, 0xFF]) && bytes.suffix(2) == Data([0xFF, 0xD9]))
            case "png": #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            case "pdf": #expect(bytes.prefix(5) == Data("%PDF-".utf8) && String(decoding: bytes.suffix(6), as: UTF8.self) == "%%EOF\n")
            case "svg": #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            case "xml": #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("<?xml"))
            default: #expect(String(data: bytes, encoding: .utf8) != nil)
            }
        }
        // Office formats have no tiny valid file: the stand-in says so.
        let word = Field(name: "doc", label: nil, type: .attachment(media: "application/msword"))
        #expect(FileSamples.file(for: word)?.filename == "doc.doc")
        #expect(FileSamples.file(for: word)?.note != nil)
    }

    @Test func choiceSamplesUseValidKeysIncludingImplicitOnes() throws {
        let model = try #require(Self.everything.model(named: "every"))
        let level = try #require(model.field(named: "level"))
        #expect(level.options.map(\.key) == [.integer(1), .integer(2), .integer(5)])
        for variant in 0..<3 {
            for field in model.fields where field.type.takesOptions {
                let written = try #require(FieldSamples.sample(field, variant: variant)?.written)
                let keys: [YAMLNode] = if case .sequence(let items, _) = written { items.map(\.value) } else { [written] }
                for key in keys { #expect(field.options.map(\.key.yaml).contains(key), "\(field.name): \(key)") }
            }
        }
        let verdict = try #require(model.field(named: "verdict"))
        #expect(FieldSamples.sample(verdict, variant: 0)?.expected.first?.value == .map([("key", .bool(true)), ("display", .string("Pass"))]))
    }

    @Test func trackAndOptionlessChoicesAreLeftUnset() throws {
        #expect(FieldSamples.sample(Field(name: "t", label: nil, type: .track), variant: 0) == nil)
        #expect(FieldSamples.sample(Field(name: "c", label: nil, type: .singleChoice), variant: 0) == nil)
    }
}
