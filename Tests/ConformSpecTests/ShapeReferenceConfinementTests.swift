import Foundation
import Testing
import ConformShape
@testable import ConformSpec

/// A `$ref` reads shape files from the spec tree only, and never shows what a refused file holds.
@Suite struct ShapeReferenceConfinementTests {
    static func spec(ref: String) -> String {
        """
        spec: 1
        name: Ref
        endpoint: GET /x
        cases:
          - name: reads
            request: { method: GET, path: /x }
            expect: { status: 200, shape: { $ref: "\(ref)" } }
        """
    }

    func compileErrors(_ fixture: SpecFixture) throws -> [String] {
        let specs = try SpecLoader(knownVariables: [], environment: [:]).load(paths: [fixture.folder])
        do {
            _ = try ShapeLibrary.compile(specs)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test(arguments: ["/etc/passwd", "../../../../../../etc/passwd", "file:///etc/passwd"])
    func aReferenceOutsideTheTreeIsRefusedWithoutEchoingTheFile(ref: String) throws {
        let fixture = try SpecFixture(["s.yaml": Self.spec(ref: ref)])
        defer { fixture.remove() }
        let errors = try compileErrors(fixture)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("outside the spec tree") == true, "\(errors)")
        #expect(errors.allSatisfy { !$0.contains("root:") }, "nothing of /etc/passwd is shown")
    }

    @Test func aSymlinkOutOfTheTreeIsRefusedToo() throws {
        let fixture = try SpecFixture(["s.yaml": Self.spec(ref: "shapes/link.yaml")])
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.path("shapes"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.path("shapes/link.yaml"), withDestinationPath: "/etc/passwd")
        let errors = try compileErrors(fixture)
        #expect(errors.first?.contains("outside the spec tree") == true, "\(errors)")
    }

    @Test func sharedShapesBesideTheSpecsAndUnderConformYamlAreRead() throws {
        let fixture = try SpecFixture([
            "conform.yaml": "base_url: http://127.0.0.1:1\n",
            "objects/s.yaml": Self.spec(ref: "../shapes/thing.yaml"),
            "shapes/thing.yaml": "type: object\n",
        ])
        defer { fixture.remove() }
        #expect(try compileErrors(fixture) == [])
    }
}
