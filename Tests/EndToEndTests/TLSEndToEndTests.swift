import Foundation
import Testing
import ConformTestSupport

/// The suite over HTTPS against `conform mock --tls-cert … --tls-key …` with a throwaway CA:
/// trusted with `--cacert`, refused without it (exit 3, libcurl's reason in the JUnit error),
/// and accepted with `--insecure`.
@Suite(.serialized, .enabled(if: TestCertificates.isAvailable, "needs the openssl command line tool"))
struct TLSEndToEndTests {
    static let packageRoot = SharedData.packageRoot.path

    func run(_ mock: MockProcess, _ extra: [String]) async throws -> (output: ProcessOutput, junit: String) {
        let folder = try TemporaryFolder("e2e-tls")
        defer { folder.remove() }
        let junit = folder.file("junit.xml")
        let output = try await ProcessRunner.run(
            ConformBinary.path, ["run", "Specs", "--base-url", mock.baseURL, "--junit", junit] + extra,
            environment: ["CONFORM_TOKEN": mock.token], directory: Self.packageRoot)
        return (output, String(decoding: FileManager.default.contents(atPath: junit) ?? Data(), as: UTF8.self))
    }

    @Test func theSuiteRunsOverHTTPSOnlyWhenTheCertificateIsTrusted() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let mock = try await MockProcess.start(tls: certificates)
        defer { mock.stop() }
        #expect(mock.origin.hasPrefix("https://127.0.0.1:"))

        let trusted = try await run(mock, ["--cacert", certificates.caPath])
        #expect(trusted.output.exitCode == 0, "\(trusted.output.stdout)\n\(trusted.output.stderr)")
        #expect(trusted.output.stdout.contains("result: PASS"))

        let untrusted = try await run(mock, [])
        #expect(untrusted.output.exitCode == 3, "\(untrusted.output.stdout)\n\(untrusted.output.stderr)")
        #expect(untrusted.junit.contains("<error"))
        #expect(!untrusted.junit.contains("<failure"))
        #expect(untrusted.junit.contains("CURLE_PEER_FAILED_VERIFICATION"))
        // libcurl's own reason, from CURLOPT_ERRORBUFFER.
        #expect(untrusted.junit.contains("SSL certificate problem: unable to get local issuer certificate"), "\(untrusted.junit.prefix(2000))")
        #expect(!untrusted.junit.contains(mock.token))

        let insecure = try await run(mock, ["--insecure"])
        #expect(insecure.output.exitCode == 0, "\(insecure.output.stdout)\n\(insecure.output.stderr)")
    }

    @Test func theSuitePassesOverHTTP2WithConcurrentFiles() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let mock = try await MockProcess.start(tls: certificates, extraArguments: ["--http2"])
        defer { mock.stop() }
        let result = try await run(mock, ["--cacert", certificates.caPath, "--concurrency", "8"])
        #expect(result.output.exitCode == 0, "\(result.output.stdout)\n\(result.output.stderr)")
        #expect(result.output.stdout.contains("result: PASS"))
    }

    @Test func badCertificateFilesAreUsageErrors() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let garbage = try certificates.folder.write("garbage.pem", "not a certificate\n")
        for (flags, message) in [
            (["--tls-cert", certificates.certificatePath], "--tls-cert and --tls-key go together"),
            (["--http2"], "--http2 needs --tls-cert and --tls-key"),
            (["--tls-cert", "/nonexistent/cert.pem", "--tls-key", certificates.keyPath], "cannot read /nonexistent/cert.pem"),
            (["--tls-cert", garbage, "--tls-key", certificates.keyPath], "not a PEM certificate"),
            (["--tls-cert", certificates.certificatePath, "--tls-key", garbage], "not a PEM private key"),
        ] {
            let output = try await ProcessRunner.run(ConformBinary.path, ["mock", "--port", "0"] + flags, directory: Self.packageRoot)
            #expect(output.exitCode == 2, "\(flags)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }
}
