import ConformShape
import ConformSpec
import ConformTestSupport
import Foundation
import Testing

/// The CI examples users copy (`examples/ci/`): valid for GitHub and GitLab (their JSON Schemas,
/// through `check-jsonschema`'s vendored copies), consistent (jobs, artifacts and shard counts
/// agree), and working: the exact shell of each example's shard and merge steps runs here, a job
/// folder per shard as CI gives it, each with its own mock as the example starts it, and the
/// merged reports equal an unsharded run's.
@Suite(.serialized) struct CIExamplesEndToEndTests {
    static let root = SharedData.packageRoot.path
    static let github = root + "/examples/ci/github-actions.yml"
    static let gitlab = root + "/examples/ci/gitlab-ci.yml"
    static let checkJSONSchema = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
        .map { $0 + "/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    static func load(_ path: String) throws -> JSONValue {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return try SourceNode.parse(yaml: text, file: path).jsonValue
    }

    // MARK: Valid and consistent

    @Test(.enabled(if: Self.checkJSONSchema != nil, "needs check-jsonschema (pip install check-jsonschema; .ci/run installs it)"))
    func bothExamplesFollowTheirCISchemasAndABrokenOneDoesNot() async throws {
        let tool = try #require(Self.checkJSONSchema)
        for (file, schema) in [(Self.github, "vendor.github-workflows"), (Self.gitlab, "vendor.gitlab-ci")] {
            let result = try await ProcessRunner.run(tool, ["--builtin-schema", schema, file])
            #expect(result.exitCode == 0, "\(file): \(result.stdout)\(result.stderr)")
        }
        // The check can fail: a job without `runs-on` and a `parallel` that is not a number.
        let folder = try TemporaryFolder("ci-schema")
        defer { folder.remove() }
        let text = String(decoding: FileManager.default.contents(atPath: Self.github) ?? Data(), as: UTF8.self)
        let brokenGitHub = try folder.write("gh.yml", text.replacingOccurrences(of: "    runs-on: ubuntu-latest\n    container: swift:6.3-bookworm\n    steps:\n      - uses: actions/checkout@v4\n      - name: Install the system libraries\n        run: apt-get update -qq && apt-get install -y -qq libcurl4-openssl-dev",
                                                                                with: "    container: swift:6.3-bookworm\n    steps:\n      - uses: actions/checkout@v4\n      - name: Install the system libraries\n        run: apt-get update -qq && apt-get install -y -qq libcurl4-openssl-dev"))
        let gitlabText = String(decoding: FileManager.default.contents(atPath: Self.gitlab) ?? Data(), as: UTF8.self)
        let brokenGitLab = try folder.write("gl.yml", gitlabText.replacingOccurrences(of: "parallel: 4", with: "parallel: four"))
        for (file, schema) in [(brokenGitHub, "vendor.github-workflows"), (brokenGitLab, "vendor.gitlab-ci")] {
            let result = try await ProcessRunner.run(tool, ["--builtin-schema", schema, file])
            #expect(result.exitCode != 0, "\(file) should fail \(schema): \(result.stdout)")
        }
    }

