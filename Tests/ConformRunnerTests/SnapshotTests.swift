import ConformHTTP
import ConformShape
import Foundation
import Testing
@testable import ConformRunner

/// Snapshots record shapes, not values; the diff classifies by the contract rule.
@Suite struct SnapshotTests {
    static func snapshot(_ bodies: [String], path: String = "/items", status: Int = 200, headers: HTTPHeaders = ["Content-Type": "application/json"])
        throws -> ContractSnapshot
    {
        let recorder = SnapshotRecorder(redactor: .none)
        for body in bodies {
            recorder.record(method: "GET", path: path, response: response(status, body, headers: headers),
                            json: try JSONValue.parse(body), caseLabel: "items.yaml: reads")
        }
        return recorder.snapshot()
    }

    static func kinds(_ old: [String], _ new: [String]) throws -> [String] {
        SnapshotDiff(old: try snapshot(old), new: try snapshot(new)).changes.map { "\($0.kind.rawValue) \($0.path)" }
    }

    @Test func theSameShapeWithOtherDataIsNoChange() throws {
        let one = try Self.snapshot([#"{"id":"3c18fdc0-b02e-11e4-827d-001e6733fe3c","n":1,"tags":["a"]}"#])
        let two = try Self.snapshot([#"{"id":"9f0c6f4e-1111-4222-8333-444455556666","n":7,"tags":["b","c"]}"#])
        #expect(one == two)
        #expect(one.endpoints.first?.body?.member("id")?.node.format == "uuid")
        #expect(one.json().prettyText == two.json().prettyText)
    }

    @Test func eachBreakingKindIsNamedWithItsPath() throws {
        #expect(try Self.kinds([#"{"a":1,"b":"x"}"#], [#"{"a":1}"#]) == ["member-removed $.b"])
        #expect(try Self.kinds([#"{"updated_at":"x"}"#], [#"{"modified_at":"y"}"#]) == ["member-renamed $.updated_at"])
        #expect(try Self.kinds([#"{"a":1}"#], [#"{"a":"1"}"#]) == ["type-changed $.a"])
        #expect(try Self.kinds([#"{"a":1}"#], [#"{"a":null}"#]) == ["became-nullable $.a"])
        #expect(try Self.kinds([#"{"a":1}"#, #"{"a":2}"#], [#"{"a":1}"#, #"{}"#]) == ["became-optional $.a"])
        #expect(try Self.kinds([#"{"id":"3c18fdc0-b02e-11e4-827d-001e6733fe3c"}"#], [#"{"id":"42"}"#]) == ["format-changed $.id"])
        #expect(try Self.kinds([#"{"list":[{"a":1}]}"#], [#"{"list":[{"a":true}]}"#]) == ["type-changed $.list[].a"])
        #expect(try Self.kinds([#"{"a":1}"#], [#"{"a":1,"b":2}"#]) == ["member-added $.b"])
        // Only null was seen before: the type was unknown, a first value changes nothing.
        #expect(try Self.kinds([#"{"a":null}"#], [#"{"a":"x"}"#]) == [])
    }

    @Test func statusesEndpointsAndHeaders() throws {
        let old = try Self.snapshot([#"{}"#], headers: ["Content-Type": "application/json", "ETag": "1"])
        let moved = try Self.snapshot([#"{}"#], status: 201, headers: ["Content-Type": "application/json", "ETag": "1"])
        #expect(SnapshotDiff(old: old, new: moved).changes.map(\.kind) == [.statusChanged])
        let fewerHeaders = try Self.snapshot([#"{}"#])
        #expect(SnapshotDiff(old: old, new: fewerHeaders).changes.map(\.kind) == [.headerRemoved])
        #expect(SnapshotDiff(old: fewerHeaders, new: old).changes.map(\.kind) == [.headerAdded])
        let elsewhere = try Self.snapshot([#"{}"#], path: "/things")
        #expect(Set(SnapshotDiff(old: old, new: elsewhere).changes.map(\.kind)) == [.endpointRemoved, .endpointAdded])
    }

    @Test func memberNamesAreComparedByCodePoints() throws {
        let composed = try Self.snapshot(["{\"caf\u{00E9}\":1}"])
        let decomposed = try Self.snapshot(["{\"cafe\u{0301}\":1}"])
        #expect(SnapshotDiff(old: composed, new: decomposed).changes.map(\.kind) == [.memberRenamed])
    }

    @Test func aSecretInANameNeverReachesTheSnapshot() throws {
        let recorder = SnapshotRecorder(redactor: Redactor(secrets: ["tok-secret-123", "Tok-MixedCase-9"]))
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.append("X-Echo-tok-secret-123", "1")
        headers.append("X-Mirror-Tok-MixedCase-9", "1")
        recorder.record(method: "GET", path: "/echo", response: response(200, "{}", headers: headers),
                        json: try JSONValue.parse(#"{"tok-secret-123":{"seen":true}}"#), caseLabel: "echo.yaml: echoes tok-secret-123")
        let text = recorder.snapshot().json().prettyText
        #expect(!text.contains("tok-secret-123") && !text.lowercased().contains("tok-mixedcase-9"), "\(text)")
        #expect(text.contains("x-echo-[redacted]") && text.contains("x-mirror-[redacted]"), "\(text)")
        #expect(text.contains("\"[REDACTED]\""), "\(text)")
    }

    @Test func aSnapshotReadsBackAsWritten() throws {
        let written = try Self.snapshot([#"{"a":{"b":[1,2]},"c":null}"#, #"{"a":{"b":[]}}"#])
        let read = try ContractSnapshot(json: written.json(), file: "s.json")
        #expect(read == written)
        #expect(throws: ContractSnapshot.ReadError.self) { try ContractSnapshot(json: ["format": "other"], file: "x.json") }
    }
}
