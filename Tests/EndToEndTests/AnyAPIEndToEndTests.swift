import ConformShape
import Foundation
import Testing
import ConformTestSupport

/// Conform against an API that is not JourneyApps: httpbin, on a loopback port, with a
/// `conform.yaml` target using each auth scheme, target headers, redirects, cookies and
/// `expect.time`; the secrets never reach a report.
@Suite(.serialized, .enabled(if: HttpbinProcess.isAvailable, "needs httpbin from PyPI (scripts/ensure-test-tools installs it)"))
struct AnyAPIEndToEndTests {
    static let token = "e2e-httpbin-token-7f3a"

    static let files: [String: String] = [
        "conform.yaml": """
            conform: 1
            default_target: httpbin
            targets:
              httpbin:
                base_url: http://127.0.0.1:${env.HTTPBIN_PORT}
                auth: { scheme: bearer, token_env: HTTPBIN_TOKEN }
                headers: { X-Suite: conform-e2e }
            """,
        "auth.yaml": """
            spec: 1
            name: Bearer tokens
            endpoint: GET /bearer
            cases:
              - name: the target's token is accepted
                request: { method: GET, path: /bearer }
                expect:
                  status: 200
                  shape: { type: object, required: [authenticated, token], properties: { authenticated: { const: true } } }
              - name: without a token 401
                request: { method: GET, path: /bearer, auth: none }
                expect: { status: 401 }
            """,
        "headers.yaml": """
            spec: 1
            name: Echoed headers
            endpoint: GET /headers
            cases:
              - name: the target's headers go with every request
                request: { method: GET, path: /headers }
                expect: { status: 200, values: { $.headers.X-Suite: conform-e2e }, time: { max: 5s } }
            """,
        "redirects.yaml": """
            spec: 1
            name: Redirects
            endpoint: GET /redirect-to
            cases:
              - name: not followed unless asked
                request: { method: GET, path: /redirect-to, query: { url: /get } }
                expect: { status: 302, headers: { Location: /get } }
              - name: followed to the end
                request: { method: GET, path: /absolute-redirect/2, follow_redirects: true }
                expect: { status: 200, values: { $.headers.X-Suite: conform-e2e } }
            """,
        "cookies.yaml": """
            spec: 1
            name: A cookie session
            endpoint: GET /cookies
            cookies: true
            cases:
              - name: the server sets a session cookie
                request: { method: GET, path: /cookies/set, query: { session: abc-123 } }
                expect: { status: 302 }
              - name: later cases send it
                request: { method: GET, path: /cookies }
                expect: { status: 200, values: { $.cookies.session: abc-123 } }
            """,
    ]

    static let slow = """
        spec: 1
        name: Latency
        endpoint: GET /delay/{n}
        cases:
          - name: answers within 300 ms
            request: { method: GET, path: /delay/1 }
            expect: { status: 200, time: { max: 300ms } }
        """

    func run(_ httpbin: HttpbinProcess, files: [String: String], arguments: [String] = [],
             environment: [String: String] = [:]) async throws -> (output: ProcessOutput, report: JSONValue, junit: String) {
        let folder = try TemporaryFolder("e2e-any-api")
        defer { folder.remove() }
        for (name, text) in files { _ = try folder.write(name, text) }
        let port = String(httpbin.origin.split(separator: ":").last ?? "")
        let output = try await ProcessRunner.run(
            ConformBinary.path,
            ["run", ".", "--junit", folder.file("junit.xml"), "--report-json", folder.file("report.json"), "--progress", "lines"] + arguments,
            environment: ["HTTPBIN_PORT": port, "HTTPBIN_TOKEN": Self.token].merging(environment) { $1 }, directory: folder.path)
        let json = FileManager.default.contents(atPath: folder.file("report.json")).map { [UInt8]($0) } ?? []
        let report = try JSONValue.parse(bytes: json)
        return (output, report, String(decoding: FileManager.default.contents(atPath: folder.file("junit.xml")) ?? Data(), as: UTF8.self))
    }

