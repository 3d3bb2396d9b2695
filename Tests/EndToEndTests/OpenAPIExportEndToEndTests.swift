import ConformShape
import Foundation
import Testing
import ConformTestSupport

/// `conform export openapi` on the shipped suite: the document passes openapi-spec-validator,
/// and Schemathesis, driven by it, finds no 5xx and no hang in `conform mock`.
@Suite(.serialized)
struct OpenAPIExportEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    static func available(_ tool: String) -> Bool {
        (try? ProcessRunner.runBlocking("/usr/bin/env", ["which", tool], environment: [:], directory: nil, deadline: 30).exitCode) == 0
    }

    func export(to folder: TemporaryFolder) async throws -> (ProcessOutput, JSONValue) {
        let file = folder.file("openapi.json")
        let output = try await ProcessRunner.run(ConformBinary.path, ["export", "openapi", "Specs", "-o", file], directory: Self.packageRoot)
        let document = try JSONValue.parse(bytes: Array(FileManager.default.contents(atPath: file) ?? Data()))
        return (output, document)
    }

    @Test func theShippedSuiteExportsEveryEndpointItChecks() async throws {
        let folder = try TemporaryFolder("e2e-openapi")
        defer { folder.remove() }
        let (output, document) = try await export(to: folder)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("OpenAPI 3.1, "), "\(output.stdout)")
        let paths = try #require(document["paths"]?.objectValue)
        for path in ["/objects/{model}.json", "/batch.json", "/oplog.json", "/datamodel.json"] {
            #expect(paths.contains(path), "\(paths.keys)")
        }
        #expect(document["components"]?["schemas"]?["object"] != nil)
        #expect(document["components"]?["securitySchemes"]?["conform"]?["scheme"] == "bearer")
        // What was left out is said, with where.
        #expect(output.stderr.contains("warning: Specs/"), "\(output.stderr)")
    }

    @Test(.enabled(if: available("openapi-spec-validator"), "needs openapi-spec-validator from PyPI (scripts/ensure-test-tools)"))
    func theDocumentIsValidOpenAPI() async throws {
        let folder = try TemporaryFolder("e2e-openapi-valid")
        defer { folder.remove() }
        _ = try await export(to: folder)
        let valid = try await ProcessRunner.run("/usr/bin/env", ["openapi-spec-validator", folder.file("openapi.json")])
        #expect(valid.exitCode == 0, "\(valid.stdout)\n\(valid.stderr)")
        #expect(valid.stdout.contains("OK"))
        // And the validator does refuse a broken one.
        let broken = try folder.write("broken.json", #"{"openapi":"3.1.0","info":{"title":"x"},"paths":{"/a":{"get":{"responses":{"200":{}}}}}}"#)
        let invalid = try await ProcessRunner.run("/usr/bin/env", ["openapi-spec-validator", broken])
        #expect(invalid.exitCode != 0)
    }

    @Test(.enabled(if: available("schemathesis"), "needs schemathesis 4.x from PyPI (scripts/ensure-test-tools)"))
    func schemathesisFindsNoServerErrorInTheMock() async throws {
        let output = try await ProcessRunner.run("/usr/bin/env", ["bash", "scripts/fuzz-mock", ConformBinary.path],
                                                 environment: ["FUZZ_EXAMPLES": "3"], directory: Self.packageRoot, deadline: 600)
        #expect(output.exitCode == 0, "\(output.stdout.suffix(4000))\n\(output.stderr.suffix(2000))")
        #expect(output.stdout.contains("passed"), "\(output.stdout.suffix(2000))")
    }
}
