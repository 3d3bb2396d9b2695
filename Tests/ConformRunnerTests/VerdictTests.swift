import Foundation
import Testing
import ConformHTTP
import ConformShape
import ConformSpec
@testable import ConformRunner

/// Every verdict says what happened: nothing passes unchecked, and nothing that is not a
/// contract failure is counted as one.
@Suite struct VerdictTests {
    static let readsAnObject = """
    spec: 1
    name: Reads
    endpoint: GET /x
    cases:
      - name: reads
        request: { method: GET, path: /x }
        expect:
          status: 200
          shape: { type: object, required: [id], properties: { id: { type: string } } }
    """

    /// A 503's error envelope is not the document the spec describes: its members are no drift.
    @Test func aResponseOfAnotherStatusRecordsNoDrift() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in
            response(503, #"{"type":"unavailable","title":"Service Unavailable","detail":"later"}"#)
        }
        let result = try await run(["x.yaml": Self.readsAnObject], transport: transport) { $0.retry = .none }
        let only = try #require(result.cases.first)
        #expect(only.status == .failed)
        #expect(only.drift.isEmpty)
        let passing = ScriptedTransport { _ throws(TransportError) in response(200, #"{"id":"a","extra":1}"#) }
        let passed = try await run(["x.yaml": Self.readsAnObject], transport: passing)
        #expect(passed.cases.first?.drift.map(\.location) == ["$.extra"], "drift is still recorded when the status matched")
    }

    static let checksACapturedValue = """
    spec: 1
    name: Captures
    endpoint: GET /x
    cases:
      - name: creates
        request: { method: GET, path: /create }
        expect: { status: 200 }
        capture: { made: $.id }
      - name: reads it back
        request: { method: GET, path: /read }
        expect:
          status: 200
          values: { "$.id": "${made}" }
          headers: { X-Made: "${made}" }
    """

    /// The second case's request needs nothing, but its checks need `made`: they are reported
    /// as not run (naming the variable and the case that should have captured it), never passed.
    @Test func checksNeedingAMissingCaptureAreNotRunNotPassed() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            request.url.hasSuffix("/create") ? response(200, #"{"other":1}"#) : response(200, #"{"id":"x"}"#)
        }
        let result = try await run(["c.yaml": Self.checksACapturedValue], transport: transport)
        let second = try #require(result.cases.last)
        #expect(second.status == .skipped)
        #expect(second.diagnostics.contains { $0.message == "value not checked: `${made}` has no value because the case \"creates\" did not capture it" })
        #expect(second.diagnostics.contains { $0.message.hasPrefix("header X-Made not checked: `${made}` has no value") })
        #expect(result.cases.first?.status == .failed, "the capture itself failed")
    }

    static let templatedPath = """
    spec: 1
    name: Templated path
    endpoint: GET /x
    vars: { where: "$.a[" }
    cases:
      - name: reads
        request: { method: GET, path: /x }
        expect:
          status: 200
          values: { "${where}": 1 }
    """

    /// A templated path that turns out not to be a path is the spec's fault: an error with exit
    /// 2, not a contract failure.
    @Test func aSpecErrorFoundWhileRunningIsNotAContractFailure() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(200, #"{"a":[1]}"#) }
        let result = try await run(["t.yaml": Self.templatedPath], transport: transport)
        #expect(result.cases.first?.status == .error)
        #expect(result.cases.first?.isSpecError == true)
        #expect(result.exitCode == ExitCode.specError)
    }

    /// A server that echoes the token in a header *name* must not get it into drift or transcripts.
    @Test func aTokenInAHeaderNameIsMaskedEverywhere() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in
            response(200, #"{"id":1}"#, headers: ["Content-Type": "application/json", "X-Echo-tok-secret-123": "yes"])
        }
        let result = try await run(["x.yaml": Self.readsAnObject], transport: transport)
        let only = try #require(result.cases.first)
        #expect(only.status == .failed, "id is not a string")
        #expect(only.drift.contains { $0.kind == .header && $0.location == "X-Echo-[REDACTED]" }, "\(only.drift)")
        #expect(only.drift.allSatisfy { !$0.location.contains("tok-secret-123") })
        let transcript = try #require(only.transcript)
        #expect(transcript.response?.contains("X-Echo-[REDACTED]: yes") == true, "\(transcript.response ?? "")")
        #expect(!(transcript.request + (transcript.response ?? "")).contains("tok-secret-123"))
    }

    @Test func aBetaCaseTheTargetDidNotAnswerIsNeverAPass() async throws {
        let beta = Self.readsAnObject.replacingOccurrences(of: "endpoint: GET /x", with: "endpoint: GET /x\nstability: beta")
        let transport = ScriptedTransport { request throws(TransportError) in
            throw TransportError(kind: .connectionRefused, method: "GET", url: request.url, summary: "Couldn't connect")
        }
        let result = try await run(["b.yaml": beta], transport: transport) { $0.retry = .none }
        #expect(result.cases.first?.reported == .error)
        #expect(result.exitCode == ExitCode.transport)
        let failing = ScriptedTransport { _ throws(TransportError) in response(200, #"{"id":1}"#) }
        let contract = try await run(["b.yaml": beta], transport: failing)
        #expect(contract.cases.first?.reported == .betaProblem, "a beta contract failure still does not gate")
        #expect(contract.exitCode == ExitCode.success)
    }
}

@Suite struct TransportKindTests {
    /// The reports name a transport error's class from the spec module's own enum: every class
    /// the client can give must arrive under its own name, never as `other` by accident.
    @Test func everyClientClassMapsToTheDiagnosticClassOfTheSameName() {
        for kind in TransportError.Kind.allCases {
            #expect(Diagnostic.TransportKind(kind).rawValue == kind.rawValue)
        }
        #expect(Diagnostic.TransportKind.allCases.count == TransportError.Kind.allCases.count)
    }
}