    /// What actionlint would catch and a schema cannot: a job that needs a job that does not
    /// exist, an artifact downloaded under a name nobody uploads, a matrix that disagrees with
    /// the shard count the commands use.
    @Test func theGitHubWorkflowIsConsistent() throws {
        let workflow = try Self.load(Self.github)
        guard case .object(let jobs)? = workflow["jobs"] else { Issue.record("no jobs"); return }
        let names = Set(jobs.keys)
        var uploads: [String] = []
        var downloads: [String] = []
        for (_, job) in jobs {
            var needs: [String] = []
            if let one = job["needs"]?.stringValue { needs = [one] } else { needs = job["needs"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            for need in needs { #expect(names.contains(need), "needs \(need)") }
            for step in job["steps"]?.arrayValue ?? [] {
                let uses = step["uses"]?.stringValue ?? ""
                if uses.hasPrefix("actions/upload-artifact@") { uploads.append(step["with"]?["name"]?.stringValue ?? "") }
                if uses.hasPrefix("actions/download-artifact@") {
                    downloads.append(step["with"]?["name"]?.stringValue ?? step["with"]?["pattern"]?.stringValue ?? "")
                }
            }
        }
        for download in downloads {
            let pattern = download.hasSuffix("*") ? String(download.dropLast()) : download
            #expect(uploads.contains { download.hasSuffix("*") ? $0.hasPrefix(pattern) : $0 == download }, "\(download) is uploaded")
        }
        let shards = jobs["contract"]?["strategy"]?["matrix"]?["shard"]?.arrayValue ?? []
        let count = workflow["env"]?["SHARDS"]
        #expect(shards == (1...4).map { .integer(Int64($0)) } && count == .integer(4))
    }

    // MARK: Working

    /// The shell of a GitHub step with `${{ matrix.shard }}` and `${{ env.X }}` put in.
    static func expand(_ text: String, shard: Int) -> String {
        text.replacingOccurrences(of: "${{ matrix.shard }}", with: String(shard))
    }

    static func step(_ job: JSONValue?, named prefix: String) throws -> JSONValue {
        try #require(job?["steps"]?.arrayValue?.first { ($0["name"]?.stringValue ?? "").hasPrefix(prefix) }, "a step named \(prefix)…")
    }

    static func environment(_ value: JSONValue?, shard: Int) -> [String: String] {
        guard case .object(let members)? = value else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in members { result[key] = expand(value.stringValue ?? value.compactText, shard: shard) }
        return result
    }

    /// A job folder as CI checks it out: the suite and the built binary.
    static func jobFolder(_ parent: TemporaryFolder, _ name: String) throws -> String {
        let path = parent.file(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path + "/Specs", withDestinationPath: root + "/Specs")
        try FileManager.default.createSymbolicLink(atPath: path + "/conform", withDestinationPath: ConformBinary.path)
        return path
    }

    static func bash(_ script: String, in directory: String, environment: [String: String]) async throws -> ProcessOutput {
        // As the runners do: stop at the first failing command.
        try await ProcessRunner.run("/bin/bash", ["-e", "-o", "pipefail", "-c", script], environment: environment,
                                    directory: directory, deadline: 300)
    }

    /// The mock a job started in the background, stopped as the end of a CI job stops it.
    static func stopMock(in directory: String) {
        let text = String(decoding: FileManager.default.contents(atPath: directory + "/mock.pid") ?? Data(), as: UTF8.self)
        if let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGTERM) }
    }

    static func copyReports(from job: String, to merge: String) throws {
        try FileManager.default.createDirectory(atPath: merge + "/Reports", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: job + "/Reports") {
            try FileManager.default.copyItem(atPath: job + "/Reports/" + name, toPath: merge + "/Reports/" + name)
        }
    }

    /// What the merge must equal: the same suite, unsharded, against a mock of its own.
    static func unshardedRun(_ folder: TemporaryFolder) async throws -> (json: JSONValue, testcases: [String]) {
        let mock = try await MockProcess.start(token: "example-mock-token")
        defer { mock.stop() }
        let output = try await ProcessRunner.run(ConformBinary.path, [
            "run", "Specs", "--base-url", mock.baseURL, "--junit", folder.file("whole.xml"), "--report-json", folder.file("whole.json"),
        ], environment: ["CONFORM_TOKEN": mock.token], directory: root)
        #expect(output.exitCode == 0, "\(output.stdout.suffix(1500))")
        return (try readJSON(folder.file("whole.json")), testcases(folder.file("whole.xml")))
    }

    static func readJSON(_ path: String) throws -> JSONValue {
        try JSONValue.parse(bytes: Array(FileManager.default.contents(atPath: path) ?? Data()))
    }

    static func testcases(_ path: String) -> [String] {
        let xml = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return xml.matches(of: /<testcase classname="([^"]*)" name="([^"]*)"/).map { "\($0.output.1) \($0.output.2)" }
    }

    static func expectSameRun(merged folder: String, as whole: (json: JSONValue, testcases: [String])) throws {
        let merged = try readJSON(folder + "/Reports/report.json")
        #expect(merged["totals"] == whole.json["totals"])
        #expect(merged["exitCode"] == 0 && merged["verdict"] == "pass")
        let paths = { (report: JSONValue) in report["specs"]?.arrayValue?.compactMap { $0["path"] } ?? [] }
        #expect(paths(merged) == paths(whole.json) && paths(merged).count == 30)
        #expect(testcases(folder + "/Reports/junit.xml") == whole.testcases)
        let summary = String(decoding: FileManager.default.contents(atPath: folder + "/Reports/summary.md") ?? Data(), as: UTF8.self)
        #expect(summary.hasPrefix("## Conform: ✅ PASS"), "\(summary.prefix(300))")
    }

    @Test func theGitHubShardsRunAsWrittenAndMergeIntoTheUnshardedRun() async throws {
        let workflow = try Self.load(Self.github)
        let folder = try TemporaryFolder("ci-github")
        defer { folder.remove() }
        let base = Self.environment(workflow["env"], shard: 0)
        let contract = workflow["jobs"]?["contract"]
        let startMock = try Self.step(contract, named: "Start the mock")
        let runShard = try Self.step(contract, named: "Run shard")
        let mergeStep = try Self.step(workflow["jobs"]?["merge"], named: "Merge the shards")
        let merge = try Self.jobFolder(folder, "merge")
        let shards = contract?["strategy"]?["matrix"]?["shard"]?.arrayValue?.compactMap { value -> Int? in
            if case .integer(let n) = value { Int(n) } else { nil }
        } ?? []
        #expect(shards.count == 4)
        for shard in shards {
            let job = try Self.jobFolder(folder, "shard-\(shard)")
            defer { Self.stopMock(in: job) }
            // Port 0 instead of the example's 8080: the shards here run on one machine.
            let githubEnv = job + "/github-env"
            _ = FileManager.default.createFile(atPath: githubEnv, contents: Data())
            var environment = base.merging(Self.environment(startMock["env"], shard: shard)) { $1 }
            environment["MOCK_PORT"] = "0"
            environment["GITHUB_ENV"] = githubEnv
            let started = try await Self.bash(startMock["run"]?.stringValue ?? "", in: job, environment: environment)
            #expect(started.exitCode == 0, "\(started.stdout)\(started.stderr)")
            // Later steps see what a step wrote to GITHUB_ENV.
            let exported = String(decoding: FileManager.default.contents(atPath: githubEnv) ?? Data(), as: UTF8.self)
            var stepEnvironment = base.merging(Self.environment(runShard["env"], shard: shard)) { $1 }
            for line in exported.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { stepEnvironment[String(parts[0])] = String(parts[1]) }
            }
            #expect(stepEnvironment["CONFORM_BASE_URL"]?.hasPrefix("http://127.0.0.1:") == true)
            let ran = try await Self.bash(Self.expand(runShard["run"]?.stringValue ?? "", shard: shard), in: job, environment: stepEnvironment)
            #expect(ran.exitCode == 0, "shard \(shard): \(ran.stdout.suffix(1500))\(ran.stderr)")
            try Self.copyReports(from: job, to: merge)  // download-artifact, merge-multiple: true
        }
        let merged = try await Self.bash(mergeStep["run"]?.stringValue ?? "", in: merge, environment: base)
        #expect(merged.exitCode == 0, "\(merged.stdout)\(merged.stderr)")
        try Self.expectSameRun(merged: merge, as: try await Self.unshardedRun(folder))
    }

