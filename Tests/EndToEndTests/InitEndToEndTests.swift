import ConformHTTP
import ConformTestSupport
import Foundation
import Testing

/// `conform init` as a user runs it: generate a suite from a data model file or from the
/// mock's `datamodel.json`, validate it, run it against `conform mock` serving that data
/// model, and find the deployment as it was before.
@Suite(.serialized) struct InitEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path
    static let fixture = "Tests/Fixtures/field-service.xml"

    func conform(_ arguments: [String], token: String? = nil) async throws -> ProcessOutput {
        try await ProcessRunner.run(ConformBinary.path, arguments, environment: token.map { ["CONFORM_TOKEN": $0] } ?? [:],
                              directory: Self.packageRoot)
    }

    /// The model names of a data model XML file, in order.
    func modelNames(_ xmlPath: String) throws -> [String] {
        let text = try String(contentsOfFile: Self.packageRoot + "/" + xmlPath, encoding: .utf8)
        return text.matches(of: /<model name="(\w+)"/).map { String($0.output.1) }
    }

    /// The IDs of every object of every model, read through the API.
    func objectIDs(_ mock: MockProcess, models: [String]) async throws -> [String: Set<String>] {
        let client = try HTTPClient()
        var ids: [String: Set<String>] = [:]
        for model in models {
            let request = HTTPRequest(url: mock.baseURL + "/objects/\(model).json?limit=1000", headers: ["Authorization": "Bearer O:" + mock.token])
            let response = try await client.send(request)
            // A listing that fails must fail the test, not read as "no objects".
            #expect(response.status == 200, "listing \(model)")
            let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let objects = try #require(body?["objects"] as? [[String: Any]], "listing \(model)")
            ids[model] = Set(objects.compactMap { $0["id"] as? String })
        }
        await client.shutdown()
        return ids
    }

    /// init → validate → run against the mock → the same objects as before the run.
    func generateAndRun(datamodel: String, mockArguments: [String]) async throws {
        let folder = try TemporaryFolder("init-e2e")
        defer { folder.remove() }
        let out = folder.file("suite")
        let generated = try await conform(["init", "--datamodel", datamodel, "--out", out])
        #expect(generated.exitCode == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("wrote "))
        let validated = try await conform(["validate", out])
        #expect(validated.exitCode == 0, "\(validated.stderr)")

        let mock = try await MockProcess.start(extraArguments: mockArguments)
        defer { mock.stop() }
        let models = try modelNames(datamodel)
        let before = try await objectIDs(mock, models: models)
        let run = try await conform(["run", out, "--base-url", mock.baseURL, "--junit", folder.file("junit.xml")], token: mock.token)
        #expect(run.exitCode == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("result: PASS"))
        #expect(run.stdout.contains(" 0 failed, 0 errors, 0 skipped"), "\(run.stdout)")
        #expect(try await objectIDs(mock, models: models) == before)
        // Only the seeded app users were there before; every other model is empty again.
        #expect(before.filter { $0.key != "user" }.allSatisfy { $0.value.isEmpty })
    }

    @Test func aSuiteFromTheShippedDataModelPassesAgainstTheMock() async throws {
        try await generateAndRun(datamodel: "Specs/datamodel.xml", mockArguments: [])
    }

    @Test func aSuiteFromASecondDataModelPassesAgainstTheMockServingIt() async throws {
        try await generateAndRun(datamodel: Self.fixture, mockArguments: ["--datamodel", Self.fixture])
    }

    @Test func aSuiteFromTheDeploymentsDatamodelJSONRunsWithItsOwnTarget() async throws {
        let mock = try await MockProcess.start(extraArguments: ["--datamodel", Self.fixture])
        defer { mock.stop() }
        let folder = try TemporaryFolder("init-e2e")
        defer { folder.remove() }
        let out = folder.file("suite")
        let refused = try await conform(["init", "--base-url", mock.baseURL, "--out", out])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("answered 401 (AUTHENTICATION_FAILED"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let generated = try await conform(["init", "--base-url", mock.baseURL + "/", "--out", out], token: mock.token)
        #expect(generated.exitCode == 0, "\(generated.stderr)")
        let config = try String(contentsOfFile: out + "/conform.yaml", encoding: .utf8)
        #expect(config.contains("base_url: \(mock.baseURL)\n"))
        #expect(config.contains("token_env: CONFORM_TOKEN"))
        #expect(!config.contains(mock.token))
        let header = try String(contentsOfFile: out + "/asset/read.yaml", encoding: .utf8)
        #expect(header.hasPrefix("# Generated by `conform init` from"))
        #expect(header.contains("\(mock.baseURL)/datamodel.json (datamodel_hash"))
        // No --base-url: the suite's conform.yaml names the deployment.
        let run = try await conform(["run", out, "--config", out + "/conform.yaml", "--junit", folder.file("junit.xml")], token: mock.token)
        #expect(run.exitCode == 0, "\(run.stdout)\n\(run.stderr)")
    }

    @Test func existingFilesAreKeptUnlessForcedAndTheSameInputGivesTheSameFiles() async throws {
        let folder = try TemporaryFolder("init-e2e")
        defer { folder.remove() }
        let out = folder.file("suite")
        #expect(try await conform(["init", "--datamodel", Self.fixture, "--out", out]).exitCode == 0)
        let edited = out + "/site/create.yaml"
        try "# mine\n".write(toFile: edited, atomically: true, encoding: .utf8)
        let again = try await conform(["init", "--datamodel", Self.fixture, "--out", out])
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("refusing to overwrite 81 existing files"), "\(again.stderr)")
        #expect(try String(contentsOfFile: edited, encoding: .utf8) == "# mine\n")
        #expect(try await conform(["init", "--datamodel", Self.fixture, "--out", out, "--force"]).exitCode == 0)

        let twin = folder.file("twin")
        #expect(try await conform(["init", "--datamodel", Self.fixture, "--out", twin]).exitCode == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: twin).sorted()))
        for file in files {
            #expect(FileManager.default.contents(atPath: out + "/" + file) == FileManager.default.contents(atPath: twin + "/" + file), "\(file)")
        }
    }

    @Test func checkSaysWhichModelsAndFieldsChangedSinceTheSuiteWasGenerated() async throws {
        let folder = try TemporaryFolder("init-check")
        defer { folder.remove() }
        let out = folder.file("suite")
        #expect(try await conform(["init", "--datamodel", "Specs/datamodel.xml", "--out", out]).exitCode == 0)
        // The generated specs are the user's to edit: that alone is not staleness.
        try "# mine\n".write(toFile: out + "/task/create.yaml", atomically: true, encoding: .utf8)
        let current = try await conform(["init", "--datamodel", "Specs/datamodel.xml", "--out", out, "--check"])
        #expect(current.exitCode == 0, "\(current.stdout)\(current.stderr)")
        #expect(current.stdout.contains("is up to date with Specs/datamodel.xml"))
        // A field renamed and a model added in the deployment's data model.
        let original = try String(contentsOfFile: Self.packageRoot + "/Specs/datamodel.xml", encoding: .utf8)
        let changed = original.replacingOccurrences(of: #"<field name="priority""#, with: #"<field name="urgency""#)
        #expect(changed != original)
        let changedPath = try folder.write("changed.xml", changed)
        let stale = try await conform(["init", "--datamodel", changedPath, "--out", out, "--check"])
        #expect(stale.exitCode == 1, "\(stale.stdout)\(stale.stderr)")
        #expect(stale.stdout.contains("  model task: field priority (single-choice: low, normal, high) gone"), "\(stale.stdout)")
        #expect(stale.stdout.contains("  model task: field urgency (single-choice: low, normal, high) new"), "\(stale.stdout)")
        #expect(try String(contentsOfFile: out + "/task/create.yaml", encoding: .utf8) == "# mine\n", "--check writes nothing")
        let nowhere = try await conform(["init", "--datamodel", "Specs/datamodel.xml", "--out", folder.file("empty"), "--check"])
        #expect(nowhere.exitCode == 2)
        #expect(nowhere.stderr.contains(".conform-init.json not found"), "\(nowhere.stderr)")
    }

    @Test func badInputExitsTwoSayingWhereAndAnUnreachableTargetExitsThree() async throws {
        let folder = try TemporaryFolder("init-e2e")
        defer { folder.remove() }
        let xml = try folder.write("bad.xml", "<data-model>\n  <model name=\"x\" label=\"X\">\n    <field name=\"a\" label=\"A\" type=\"nope\"/>\n    <display>{a}</display>\n  </model>\n</data-model>\n")
        let badXML = try await conform(["init", "--datamodel", xml, "--out", folder.file("a")])
        #expect(badXML.exitCode == 2)
        #expect(badXML.stderr.contains("\(xml):3: error: Invalid type 'nope'"), "\(badXML.stderr)")

        // Decided by content, not by the extension.
        let json = try folder.write("datamodel.txt", #"{"models": {"x": {"name": "x", "fields": {"a": {"name": "a", "type": 7}}}}}"#)
        let badJSON = try await conform(["init", "--datamodel", json, "--out", folder.file("b")])
        #expect(badJSON.exitCode == 2)
        #expect(badJSON.stderr.contains("$.models.x.fields.a.type"), "\(badJSON.stderr)")

        let missing = try await conform(["init", "--datamodel", folder.file("absent.xml"), "--out", folder.file("c")])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("no such file"))

        let closed = try await conform(["init", "--base-url", "http://127.0.0.1:9/api/v4/533bda53027894f69b001055", "--out", folder.file("d")])
        #expect(closed.exitCode == 3)
        #expect(closed.stderr.contains("http://127.0.0.1:9/api/v4/533bda53027894f69b001055/datamodel.json"))
        #expect(closed.stderr.contains("CURLE_COULDNT_CONNECT"))

        #expect(try await conform(["init", "--out", folder.file("e")]).exitCode == 2)
        #expect(try await conform(["init", "--datamodel", xml]).exitCode == 2)
        for name in ["a", "b", "c", "d", "e"] { #expect(!FileManager.default.fileExists(atPath: folder.file(name))) }
    }
}
