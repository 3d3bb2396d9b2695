import ConformInit
import ConformShape
import ConformTestSupport
import Foundation
import Testing
@testable import ConformOpenAPI
@testable import ConformSpec

/// `conform init --openapi`: documents in, suites out that load, with every translation and
/// every omission accounted for.
@Suite struct OpenAPIImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/openapi")

    /// Generates from `text`, writes the suite, and loads it as `conform validate` does.
    func generate(_ text: String, location: String = "api.yaml", extraFiles: [String: String] = [:])
        throws -> (output: OpenAPISuiteGenerator.Output, specs: [SpecFile])
    {
        let folder = try TemporaryFolder("openapi-import")
        defer { folder.remove() }
        for (name, contents) in extraFiles { _ = try folder.write(name, contents) }
        let documentPath = try folder.write(location, text)
        let source = try OpenAPISource.read(Array(text.utf8), location: documentPath)
        let output = OpenAPISuiteGenerator(source: source, location: location, baseURL: nil).generate()
        let out = folder.file("suite")
        try output.suite.write(into: out, overwrite: false)
        let specs = try SpecLoader(knownVariables: []).load(paths: [out])
        _ = try ShapeLibrary.compile(specs)
        return (output, specs)
    }

    @Test func thePetstoreBecomesASuiteThatLoads() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("petstore.yaml"), encoding: .utf8)
        let (output, specs) = try generate(text)
        #expect(output.suite.files.map(\.path) == [".conform-init.json", "README.md", "conform.yaml", "paths/pets-petId.yaml", "paths/pets.yaml",
                                                   "shapes/Error.yaml", "shapes/Pet.yaml", "shapes/Pets.yaml"])
        #expect(specs.count == 2)
        let read = try #require(specs.first { $0.name == "/pets/{petId}" })
        // No example for petId: the case guesses, and says so by being beta.
        #expect(read.cases.first?.stability == .beta)
        #expect(output.suite.file("paths/pets-petId.yaml")?.contents.contains("The document gives no example for `petId`") == true)
        // POST /pets answers no id: no chain, so it is listed, not sent.
        #expect(output.skipped == ["POST /pets: changes data, and no create → read → delete chain covers it"])
        #expect(output.suite.file("shapes/Pet.yaml")?.contents.contains("id: { type: integer, minimum: -9223372036854775808") == true)
        let again = try generate(text)
        #expect(again.output.suite == output.suite, "the same document gives the same files")
    }

    @Test func usptoServerVariablesAndParameterExamplesAreUsed() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("uspto.yaml"), encoding: .utf8)
        let (output, specs) = try generate(text)
        #expect(output.suite.file("conform.yaml")?.contents.contains("base_url: https://developer.uspto.gov/ds-api") == true)
        let fields = try #require(specs.first { $0.name == "/{dataset}/{version}/fields" })
        #expect(fields.cases.map(\.name) == ["GET /{dataset}/{version}/fields answers 200",
                                             "GET /{dataset}/{version}/fields for an unknown id answers 404"])
        #expect(fields.cases[0].stability == nil, "examples are given: nothing is guessed")
        #expect(output.suite.file("paths/dataset-version-fields.yaml")?.contents.contains("vars: { dataset: oa_citations, version: v1 }") == true)
        // The search is a POST that is not a create: listed, not sent.
        #expect(output.skipped.contains { $0.hasPrefix("POST /{dataset}/{version}/records:") })
        #expect(output.notes.filter { $0.message.contains("`format: uriref`") }.count == 2)
    }

    static let swagger = """
        swagger: "2.0"
        info: { title: Shop, version: "1" }
        host: shop.example.com
        basePath: /v2
        schemes: [https]
        securityDefinitions:
          key: { type: apiKey, in: header, name: X-Shop-Key }
        security: [ { key: [] } ]
        paths:
          /items:
            post:
              parameters:
                - { in: body, name: item, required: true, schema: { $ref: "#/definitions/NewItem" } }
              responses:
                "201": { description: created, schema: { $ref: "#/definitions/Item" } }
          /items/{itemId}:
            get:
              parameters: [ { in: path, name: itemId, type: string, required: true } ]
              responses:
                "200": { description: the item, schema: { $ref: "#/definitions/Item" } }
                "404": { description: no such item }
            delete:
              parameters: [ { in: path, name: itemId, type: string, required: true } ]
              responses: { "204": { description: gone } }
        definitions:
          NewItem:
            type: object
            required: [name]
            properties:
              name: { type: string, example: Hammer }
              price: { type: number, x-currency: EUR }
          Item:
            allOf:
              - $ref: "#/definitions/NewItem"
              - type: object
                properties:
                  id: { type: string, readOnly: true }
                  note: { type: string, x-nullable: true }
        """

    @Test func swaggerTwoBecomesACreateReadDeleteChainWithItsAPIKey() throws {
        let (output, specs) = try generate(Self.swagger)
        let conformYAML = try #require(output.suite.file("conform.yaml")?.contents)
        #expect(conformYAML.contains("base_url: https://shop.example.com/v2"))
        #expect(conformYAML.contains("auth: { scheme: header, name: X-Shop-Key }"), "\(conformYAML)")
        let item = try #require(specs.first { $0.name == "/items/{itemId}" })
        #expect(item.cases.map(\.name) == ["POST /items creates one to read back", "GET /items/{itemId} answers 200",
                                           "GET /items/{itemId} without credentials answers 401",
                                           "GET /items/{itemId} for an unknown id answers 404"])
        #expect(item.cases[0].step.captures.first?.variable == "itemId")
        #expect(item.teardown.first?.request.method == "DELETE")
        let text = try #require(output.suite.file("paths/items-itemId.yaml")?.contents)
        #expect(text.contains("json: { name: Hammer }"), "\(text)")
        let itemShape = try #require(output.suite.file("shapes/Item.yaml")?.contents)
        #expect(itemShape.contains("$ref: NewItem.yaml"), "\(itemShape)")
        #expect(itemShape.contains(#"type: [string, "null"]"#), "\(itemShape)")
        // The extension is not silently dropped: it is noted, with where it was.
        #expect(output.notes.contains(ImportNote(pointer: "/components/schemas/NewItem/properties/price/x-currency",
                                                 message: "extension `x-currency` is not checked; left out")), "\(output.notes)")
        #expect(output.suite.file("README.md")?.contents.contains("/components/schemas/NewItem/properties/price/x-currency") == true)
    }

    @Test func nullableDiscriminatorExclusiveBoundsAndFormatsAreTranslated() {
        var translator = SchemaTranslator { name, rest in "\(name).yaml" + (rest.isEmpty ? "" : "#" + rest) }
        let schema: JSONValue = [
            "oneOf": [["$ref": "#/components/schemas/Cat"], ["$ref": "#/components/schemas/Dog"]],
            "discriminator": ["propertyName": "kind"],
        ]
        let translated = translator.translate(schema, at: "/x")
        #expect(translated["allOf"]?[0]?["if"]?["properties"]?["kind"]?["const"] == "Cat")
        #expect(translated["allOf"]?[1]?["then"]?["$ref"] == "Dog.yaml")
        #expect(translated["oneOf"]?[0]?["$ref"] == "Cat.yaml")
        let number = translator.translate(["type": "number", "minimum": 0, "exclusiveMinimum": true, "format": "double",
                                           "nullable": true, "example": 1.5], at: "/n")
        #expect(number == ["type": ["number", "null"], "exclusiveMinimum": 0, "examples": [1.5]])
        #expect(translator.notes.contains(ImportNote(pointer: "/n/format", message: "`format: double` is not checked by Conform (uuid, date, date-time are); left out")))
        let reference = translator.translate(["$ref": "#/components/schemas/Cat", "nullable": true], at: "/r")
        #expect(reference == ["anyOf": [["$ref": "Cat.yaml"], ["type": "null"]]])
        let account = translator.translate(["type": "object", "required": ["name", "password"],
                                            "properties": ["name": ["type": "string"], "password": ["type": "string", "writeOnly": true]]],
                                           at: "/a")
        #expect(account["required"] == ["name"])
        #expect(account["properties"]?["password"]?["writeOnly"] == true)
        #expect(translator.notes.contains { $0.pointer == "/a/required" && $0.message.contains("`password` is writeOnly") })
    }

    @Test func referencesToOtherFilesAreFollowed() throws {
        let text = """
            openapi: 3.1.0
            info: { title: Split, version: "1" }
            paths:
              /things:
                get:
                  responses:
                    "200":
                      description: ok
                      content: { application/json: { schema: { $ref: "schemas.yaml#/Thing" } } }
            """
        let (output, _) = try generate(text, extraFiles: ["schemas.yaml": """
            Thing:
              type: object
              properties: { part: { $ref: "#/Part" } }
            Part: { type: string }
            """])
        let spec = try #require(output.suite.file("paths/things.yaml")?.contents)
        #expect(spec.contains("properties: { part: { type: string } }"), "\(spec)")
    }

    @Test func aProbedDisagreementMakesTheCaseBetaAndSaysWhatWasSeen() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("petstore.yaml"), encoding: .utf8)
        let source = try OpenAPISource.read(Array(text.utf8), location: "petstore.yaml")
        let seen = ProbeObservation(spec: "/pets", caseName: "GET /pets answers 200", observed: "status: expected 200, actual 500",
                                    target: "http://127.0.0.1:9")
        let output = OpenAPISuiteGenerator(source: source, location: "petstore.yaml", baseURL: nil, observations: [seen]).generate()
        let spec = try #require(output.suite.file("paths/pets.yaml")?.contents)
        #expect(spec.contains("# Probed against http://127.0.0.1:9: status: expected 200, actual 500."), "\(spec)")
        #expect(spec.contains("stability: beta"))
        #expect(output.suite.file("README.md")?.contents.contains("- /pets — GET /pets answers 200: status: expected 200, actual 500") == true)
        // Nothing else changes.
        let plain = OpenAPISuiteGenerator(source: source, location: "petstore.yaml", baseURL: nil).generate()
        #expect(plain.suite.file("paths/pets-petId.yaml") == output.suite.file("paths/pets-petId.yaml"))
    }

    @Test func theRecordNamesOperationsAndSchemasThatChanged() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("petstore.yaml"), encoding: .utf8)
        let before = OpenAPISuiteGenerator(source: try OpenAPISource.read(Array(text.utf8), location: "petstore.yaml"), location: "petstore.yaml",
                                           baseURL: nil).record
        let changedText = text.replacingOccurrences(of: "        tag:\n          type: string\n    Pets:", with: "        tag:\n          type: integer\n    Pets:")
            .replacingOccurrences(of: "        201:\n          description: Null response", with: "        202:\n          description: Accepted")
        #expect(changedText != text)
        let after = OpenAPISuiteGenerator(source: try OpenAPISource.read(Array(changedText.utf8), location: "petstore.yaml"),
                                          location: "petstore.yaml", baseURL: nil).record
        let changes = before.changes(to: after)
        #expect(changes.contains("operation POST /pets: response 201 gone"), "\(changes)")
        #expect(changes.contains("operation POST /pets: response 202 new"), "\(changes)")
        #expect(changes.contains { $0.hasPrefix("schema Pet: definition ") }, "\(changes)")
        #expect(before.changes(to: before).isEmpty)
        // The record written beside the suite reads back as it was.
        let folder = try TemporaryFolder("record")
        defer { folder.remove() }
        _ = try folder.write(GenerationRecord.fileName, before.file.contents)
        #expect(try GenerationRecord.read(folder: folder.path) == before)
    }

    @Test func aSchemaThatContainsItselfEndsTheWalk() throws {
        let text = """
            openapi: 3.0.3
            info: { title: Loop, version: "1" }
            paths:
              /nodes:
                post:
                  requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } } }
                  responses:
                    "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } } }
              /nodes/{id}:
                get:
                  parameters: [ { in: path, name: id, required: true, schema: { type: string } } ]
                  responses:
                    "200": { description: one, content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } } }
            components:
              schemas:
                Node:
                  allOf:
                    - $ref: "#/components/schemas/Node"
                    - type: object
                      properties: { id: { type: string }, child: { $ref: "#/components/schemas/Node" } }
            """
        let (output, specs) = try generate(text)
        #expect(specs.count == 1)
        #expect(output.notes.contains { $0.pointer == "/components/schemas/Node/allOf" && $0.message.contains("applies itself") },
                "\(output.notes)")
    }

    @Test func whatIsNotOpenAPIIsRefusedWithAReason() {
        #expect(throws: OpenAPISource.Failure.self) { try OpenAPISource.read(Array("name: not an api\n".utf8), location: "x.yaml") }
        do {
            _ = try OpenAPISource.read(Array("openapi: 3.0.0\npaths: {}\npaths: {}\n".utf8), location: "dup.yaml")
            Issue.record("a duplicate key was read")
        } catch {
            #expect(error.description.hasPrefix("dup.yaml:") && error.description.contains("`paths` is written more than once"),
                    "\(error.description)")
        }
    }
}

/// jupyter_server's REST API document (Swagger 2.0), fetched by `scripts/ensure-test-tools`.
@Suite struct JupyterServerImportTests {
    /// `.build/test-tools/` of the package this file is in.
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/test-tools/jupyter_server-api.yaml").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: path),
                   "needs .build/test-tools/jupyter_server-api.yaml (scripts/ensure-test-tools fetches it from PyPI)"))
    func jupyterServersDocumentBecomesASuiteThatLoads() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let (output, specs) = try OpenAPIImportTests().generate(text)
        #expect(specs.count >= 10, "\(specs.map(\.name))")
        #expect(output.caseCount >= 15)
        // Its `format: dateTime` is not a format Conform checks: said, with where.
        #expect(output.notes.contains { $0.pointer == "/components/schemas/Contents/properties/created/format" }, "\(output.notes)")
        let conformYAML = try #require(output.suite.file("conform.yaml")?.contents)
        #expect(conformYAML.contains("auth:"), "\(conformYAML)")
    }
}