    @Test func theGitLabShardsRunAsWrittenAndMergeIntoTheUnshardedRun() async throws {
        let pipeline = try Self.load(Self.gitlab)
        let folder = try TemporaryFolder("ci-gitlab")
        defer { folder.remove() }
        let base = Self.environment(pipeline["variables"], shard: 0)
        let contract = pipeline["contract"]
        guard case .integer(let parallel)? = contract?["parallel"] else { Issue.record("contract has no parallel: N"); return }
        #expect(parallel == 4)
        let script = (contract?["script"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "\n")
        let merge = try Self.jobFolder(folder, "merge")
        for index in 1...Int(parallel) {
            let job = try Self.jobFolder(folder, "shard-\(index)")
            defer { Self.stopMock(in: job) }
            var environment = base.merging(Self.environment(contract?["variables"], shard: 0)) { $1 }
            environment["MOCK_PORT"] = "0"
            environment["CI_NODE_INDEX"] = String(index)
            environment["CI_NODE_TOTAL"] = String(parallel)
            let ran = try await Self.bash(script, in: job, environment: environment)
            #expect(ran.exitCode == 0, "shard \(index): \(ran.stdout.suffix(1500))\(ran.stderr)")
            try Self.copyReports(from: job, to: merge)  // artifacts of the jobs it needs
        }
        let mergeScript = (pipeline["merge"]?["script"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "\n")
        let merged = try await Self.bash(mergeScript, in: merge, environment: base)
        #expect(merged.exitCode == 0, "\(merged.stdout)\(merged.stderr)")
        try Self.expectSameRun(merged: merge, as: try await Self.unshardedRun(folder))
        #expect(pipeline["contract"]?["artifacts"]?["reports"]?["junit"] == "Reports/junit-*.xml")
    }
}
