import Foundation
import Testing
@testable import ConformShape

/// The official JSON-Schema-Test-Suite (draft 2020-12), read in place from the shared data
/// folder next to the package (`<package>/../shared/data/json-schema-test-suite`). Nothing is
/// copied into the project. Files are parsed with `JSONValue.parse`, not Foundation, because
/// the suite checks `1.0` against `1` and `true` against `1`.
enum TestSuite {
    /// `<package root>/../shared/data/json-schema-test-suite/draft2020-12`, where the package
    /// root is two folders above this test file.
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ConformShapeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/data/json-schema-test-suite/draft2020-12")
        .standardizedFileURL

    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Files whose every case compiles and every test passes (apart from the explicit
    /// exclusions below). Files left out use keywords Conform rejects on purpose:
    /// `unevaluatedProperties.json`, `unevaluatedItems.json`, `dynamicRef.json`,
    /// `vocabulary.json` (custom meta-schemas: any `$schema` but 2020-12 is refused),
    /// `defs.json` (validates against the 2020-12 meta-schema, which needs `$dynamicRef`),
    /// `content.json` (`contentMediaType`/`contentEncoding`), and `refRemote.json` (needs
    /// the suite's `remotes/` folder served at localhost:1234, which is not in the snapshot).
    static let supportedFiles = [
        "additionalProperties.json", "allOf.json", "anchor.json", "anyOf.json", "boolean_schema.json", "const.json",
        "contains.json", "default.json", "dependentRequired.json", "dependentSchemas.json", "enum.json",
        "exclusiveMaximum.json", "exclusiveMinimum.json", "format.json", "if-then-else.json",
        "infinite-loop-detection.json", "items.json", "maxContains.json", "maxItems.json", "maxLength.json",
        "maxProperties.json", "maximum.json", "minContains.json", "minItems.json", "minLength.json",
        "minProperties.json", "minimum.json", "multipleOf.json", "not.json", "oneOf.json", "pattern.json",
        "patternProperties.json", "prefixItems.json", "properties.json", "propertyNames.json", "ref.json",
        "required.json", "type.json", "uniqueItems.json",
        // ECMA-262 pattern dialect: ASCII `\d` `\w`, ECMA `\s`, `\p{...}`, code points.
        "optional/ecmascript-regex.json", "optional/non-bmp-regex.json",
        // The formats Conform asserts, with assertion semantics (as these files expect).
        "optional/format/uuid.json", "optional/format/date.json", "optional/format/date-time.json",
    ]

    /// Whole test cases (by file and case description) that need something Conform does not
    /// support on purpose. Each one is asserted to fail compilation with the given error kind,
    /// so "excluded" never means "silently passing".
    static let excludedCases: [String: [String: SchemaCompileError.Kind]] = [
        // `unevaluatedProperties` is rejected (use `additionalProperties`).
        "not.json": ["collect annotations inside a 'not', even if collection is disabled": .unsupportedKeyword],
        "ref.json": [
            "ref creates new scope when adjacent to keywords": .unsupportedKeyword,
            // These fetch the 2020-12 meta-schema by URL; there is no loader in the suite run.
            "remote ref, containing refs itself": .unresolvableReference,
        ],
    ]

    /// `format.json` treats `format` as an annotation. Conform asserts the formats it
    /// supports, so for those the suite's "invalid ... string is only an annotation" tests
    /// are checked the other way round (the string must be rejected); the groups for other
    /// formats must fail to compile with `unknownFormat`.
    static let assertedFormats: Set<String> = ["uuid", "date", "date-time"]
    static let annotationOnlyMarker = "is only an annotation by default"
}

@Suite struct JSONSchemaTestSuiteTests {
    struct Tally {
        var cases = 0
        var tests = 0
        var passed = 0
    }

