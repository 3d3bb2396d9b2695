import Testing
@testable import ConformShape

/// Compile errors name the document and the JSON Pointer of the offending keyword, so the
/// spec loader can point at `file:line:column`, and suggest a fix where one is likely.
@Suite struct CompileErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let schema: String
        let pointer: String
        let kind: SchemaCompileError.Kind
        let message: String
        var suggestion: String? = nil
        var testDescription: String { "\(kind) at \(pointer)" }
    }

    static let cases: [Case] = [
        Case(schema: #"{"properties": {"id": {"requried": true}}}"#, pointer: "/properties/id/requried",
            kind: .unsupportedKeyword, message: "unsupported keyword `requried`; did you mean `required`?", suggestion: "required"),
        Case(schema: #"{"properites": {}}"#, pointer: "/properites", kind: .unsupportedKeyword,
            message: "unsupported keyword `properites`; did you mean `properties`?", suggestion: "properties"),
        Case(schema: #"{"properties": {"status": {"type": "string", "nullable": true}}}"#, pointer: "/properties/status/nullable",
            kind: .unsupportedKeyword,
            message: #"unsupported keyword `nullable`: use `type: [string, "null"]` (OpenAPI 3.0's `nullable` is not JSON Schema)"#,
            suggestion: #"use `type: [string, "null"]` (OpenAPI 3.0's `nullable` is not JSON Schema)"#),
        Case(schema: #"{"properties": {"status": {"type": "integer", "nulable": true}}}"#, pointer: "/properties/status/nulable",
            kind: .unsupportedKeyword,
            message: #"unsupported keyword `nulable` (`nullable`?): use `type: [integer, "null"]` (OpenAPI 3.0's `nullable` is not JSON Schema)"#,
            suggestion: #"use `type: [integer, "null"]` (OpenAPI 3.0's `nullable` is not JSON Schema)"#),
        Case(schema: #"{"unevaluatedProperties": false}"#, pointer: "/unevaluatedProperties", kind: .unsupportedKeyword,
            message: "unsupported keyword `unevaluatedProperties`: not supported; use `additionalProperties: false` on the object schema",
            suggestion: "not supported; use `additionalProperties: false` on the object schema"),
        Case(schema: #"{"discriminator": {"propertyName": "kind"}}"#, pointer: "/discriminator", kind: .unsupportedKeyword,
            message: "unsupported keyword `discriminator`: use `oneOf` with a `const` on the tag property in each alternative",
            suggestion: "use `oneOf` with a `const` on the tag property in each alternative"),
        Case(schema: #"{"x-internal-id": 5}"#, pointer: "/x-internal-id", kind: .unsupportedKeyword,
            message: "unsupported keyword `x-internal-id`"),
        Case(schema: #"{"required": "id"}"#, pointer: "/required", kind: .invalidValue,
            message: #"`required` must be a list of property names, found string "id"; write `required: ["id"]`"#,
            suggestion: #"`required: ["id"]`"#),
        Case(schema: #"{"required": ["id", 5]}"#, pointer: "/required/1", kind: .invalidValue,
            message: "`required` must be property names (strings), found integer 5"),
        Case(schema: #"{"type": "strnig"}"#, pointer: "/type", kind: .invalidValue,
            message: "unknown type `strnig`; did you mean `string`?", suggestion: "string"),
        Case(schema: #"{"type": ["int", "null"]}"#, pointer: "/type/0", kind: .invalidValue,
            message: "unknown type `int`; did you mean `integer`?", suggestion: "integer"),
        Case(schema: #"{"minLength": -1}"#, pointer: "/minLength", kind: .invalidValue,
            message: "`minLength` must be a non-negative integer, found integer -1"),
        Case(schema: #"{"multipleOf": 0}"#, pointer: "/multipleOf", kind: .invalidValue,
            message: "`multipleOf` must be a number greater than 0, found integer 0"),
        Case(schema: #"{"exclusiveMinimum": true}"#, pointer: "/exclusiveMinimum", kind: .invalidValue,
            message: "`exclusiveMinimum` must be a number (the boolean form is from draft 4; 2020-12 writes the limit itself), found boolean true"),
        Case(schema: #"{"items": [{"type": "string"}]}"#, pointer: "/items", kind: .invalidValue,
            message: "`items` must be a schema (for tuples, 2020-12 uses `prefixItems`), found array (1 item)"),
        Case(schema: #"{"properties": {"a": 5}}"#, pointer: "/properties/a", kind: .invalidValue,
            message: "a schema must be an object or `true`/`false`, found integer 5"),
        Case(schema: #"{"anyOf": []}"#, pointer: "/anyOf", kind: .invalidValue,
            message: "`anyOf` must be a non-empty list of schemas, found array []"),
        Case(schema: #"{"$id": "shape.json#status"}"#, pointer: "/$id", kind: .invalidValue,
            message: "`$id` must not have a fragment (`#status`); use `$anchor: status` for a name"),
        Case(schema: ##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, pointer: "/properties/a/$ref",
            kind: .unresolvableReference,
            message: "cannot resolve `$ref` `#/$defs/missing`: `/specs/shapes/test.json` has nothing at `/$defs/missing`"),
        Case(schema: ##"{"$ref": "#nowhere"}"##, pointer: "/$ref", kind: .unresolvableReference,
            message: "cannot resolve `$ref` `#nowhere`: no `$anchor` named `nowhere` in `/specs/shapes/test.json`"),
        Case(schema: #"{"$ref": "other.json"}"#, pointer: "/$ref", kind: .unresolvableReference,
            message: "cannot resolve `$ref` `other.json`: no document is registered as `/specs/shapes/other.json`"),
        Case(schema: #"{"format": "email"}"#, pointer: "/format", kind: .unknownFormat,
            message: "unknown format `email`; supported formats are `uuid`, `date`, `date-time` (use `pattern` for others)"),
        Case(schema: #"{"format": "date_time"}"#, pointer: "/format", kind: .unknownFormat,
            message: "unknown format `date_time`; did you mean `date-time`?", suggestion: "date-time"),
        Case(schema: #"{"pattern": "^(abc"}"#, pointer: "/pattern", kind: .invalidPattern,
            message: "`pattern` `^(abc` is not a valid regular expression: at offset 1: unterminated group"),
        Case(schema: #"{"patternProperties": {"[a-": {}}}"#, pointer: "/patternProperties/[a-", kind: .invalidPattern,
            message: "`patternProperties` `[a-` is not a valid regular expression: at offset 0: unterminated character class"),
        Case(schema: ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}"##,
            pointer: "/$defs/a/$ref", kind: .referenceCycle,
            message: "`$ref` `#/$defs/b` leads back to this schema without moving into the instance; checking would never end"),
        Case(schema: #"{"$schema": "http://json-schema.org/draft-07/schema#"}"#, pointer: "/$schema", kind: .unsupportedDialect,
            message: "`$schema` `http://json-schema.org/draft-07/schema#` is not supported: schemas are checked as JSON Schema 2020-12 (remove `$schema` or write `https://json-schema.org/draft/2020-12/schema`)"),
    ]

    @Test(arguments: cases)
    func errorNamesDocumentPointerAndFix(_ c: Case) throws {
        let errors = compileErrors(c.schema)
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.kind == c.kind)
        #expect(error.location.document == "/specs/shapes/test.json")
        #expect(error.location.pointer.description == c.pointer)
        #expect(error.message == c.message)
        #expect(error.suggestion == c.suggestion)
        #expect(error.description == "/specs/shapes/test.json#\(c.pointer): \(c.message)")
    }

    @Test func everyErrorIsReportedInDocumentOrder() {
        let errors = compileErrors(#"""
            {"type": "objet",
             "properties": {
               "id": {"type": "string", "formt": "uuid"},
               "tags": {"items": {"type": "string", "minLength": "1"}},
               "status": {"enum": "open"}
             },
             "requried": ["id"]}
            """#)
        #expect(errors.map(\.location.pointer.description) == [
            "/type", "/properties/id/formt", "/properties/tags/items/minLength", "/properties/status/enum", "/requried",
        ])
        #expect(errors.map(\.kind) == [.invalidValue, .unsupportedKeyword, .invalidValue, .invalidValue, .unsupportedKeyword])
    }

    @Test func unreferencedDefinitionsAreCheckedToo() {
        let errors = compileErrors(#"{"type": "object", "$defs": {"unused": {"typo": 1}}}"#)
        #expect(errors.map(\.location.pointer.description) == ["/$defs/unused/typo"])
    }

    @Test func embeddedSchemaErrorsUseTheFilesPointer() {
        var registry = SchemaRegistry()
        let shape = json(#"{"properties": {"status": {"nulable": true}}}"#)
        do {
            _ = try registry.compile(shape, embeddedIn: "/x/Specs/objects/get.yaml",
                at: JSONPointer(["cases", "1", "expect", "shape"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.map(\.location.description)
                == ["/x/Specs/objects/get.yaml#/cases/1/expect/shape/properties/status/nulable"])
        }
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        var schema: JSONValue = ["type": "string"]
        for _ in 0..<1000 { schema = ["properties": ["a": schema]] }
        var registry = SchemaRegistry()
        registry.register(schema, as: "/deep.json")
        #expect(throws: SchemaCompileFailure.self) { try registry.compile(uri: "/deep.json") }
        do { _ = try registry.compile(uri: "/deep.json") } catch {
            #expect(error.errors.contains { $0.kind == .tooDeep })
        }
    }

    @Test func selfReferenceWithoutProgressIsRejected() {
        let errors = compileErrors(##"{"$ref": "#"}"##)
        #expect(errors.map(\.kind) == [.referenceCycle])
        // Recursion that moves into the instance is fine.
        #expect(throws: Never.self) { try compile(##"{"properties": {"next": {"$ref": "#"}}}"##) }
    }

    @Test func compileFailureDescribesAllErrors() {
        let failure = SchemaCompileFailure(errors: compileErrors(#"{"requried": [], "typ": "string"}"#))
        #expect(failure.description == """
            2 schema errors:
              /specs/shapes/test.json#/requried: unsupported keyword `requried`; did you mean `required`?
              /specs/shapes/test.json#/typ: unsupported keyword `typ`; did you mean `type`?
            """)
    }
}
