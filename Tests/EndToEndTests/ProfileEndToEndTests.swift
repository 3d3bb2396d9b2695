import Foundation
import Testing
import ConformTestSupport

/// The built binary against `conform mock --profile …`: additive drift is tolerated, a
/// breaking change fails the run, bad profiles are usage errors.
@Suite(.serialized) struct ProfileEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    func conform(_ arguments: [String], token: String? = nil) async throws -> ProcessOutput {
        try await ProcessRunner.run(ConformBinary.path, arguments, environment: token.map { ["CONFORM_TOKEN": $0] } ?? [:],
                              directory: Self.packageRoot)
    }

    /// Runs the shipped suite against a mock under `profiles`; returns the output and the JUnit text.
    func runSuite(profiles: [String]) async throws -> (output: ProcessOutput, junit: String) {
        let mock = try await MockProcess.start(profiles: profiles)
        defer { mock.stop() }
        let folder = try TemporaryFolder("e2e-profiles")
        defer { folder.remove() }
        let junit = folder.file("junit.xml")
        let output = try await conform(["run", "Specs", "--base-url", mock.baseURL, "--junit", junit], token: mock.token)
        let text = String(decoding: FileManager.default.contents(atPath: junit) ?? Data(), as: UTF8.self)
        return (output, text)
    }

    /// `classname | name` of every testcase with a `<failure>`.
    static func failingCases(_ junit: String) -> Set<String> {
        var failing: Set<String> = []
        for chunk in junit.components(separatedBy: "<testcase ").dropFirst() {
            let element = " " + chunk.components(separatedBy: "</testcase>")[0]
            guard element.contains("<failure") else { continue }
            func attribute(_ name: String) -> String {
                element.components(separatedBy: " \(name)=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
            }
            failing.insert("\(attribute("classname")) | \(attribute("name"))")
        }
        return failing
    }

    @Test func theShippedSuiteToleratesAdditiveDrift() async throws {
        let (output, junit) = try await runSuite(profiles: ["additive"])
        #expect(output.exitCode == 0, "\(output.stdout)")
        #expect(output.stdout.contains("drift (tolerated, not failing):"), "\(output.stdout)")
        #expect(output.stdout.contains("unknown field `$.conform_added_text` (string)"))
        #expect(output.stdout.contains("unknown header `X-Api-Revision`"))
        #expect(junit.contains(#"failures="0" errors="0""#))
        #expect(Self.failingCases(junit).isEmpty)
    }

    @Test func aBreakingChangeFailsTheRun() async throws {
        let (output, junit) = try await runSuite(profiles: ["breaking.field-renamed"])
        #expect(output.exitCode == 1, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("result: FAIL"))
        #expect(output.stdout.contains("updated_at"))
        #expect(junit.contains("<failure"))
    }

    @Test func aTargetedBreakingChangeFailsTheSpecOfItsEndpoint() async throws {
        let (output, junit) = try await runSuite(profiles: ["breaking.status-changed@GET /objects/{model}/{id}.json"])
        #expect(output.exitCode == 1, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("FAIL  Specs/objects/get.yaml"))
        #expect(!output.stdout.contains("FAIL  Specs/users/"))
        #expect(Self.failingCases(junit).contains("Specs.objects.get | reads it back"))
    }

    @Test func badProfilesAreUsageErrors() async throws {
        for (profile, message) in [("breaking.field-dropd", "did you mean 'breaking.field-dropped'?"),
                                   ("fault.503@GET /nowhere", "no endpoint 'GET /nowhere'"),
                                   ("fault.slow=later", "the delay 'later' must be seconds")] {
            let output = try await conform(["mock", "--port", "0", "--profile", profile])
            #expect(output.exitCode == 2, "\(profile)")
            #expect(output.stderr.contains("invalid profile '\(profile)'"), "\(output.stderr)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    @Test func theCatalogIsListed() async throws {
        let output = try await conform(["mock", "--list-profiles"])
        #expect(output.exitCode == 0)
        for kind in ["additive", "breaking.field-dropped", "breaking.endpoint-removed", "fault.reset", "fault.large"] {
            #expect(output.stdout.contains("\n\(kind)\n"), "\(kind)")
        }
        #expect(try await conform(["mock", "--help"]).stdout.contains("--profile"))
    }

    @Test func theDocumentedCatalogIsWhatTheBinaryLists() async throws {
        let output = try await conform(["mock", "--list-profiles"])
        let document = try String(contentsOfFile: Self.packageRoot + "/docs/mock-profiles.md", encoding: .utf8)
        let start = try #require(document.range(of: "<!-- catalog:start -->\n```text\n"))
        let end = try #require(document.range(of: "\n```\n<!-- catalog:end -->"))
        let catalog = String(document[start.upperBound..<end.lowerBound])
        #expect(catalog == output.stdout.trimmingCharacters(in: .newlines), "run scripts/profile-catalog to regenerate it")
    }
}
