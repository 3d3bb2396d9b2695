import Foundation
import Testing
@testable import ConformSpec

/// Requests that cannot be sent as written are refused by `validate`, with their location,
/// before anything is sent.
@Suite struct RequestTextValidationTests {
    static func spec(_ request: String) -> String {
        """
        spec: 1
        name: Request text
        endpoint: GET /x
        cases:
          - name: sends
            request: \(request)
            expect: { status: 200 }
        """
    }

    @Test(arguments: [
        (#"{ method: GET, path: /x, headers: { X-A: "a\r\nInjected: 1" } }"#, "header X-A: the value contains CR (\\r)"),
        (#"{ method: GET, path: /x, headers: { X-A: "a\u0000b" } }"#, "header X-A: the value contains NUL"),
        (#"{ method: GET, path: /x, headers: { "X:A": b } }"#, "header name \"X:A\" contains `:`"),
        (#"{ method: GET, path: /x, headers: { "X A": b } }"#, "header name \"X A\" contains a space"),
        (#"{ method: GET, path: "/a b" }"#, "`path` contains a space; write it percent-encoded"),
        (#"{ method: GET, path: "/a\r\nb" }"#, "`path` contains CR (\\r)"),
        (#"{ method: GET, url: "file:///etc/passwd" }"#, "`url` must be an http:// or https:// URL, found the scheme `file:`"),
        (#"{ method: GET, url: "gopher://127.0.0.1:70/x" }"#, "`url` must be an http:// or https:// URL, found the scheme `gopher:`"),
        (#"{ method: GET, url: "/no/scheme" }"#, "`url` must be an absolute http:// or https:// URL"),
    ])
    func refusedAtLoad(request: String, message: String) throws {
        let fixture = try SpecFixture(["s.yaml": Self.spec(request)])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.count == 1, "\(diagnostics)")
        // Columns vary with the flow mapping; the line and the sentence are what matter.
        let first = diagnostics.first ?? ""
        #expect(first.hasPrefix("s.yaml:6:") && first.contains("error: " + message), "\(diagnostics)")
    }

    @Test(arguments: [
        #"{ method: GET, path: "/a%20b", headers: { X-A: "a b", "X-${name}": v } }"#,
        #"{ method: GET, url: "https://example.test/x" }"#,
        #"{ method: GET, url: "HTTP://example.test/x" }"#,
        #"{ method: GET, url: "${base}/x" }"#,
    ])
    func acceptedAtLoad(request: String) throws {
        let fixture = try SpecFixture(["s.yaml": Self.spec(request)])
        defer { fixture.remove() }
        #expect(fixture.diagnostics(known: ["name", "base"]) == [])
    }
}