    @Test func aSuiteForAnotherAPIPassesWithItsAuthHeadersRedirectsAndCookies() async throws {
        let httpbin = try await HttpbinProcess.start()
        defer { httpbin.stop() }
        let result = try await run(httpbin, files: Self.files)
        #expect(result.output.exitCode == 0, "\(result.output.stdout)\n\(result.output.stderr)")
        #expect(result.output.stdout.contains("result: PASS"))
        // The bearer scheme was chosen: no JourneyApps note, no `O:` prefix.
        #expect(!result.output.stdout.contains("journeyapps-token"))
        let text = result.report.prettyText
        #expect(text.contains("/absolute-redirect/2 → 302, Location: http://127.0.0.1:"), "\(text.prefix(4000))")
        #expect(!text.contains(Self.token) && !result.junit.contains(Self.token) && !result.output.stdout.contains(Self.token))
    }

    @Test func theAuthFlagSendsTheKeyInAHeaderOrTheQueryAndReportsKeepItOut() async throws {
        let httpbin = try await HttpbinProcess.start()
        defer { httpbin.stop() }
        let echo = """
            spec: 1
            name: Echo
            endpoint: GET /anything
            cases:
              - name: echoes
                request: { method: GET, path: /anything }
                expect: { status: 200, values: { $.headers.X-Api-Key: nothing } }
            """
        let files = ["conform.yaml": Self.files["conform.yaml"]!, "echo.yaml": echo]
        let header = try await run(httpbin, files: files, arguments: ["--auth", "header:X-Api-Key"])
        // The check fails on purpose: the failure shows the key arrived, masked.
        #expect(header.output.exitCode == 1, "\(header.output.stdout)\n\(header.output.stderr)")
        #expect(header.junit.contains("[REDACTED]"), "\(header.junit.prefix(3000))")
        #expect(header.output.stdout.contains(#"-H "X-Api-Key: $HTTPBIN_TOKEN""#), "\(header.output.stdout)")
        #expect(!header.junit.contains(Self.token) && !header.output.stdout.contains(Self.token))

        let queryEcho = echo.replacingOccurrences(of: "$.headers.X-Api-Key: nothing", with: "$.args.api_key: \"${env.HTTPBIN_TOKEN}\"")
        let query = try await run(httpbin, files: ["conform.yaml": Self.files["conform.yaml"]!, "echo.yaml": queryEcho],
                                  arguments: ["--auth", "query:api_key"])
        #expect(query.output.exitCode == 0, "\(query.output.stdout)\n\(query.output.stderr)")

        let basic = """
            spec: 1
            name: Basic
            endpoint: GET /basic-auth/{user}/{password}
            cases:
              - name: the target's user gets in
                request: { method: GET, path: /basic-auth/ann/pw-e2e-secret }
                expect: { status: 200, values: { $.user: ann } }
            """
        let basicRun = try await run(httpbin, files: ["conform.yaml": Self.files["conform.yaml"]!, "basic.yaml": basic],
                                     arguments: ["--auth", "basic"], environment: ["CONFORM_USERNAME": "ann", "CONFORM_PASSWORD": "pw-e2e-secret"])
        #expect(basicRun.output.exitCode == 0, "\(basicRun.output.stdout)\n\(basicRun.output.stderr)")
    }

    @Test func aSlowAnswerFailsExpectTimeWithTheMeasuredTime() async throws {
        let httpbin = try await HttpbinProcess.start()
        defer { httpbin.stop() }
        let result = try await run(httpbin, files: ["conform.yaml": Self.files["conform.yaml"]!, "slow.yaml": Self.slow])
        #expect(result.output.exitCode == 1, "\(result.output.stdout)\n\(result.output.stderr)")
        #expect(result.junit.contains(#"type="time""#), "\(result.junit.prefix(2000))")
        let diagnostic = result.report.prettyText
        #expect(diagnostic.contains(#""kind" : "tooSlow""#) || diagnostic.contains(#""kind": "tooSlow""#), "\(diagnostic.prefix(3000))")
        #expect(result.output.stdout.contains("more than the 300 ms allowed"), "\(result.output.stdout)")
    }

