import ConformShape
import ConformTestSupport
import Foundation
import Testing
@testable import ConformOpenAPI
@testable import ConformSpec

@Suite struct OpenAPIExportTests {
    func export(_ files: [String: String], auth: AuthScheme? = .standard) throws -> OpenAPIExport.Output {
        try exports(files, auth: auth, times: 1)[0]
    }

    /// The same files exported `times` times from one folder.
    func exports(_ files: [String: String], auth: AuthScheme? = .standard, times: Int) throws -> [OpenAPIExport.Output] {
        let folder = try TemporaryFolder("openapi-export")
        defer { folder.remove() }
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: (folder.file(name) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            _ = try folder.write(name, text)
        }
        return try (0..<times).map { _ in
            let specs = try SpecLoader(knownVariables: []).load(paths: [folder.path])
            return OpenAPIExport.document(for: specs, documents: ShapeDocuments(specs: specs),
                                          options: .init(title: "T", version: "1", servers: ["https://api.example.com/v1"], auth: auth))
        }
    }

    static let files = [
        "conform.yaml": "conform: 1\n",
        "specs/items.yaml": """
            spec: 1
            name: Items
            endpoint: GET /items/{id}.json
            tags: [items]
            vars: { kind: tool, other: "0" }
            cases:
              - name: creates
                request: { method: POST, path: "/items.json", json: { item: { name: Saw, count: 2, kind: "${kind}" } }, headers: { X-Trace: t1 } }
                expect: { status: 201, shape: { $ref: ../shapes/item.yaml } }
                capture: { item_id: $.id }
              - name: reads
                request: { method: GET, path: "/items/${item_id}.json", query: { fields: all } }
                expect: { status: 200, shape: { $ref: ../shapes/item.yaml }, headers: { ETag: { present: true } } }
              - name: reads another by its own name
                request: { method: GET, path: "/items/${other}.json" }
                expect: { status: [404, 4xx] }
              - name: elsewhere
                request: { method: GET, url: "https://cdn.example.com/x" }
            """,
        "shapes/item.yaml": """
            type: object
            required: [id, name]
            properties:
              id: { type: string, format: uuid }
              name: { type: string }
              kind: { $ref: "common.yaml#/$defs/kind" }
            """,
        "shapes/common.yaml": """
            $defs:
              kind: { enum: [tool, part] }
              self: { $ref: "#/$defs/kind" }
            """,
    ]

    @Test func pathsParametersBodiesResponsesAndShapesAreCarriedOver() throws {
        let output = try export(Self.files.merging(["specs/items.yaml": Self.files["specs/items.yaml"]!.replacingOccurrences(of: "${other}", with: "${item_id}")]) { $1 })
        let document = output.document
        #expect(document["openapi"] == "3.1.0")
        #expect(output.operationCount == 2)
        let post = try #require(document["paths"]?["/items.json"]?["post"])
        #expect(post["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["item"]?["properties"]?["count"]?["type"] == "integer")
        #expect(post["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["item"]?["properties"]?["kind"] == .object(JSONObject()))
        #expect(post["parameters"]?[0]?["name"] == "X-Trace" && post["parameters"]?[0]?["in"] == "header")
        #expect(post["responses"]?["201"]?["content"]?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/item")
        let get = try #require(document["paths"]?["/items/{item_id}.json"]?["get"])
        #expect(get["parameters"]?[0]?["name"] == "item_id" && get["parameters"]?[0]?["required"] == true)
        #expect(get["parameters"]?[1]?["name"] == "fields" && get["parameters"]?[1]?["example"] == "all")
        #expect(get["responses"]?["200"]?["headers"]?["ETag"] != nil)
        #expect(get["responses"]?["404"] != nil && get["responses"]?["4XX"] != nil)
        #expect(get["tags"]?[0] == "items")
        let item = try #require(document["components"]?["schemas"]?["item"])
        #expect(item["properties"]?["kind"]?["$ref"] == "#/components/schemas/common/$defs/kind")
        #expect(document["components"]?["schemas"]?["common"]?["$defs"]?["self"]?["$ref"] == "#/components/schemas/common/$defs/kind")
        #expect(document["components"]?["securitySchemes"]?["conform"]?["scheme"] == "bearer")
        #expect(document["servers"]?[0]?["url"] == "https://api.example.com/v1")
        #expect(output.problems.count == 1, "\(output.problems)")
        #expect(output.problems.first?.contains("sends to a full `url:`") == true)
    }

    @Test func oneOperationPerPathShapeWhateverItsParametersAreCalled() throws {
        let output = try export(Self.files)
        // `/items/${item_id}.json` and `/items/${other}.json` are one path: the first spelling wins.
        let paths = try #require(output.document["paths"]).objectValue
        #expect(paths?.keys == ["/items.json", "/items/{item_id}.json"])
    }

    @Test func eachAuthSchemeIsASecurityScheme() {
        #expect(OpenAPIExport.securityScheme(for: .header(name: "X-Key", keyVariable: "K")) ==
                    OpenAPIExport.object([("type", "apiKey"), ("in", "header"), ("name", "X-Key")]))
        #expect(OpenAPIExport.securityScheme(for: .query(name: "key", keyVariable: "K"))?["in"] == "query")
        #expect(OpenAPIExport.securityScheme(for: .basic(usernameVariable: "U", passwordVariable: "P"))?["scheme"] == "basic")
        #expect(OpenAPIExport.securityScheme(for: .none) == nil)
    }

    @Test func theSameSuiteGivesTheSameDocument() throws {
        let twice = try exports(Self.files, times: 2)
        #expect(twice[0].document.prettyText == twice[1].document.prettyText)
    }
}
