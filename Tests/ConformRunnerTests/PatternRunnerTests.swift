import Testing
import ConformHTTP
import ConformShape
import ConformSpec
@testable import ConformRunner

/// Patterns on server-controlled text (body strings, header values) go through the bounded
/// ECMA-262 engine: an undecided match is an error (`<error>`, exit 3), never a pass.
@Suite struct PatternRunnerTests {
    static let hostile = String(repeating: "a", count: 30) + "b"

    static func spec(shapePattern: String, headerPattern: String) -> String {
        """
        spec: 1
        name: Patterns
        endpoint: GET /things.json
        cases:
          - name: reads
            request: { method: GET, path: "/things.json" }
            expect:
              status: 200
              headers: { X-Token: { matches: '\(headerPattern)' } }
              shape:
                type: object
                properties: { code: { type: string, pattern: '\(shapePattern)' } }
        """
    }

    static func answering(code: String, token: String) -> ScriptedTransport {
        ScriptedTransport { _ throws(TransportError) in
            response(200, #"{"code":"\#(code)"}"#, headers: ["Content-Type": "application/json", "X-Token": token])
        }
    }

    @Test func anUndecidedBodyPatternIsAnErrorNamingPatternAndPath() async throws {
        let result = try await run(["p.yaml": Self.spec(shapePattern: #"^(a+)+\1$"#, headerPattern: "^t")],
                                   transport: Self.answering(code: Self.hostile, token: "t1"))
        #expect(result.cases.map(\.status) == [.error])
        #expect(result.exitCode == 3)
        let diagnostic = try #require(result.cases.first?.diagnostics.first)
        #expect(diagnostic.kind == .undecided(path: "$.code", keyword: "pattern"))
        #expect(diagnostic.category == .couldNotCheck)
        #expect(diagnostic.message.contains(#"pattern `^(a+)+\1$` not decided within 1000000 steps at $.code"#), "\(diagnostic.message)")
    }

    @Test func anUndecidedHeaderPatternIsAnError() async throws {
        let result = try await run(["p.yaml": Self.spec(shapePattern: "^a", headerPattern: #"^(a+)+\1$"#)],
                                   transport: Self.answering(code: "a", token: Self.hostile))
        #expect(result.cases.map(\.status) == [.error])
        #expect(result.cases.first?.diagnostics.map(\.kind) == [.undecided(path: "header X-Token", keyword: "matches")])
    }

    @Test func headersUseTheECMA262Dialect() async throws {
        // `\d` is ASCII only and `(a+)+$` is linear: a hostile header cannot hang the run.
        let spec = Self.spec(shapePattern: "^a", headerPattern: #"^\d+$|^(a+)+$"#)
        let passing = try await run(["p.yaml": spec], transport: Self.answering(code: "a", token: "42"))
        #expect(passing.cases.map(\.status) == [.passed])
        let arabic = try await run(["p.yaml": spec], transport: Self.answering(code: "a", token: "\u{0664}\u{0662}"))
        #expect(arabic.cases.map(\.status) == [.failed])
        let long = try await run(["p.yaml": spec],
                                 transport: Self.answering(code: "a", token: String(repeating: "a", count: 20000) + "b"))
        #expect(long.cases.map(\.status) == [.failed])
        #expect(long.cases.first?.diagnostics.first?.message.hasPrefix("header X-Token: expected to match") == true)
    }

    @Test func anInvalidHeaderPatternIsASpecError() async throws {
        do {
            _ = try await run(["p.yaml": Self.spec(shapePattern: "^a", headerPattern: #"\a"#)],
                              transport: Self.answering(code: "a", token: "t"))
            Issue.record("loaded a spec with an invalid header pattern")
        } catch {
            #expect("\(error)".contains("is not a valid regular expression: at offset 0: invalid escape `\\a`"), "\(error)")
        }
    }

    @Test func anInterruptionStopsALongMatch() async throws {
        let interruption = RunInterruption()
        let long = String(repeating: "a", count: 20000)
        // The signal arrives while the response is in flight; its check then stops matching.
        let transport = ScriptedTransport { _ throws(TransportError) in
            interruption.interrupt(by: "SIGINT")
            return response(200, #"{"code":"\#(long)"}"#, headers: ["Content-Type": "application/json", "X-Token": "t"])
        }
        let result = try await run(["p.yaml": Self.spec(shapePattern: "^(a|aa)+c", headerPattern: "^t")],
                                   transport: transport) { $0.interruption = interruption }
        // Nothing was decided: the case is "not run", like a request the signal cut short.
        #expect(result.cases.map(\.status) == [.skipped])
        #expect(result.cases.first?.diagnostics.map(\.message) == ["not run: the run was interrupted (SIGINT)"])
    }
}