    @Test func theDefaultSchemeIsNamedWhenItGoesToAnotherAPI() async throws {
        let httpbin = try await HttpbinProcess.start()
        defer { httpbin.stop() }
        let plain = Self.files["conform.yaml"]!.replacingOccurrences(of: "    auth: { scheme: bearer, token_env: HTTPBIN_TOKEN }\n", with: "")
        let result = try await run(httpbin, files: ["conform.yaml": plain, "headers.yaml": Self.files["headers.yaml"]!],
                                   environment: ["CONFORM_TOKEN": "default-scheme-token"])
        #expect(result.output.exitCode == 0, "\(result.output.stdout)\n\(result.output.stderr)")
        #expect(result.output.stdout.contains("note: credentials go as JourneyApps expects them"), "\(result.output.stdout)")
    }

    @Test func aSuiteGeneratedFromHttpbinsOwnDocumentRunsAgainstIt() async throws {
        let httpbin = try await HttpbinProcess.start()
        defer { httpbin.stop() }
        let folder = try TemporaryFolder("e2e-httpbin-init")
        defer { folder.remove() }
        let suite = folder.file("suite")
        let generated = try await ProcessRunner.run(
            ConformBinary.path, ["init", "--openapi", httpbin.origin + "/spec.json", "--out", suite, "--base-url", httpbin.origin, "--probe"])
        #expect(generated.exitCode == 0, "\(generated.stdout)\n\(generated.stderr)")
        #expect(generated.stdout.contains("cases in 48 specs"), "\(generated.stdout)")
        #expect(generated.stdout.contains("probed \(httpbin.origin): "), "\(generated.stdout)")
        // Where httpbin does not do what its document says, the case says what it did instead.
        let redirect = String(decoding: FileManager.default.contents(atPath: suite + "/paths/redirect-to.yaml") ?? Data(), as: UTF8.self)
        #expect(redirect.contains("# Probed against \(httpbin.origin): status: expected 2xx, actual 302."), "\(redirect)")
        #expect(redirect.contains("stability: beta"))
        let readme = String(decoding: FileManager.default.contents(atPath: suite + "/README.md") ?? Data(), as: UTF8.self)
        #expect(readme.contains("## Cases where the deployment and the document disagree"))
        // The document leaves two path parameters undeclared: said, with where.
        #expect(generated.stderr.contains("/paths/~1anything~1{anything}/get: the path parameter `anything` is not declared"),
                "\(generated.stderr)")
        let validated = try await ProcessRunner.run(ConformBinary.path, ["validate", suite])
        #expect(validated.exitCode == 0, "\(validated.stderr)")
        let ran = try await ProcessRunner.run(ConformBinary.path, ["run", suite, "--junit", folder.file("junit.xml"),
                                                                   "--report-json", folder.file("report.json"), "--progress", "lines"],
                                              directory: suite)
        // After the probe the suite gates on what is true of httpbin and reports the rest as beta.
        #expect(ran.exitCode == 0, "\(ran.stdout.suffix(3000))")
        let report = try JSONValue.parse(bytes: Array(FileManager.default.contents(atPath: folder.file("report.json")) ?? Data()))
        let passed = report["totals"]?["passed"]?.numberValue ?? 0
        let cases = report["totals"]?["cases"]?.numberValue ?? 0
        #expect(cases >= 45 && passed >= 25, "\(report["totals"] ?? .null)")
        #expect(ran.stdout.contains("./paths/get.yaml") || ran.stdout.contains("paths/get.yaml"), "\(ran.stdout.prefix(2000))")
    }
}
