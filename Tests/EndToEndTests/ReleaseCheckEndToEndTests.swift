import ConformShape
import Foundation
import Testing
import ConformTestSupport

/// Release checks against the mock: snapshots of the shipped suite's run, `conform diff` between
/// the faithful mock and each of its profiles, and `conform run --baseline`.
@Suite(.serialized)
struct ReleaseCheckEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    /// Runs the shipped suite against `mock` and returns the snapshot's path and the run's output.
    func snapshot(_ mock: MockProcess, into folder: TemporaryFolder, named name: String,
                  extra: [String] = []) async throws -> (path: String, output: ProcessOutput) {
        let path = folder.file(name)
        let output = try await ProcessRunner.run(
            ConformBinary.path,
            ["run", "Specs", "--base-url", mock.baseURL, "--junit", folder.file(name + ".junit.xml"), "--snapshot", path, "--progress", "lines"]
                + extra,
            environment: ["CONFORM_TOKEN": mock.token], directory: Self.packageRoot)
        return (path, output)
    }

    func diff(_ old: String, _ new: String, _ extra: [String] = []) async throws -> ProcessOutput {
        try await ProcessRunner.run(ConformBinary.path, ["diff", old, new, "--color", "never"] + extra, directory: Self.packageRoot)
    }

    @Test func aSnapshotIsAboutShapesNotData() async throws {
        let folder = try TemporaryFolder("e2e-snapshot")
        defer { folder.remove() }
        let first = try await MockProcess.start()
        defer { first.stop() }
        // With --snapshot the files run one at a time (unless --concurrency says otherwise): what a
        // list shows then does not depend on which other files run beside it.
        let a = try await snapshot(first, into: folder, named: "a.json")
        #expect(a.output.exitCode == 0, "\(a.output.stdout.suffix(2000))")
        let b = try await snapshot(first, into: folder, named: "b.json")
        // The same mock twice: byte for byte the same file.
        #expect(FileManager.default.contents(atPath: a.path) == FileManager.default.contents(atPath: b.path))
        // Another mock, other ids and another clock: the same contract.
        let other = try await MockProcess.start(extraArguments: ["--seed-ids", "7", "--fixed-time", "2021-03-04T05:06:07Z"])
        defer { other.stop() }
        let c = try await snapshot(other, into: folder, named: "c.json")
        let same = try await diff(a.path, c.path)
        #expect(same.exitCode == 0, "\(same.stdout)")
        #expect(same.stdout.contains("no difference"), "\(same.stdout)")
        // The file follows its documented format.
        let document = try JSONValue.parse(bytes: Array(FileManager.default.contents(atPath: a.path) ?? Data()))
        #expect(try ReportSchema.problems(in: document, schemaPath: ReportSchema.snapshotPath) == [])
        #expect(document["endpoints"]?.arrayValue?.contains { $0["path"] == "/objects/{model}/{object_id}.json" || $0["path"] == "/objects/{model}.json" } == true)
    }

    /// What each breaking profile must show as, at least once.
    static let expectedKinds: [String: [String]] = [
        "breaking.field-dropped": ["member-removed"], "breaking.field-renamed": ["member-renamed"],
        "breaking.field-type-changed": ["type-changed"], "breaking.field-nulled": ["became-nullable"],
        "breaking.choice-flattened": ["type-changed"], "breaking.list-wrapper-changed": ["type-changed"],
        "breaking.status-changed": ["status-changed"], "breaking.error-envelope-changed": ["member-renamed", "member-removed"],
        "breaking.endpoint-removed": ["endpoint-removed", "status-changed", "status-removed"],
    ]

    @Test func everyBreakingProfileIsABreakingDiffAndAdditiveIsNot() async throws {
        let folder = try TemporaryFolder("e2e-diff")
        defer { folder.remove() }
        let faithful = try await MockProcess.start()
        defer { faithful.stop() }
        let baseline = try await snapshot(faithful, into: folder, named: "baseline.json")
        // Every breaking profile the mock offers, read from its own list.
        let listed = try await ProcessRunner.run(ConformBinary.path, ["mock", "--list-profiles"])
        let profiles = listed.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("breaking.") }
        #expect(Set(profiles) == Set(Self.expectedKinds.keys), "\(profiles)")
        for profile in profiles {
            let mock = try await MockProcess.start(profiles: [profile])
            defer { mock.stop() }
            let changed = try await snapshot(mock, into: folder, named: "\(profile).json")
            let result = try await diff(baseline.path, changed.path, ["--json"])
            #expect(result.exitCode == 1, "\(profile): \(result.stdout.prefix(2000))")
            let report = try JSONValue.parse(result.stdout)
            let kinds = Set(report["changes"]?.arrayValue?.filter { $0["severity"] == "breaking" }.compactMap { $0["kind"]?.stringValue } ?? [])
            #expect(!kinds.isDisjoint(with: Self.expectedKinds[profile] ?? []), "\(profile): \(kinds)")
            // Each change names where: a JSON path, or the status or endpoint that changed.
            let changes = report["changes"]?.arrayValue ?? []
            #expect(changes.allSatisfy { ($0["path"]?.stringValue?.isEmpty == false) || $0["old"] != nil }, "\(profile)")
        }
        let additive = try await MockProcess.start(profiles: ["additive"])
        defer { additive.stop() }
        let added = try await snapshot(additive, into: folder, named: "additive.json")
        let text = try await diff(baseline.path, added.path)
        #expect(text.exitCode == 0, "\(text.stdout.prefix(3000))")
        #expect(text.stdout.contains("0 breaking changes"), "\(text.stdout.suffix(500))")
        #expect(text.stdout.contains("+ additive  member-added: [200] new member $.conform_added_text (string)"), "\(text.stdout.prefix(3000))")
        #expect(text.stdout.contains("+ additive  header-added: [200] new header x-conform-drift"))
        let strict = try await diff(baseline.path, added.path, ["--fail-on", "additive"])
        #expect(strict.exitCode == 1)
        let markdown = try await diff(baseline.path, added.path, ["--markdown"])
        #expect(markdown.stdout.hasPrefix("### API changes: "))
        #expect(markdown.stdout.contains("| ➕ additive | `GET /info.json → 200` | member-added | `$.conform_added_text` |  | string |"),
                "\(markdown.stdout.prefix(2000))")

        // --baseline: the run itself gates on the breaking change, and calls additions drift.
        let renamed = try await MockProcess.start(profiles: ["breaking.field-renamed@GET /info.json"])
        defer { renamed.stop() }
        let gated = try await snapshot(renamed, into: folder, named: "gated.json", extra: ["--baseline", baseline.path])
        #expect(gated.output.exitCode == 1, "\(gated.output.stdout.suffix(3000))")
        #expect(gated.output.stdout.contains("member-renamed since the baseline: $.last_deployed_at is gone; probably renamed to $.deployed_at"),
                "\(gated.output.stdout.suffix(3000))")
        let junit = String(decoding: FileManager.default.contents(atPath: folder.file("gated.json.junit.xml")) ?? Data(), as: UTF8.self)
        #expect(junit.contains(#"type="baseline.member-renamed""#))
        let tolerated = try await snapshot(additive, into: folder, named: "tolerated.json", extra: ["--baseline", baseline.path, "--verbose"])
        #expect(tolerated.output.exitCode == 0, "\(tolerated.output.stdout.suffix(3000))")
        #expect(tolerated.output.stdout.contains("new since baseline: GET /info.json → 200 $.conform_added_text (string)"),
                "\(tolerated.output.stdout.suffix(3000))")
    }
}
