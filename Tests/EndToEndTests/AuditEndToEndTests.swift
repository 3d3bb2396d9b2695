import Foundation
import Testing
import ConformTestSupport

/// `conform audit` with the built binary: the shipped suite catches every breaking change and
/// tolerates additive drift, the README shows that table, and a weak suite is told what it misses.
@Suite(.serialized) struct AuditEndToEndTests {
    static let root = SharedData.packageRoot.path

    @Test func theShippedSuiteCatchesEveryBreakingChangeAndTheReadmeSaysSo() async throws {
        let output = try await ProcessRunner.run(ConformBinary.path, ["audit", "Specs", "--markdown"], directory: Self.root, deadline: 600)
        #expect(output.exitCode == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(!output.stdout.contains("MISSED"))
        #expect(output.stdout.contains("additive drift: no failures"))
        #expect(output.stdout.contains("(100%)"))
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        // Change, endpoint and verdict; which case is named first may vary with timing.
        let rows = { (text: String) in
            text.split(separator: "\n").filter { $0.hasPrefix("| `breaking.") }.map { row in
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                return "\(cells[0]) \(cells[1]) \(cells[2].contains("MISSED") ? "missed" : "caught")"
            }
        }
        #expect(rows(readme) == rows(output.stdout), "run scripts/audit-table to regenerate the README table")
        #expect(rows(output.stdout).count > 100)
    }

    @Test func aWeakSuiteIsToldWhatItMissesAndFails() async throws {
        let folder = try TemporaryFolder("audit")
        defer { folder.remove() }
        try folder.write("weak/get.yaml", """
        spec: 1
        name: Weak read
        endpoint: GET /objects/{model}/{id}.json
        cases:
          - name: creates
            request: { method: POST, path: /objects/task.json, json: { task: { name: x } } }
            expect: { status: 200 }
            capture: { id: $.id }
          - name: reads, checking only the status
            request: { method: GET, path: "/objects/task/${id}.json" }
            expect: { status: 200 }
        teardown:
          - request: { method: DELETE, path: "/objects/task/${id}.json" }
        """)
        let output = try await ProcessRunner.run(ConformBinary.path,
                                           ["audit", folder.file("weak"), "--kind", "breaking.field-dropped",
                                            "--kind", "breaking.status-changed", "--endpoint", "GET /objects/{model}/{id}.json"],
                                           directory: Self.root, deadline: 300)
        #expect(output.exitCode == 1, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("MISSED  breaking.field-dropped  GET /objects/{model}/{id}.json"))
        #expect(output.stdout.contains("caught  breaking.status-changed  GET /objects/{model}/{id}.json"))
        #expect(output.stdout.contains("breaking changes caught: 1 of 2 (50%)"))
        let usage = try await ProcessRunner.run(ConformBinary.path, ["audit", "Specs", "--kind", "additive"], directory: Self.root)
        #expect(usage.exitCode == 2)
    }
}