    @Test(
        "JSON-Schema-Test-Suite draft 2020-12",
        // The suite lives outside the package (`../shared/data`); a checkout without it skips.
        .enabled(if: TestSuite.isPresent, "JSON-Schema-Test-Suite not found at \(TestSuite.folder.path)"),
        arguments: TestSuite.supportedFiles)
    func suiteFile(_ file: String) throws {
        let text = try String(contentsOf: TestSuite.folder.appendingPathComponent(file), encoding: .utf8)
        let cases = try #require(try JSONValue.parse(text).arrayValue)
        var tally = Tally()
        for (index, testCase) in cases.enumerated() {
            let description = testCase["description"]?.stringValue ?? "case \(index)"
            let schema = try #require(testCase["schema"])
            let tests = testCase["tests"]?.arrayValue ?? []
            let uri = "https://conform.invalid/suite/\(file)/\(index).json"
            var registry = SchemaRegistry()
            registry.register(schema, as: uri)

            if let kind = TestSuite.excludedCases[file]?[description] {
                expectCompileFailure(registry, uri, kind, "\(file): \(description)")
                continue
            }
            // `format` other than the asserted ones (e.g. ecmascript-regex.json's `format: regex`
            // groups, in suite versions that have them) is a compile error in Conform.
            if let format = schema["format"]?.stringValue, !TestSuite.assertedFormats.contains(format) {
                expectCompileFailure(registry, uri, .unknownFormat, "\(file): \(description)")
                continue
            }
            tally.cases += 1
            let compiled: CompiledSchema
            do {
                compiled = try registry.compile(uri: uri)
            } catch {
                Issue.record("\(file): \(description): does not compile: \(error)")
                continue
            }
            for test in tests {
                let testDescription = test["description"]?.stringValue ?? "?"
                let data = test["data"] ?? .null
                var valid = test["valid"]?.boolValue ?? false
                if file == "format.json" && testDescription.contains(TestSuite.annotationOnlyMarker) { valid = false }
                tally.tests += 1
                let result = compiled.check(data)
                let fast = compiled.validates(data)
                #expect(result.passed == valid,
                    "\(file): \(description): \(testDescription): expected \(valid ? "valid" : "invalid"), mismatches: \(result.mismatches)")
                #expect(fast == valid, "\(file): \(description): \(testDescription): validates() disagrees")
                if result.passed == valid && fast == valid { tally.passed += 1 }
            }
        }
        #expect(tally.cases > 0)
        print("JSON-Schema-Test-Suite \(file): \(tally.passed)/\(tally.tests) tests passed in \(tally.cases) cases")
    }

    private func expectCompileFailure(_ registry: SchemaRegistry, _ uri: String, _ kind: SchemaCompileError.Kind, _ what: String) {
        var registry = registry
        do {
            _ = try registry.compile(uri: uri)
            Issue.record("\(what): expected a compile error (\(kind)), but it compiled")
        } catch {
            #expect(error.errors.contains { $0.kind == kind }, "\(what): expected \(kind), got \(error)")
        }
    }
}

extension JSONSchemaTestSuiteTests {
    /// The files left out of `supportedFiles`. Their cases must never be silently wrong:
    /// each either fails to compile with one of the "not supported" kinds, or compiles and
    /// then passes every test.
    static let unsupportedFiles = [
        "content.json", "defs.json", "dynamicRef.json", "refRemote.json", "unevaluatedItems.json",
        "unevaluatedProperties.json", "vocabulary.json",
        // A format Conform does not assert: refused at compile time (use `pattern`).
        "optional/format/time.json",
    ]

    @Test(
        "Unsupported suite files are rejected at compile time, never checked wrongly",
        .enabled(if: TestSuite.isPresent, "JSON-Schema-Test-Suite not found at \(TestSuite.folder.path)"),
        arguments: unsupportedFiles)
    func unsupportedFile(_ file: String) throws {
        let text = try String(contentsOf: TestSuite.folder.appendingPathComponent(file), encoding: .utf8)
        let cases = try #require(try JSONValue.parse(text).arrayValue)
        var rejected = 0
        var checked = 0
        for (index, testCase) in cases.enumerated() {
            let description = testCase["description"]?.stringValue ?? "case \(index)"
            let uri = "https://conform.invalid/suite/\(file)/\(index).json"
            var registry = SchemaRegistry()
            registry.register(try #require(testCase["schema"]), as: uri)
            do {
                let compiled = try registry.compile(uri: uri)
                checked += 1
                for test in testCase["tests"]?.arrayValue ?? [] {
                    let valid = test["valid"]?.boolValue ?? false
                    #expect(compiled.check(test["data"] ?? .null).passed == valid,
                        "\(file): \(description): \(test["description"]?.stringValue ?? "?")")
                }
            } catch {
                rejected += 1
                let kinds: [SchemaCompileError.Kind] = [.unsupportedKeyword, .unresolvableReference, .unsupportedDialect, .unknownFormat]
                #expect(error.errors.allSatisfy { kinds.contains($0.kind) }, "\(file): \(description): \(error)")
            }
        }
        print("JSON-Schema-Test-Suite \(file) (unsupported): \(rejected) cases rejected, \(checked) compiled and passed")
        #expect(rejected > 0)
    }
}

extension JSONSchemaTestSuiteTests {
    /// The optional files about numbers: integers beyond 64 bits, decimals beyond a double's
    /// precision, and `multipleOf` on a value a double cannot divide.
    static let optionalNumberFiles = ["optional/bignum.json", "optional/float-overflow.json"]

    static var optionalNumberFilesArePresent: Bool {
        optionalNumberFiles.allSatisfy { FileManager.default.fileExists(atPath: TestSuite.folder.appendingPathComponent($0).path) }
    }

    @Test(
        "JSON-Schema-Test-Suite draft 2020-12, optional number files",
        .enabled(if: optionalNumberFilesArePresent, "optional number files not found under \(TestSuite.folder.path)"),
        arguments: optionalNumberFiles)
    func optionalNumberFile(_ file: String) throws {
        try suiteFile(file)
    }
}
