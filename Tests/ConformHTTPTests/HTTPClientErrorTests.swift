import ConformHTTP
import Testing

/// Transport failures: each classified, with libcurl's code, name and words.
@Suite("HTTPClient: transport errors", .timeLimit(.minutes(1)))
struct HTTPClientErrorTests {
    @Test("connection refused carries the curl code, its name and libcurl's message")
    func connectionRefused() async throws {
        let port = try closedLoopbackPort()
        try await withClient { client in
            let url = "http://127.0.0.1:\(port)/x"
            let error = try #require(await transportError(client, HTTPRequest(url: url)))
            #expect(error.kind == .connectionRefused)
            #expect(error.code == 7)
            #expect(error.codeName == "CURLE_COULDNT_CONNECT")
            #expect(error.summary == "Couldn't connect to server")
            let detail = try #require(error.detail)
            #expect(detail.contains("Failed to connect to 127.0.0.1 port \(port)"))
            #expect(error.description.hasPrefix("GET \(url): Couldn't connect to server (CURLE_COULDNT_CONNECT 7): Failed to connect"))
            #expect(error.osErrno == 111, "ECONNREFUSED")
        }
    }

    @Test("a per-request timeout against a slow route is classified as a timeout")
    func timeout() async throws {
        try await withServerAndClient { server, client in
            let request = HTTPRequest(url: server.url("/pause?tag=timeout&ms=30000"), timeout: .milliseconds(200))
            let error = try #require(await transportError(client, request))
            #expect(error.kind == .timeout)
            #expect(error.codeName == "CURLE_OPERATION_TIMEDOUT")
            #expect(error.code == 28)
            // The connection is gone, the client is not: the next request works.
            let response = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(response.status == 200)
        }
    }

    @Test("a host that does not resolve is a DNS error")
    func dns() async throws {
        try await withClient { client in
            // .invalid never resolves (RFC 6761).
            let error = try #require(await transportError(client, HTTPRequest(url: "http://conform-test.invalid/")))
            #expect(error.kind == .dns)
            #expect(error.codeName == "CURLE_COULDNT_RESOLVE_HOST")
        }
    }

    @Test("a body over maxBodySize stops the transfer, with or without Content-Length", arguments: [false, true])
    func bodyLimit(chunked: Bool) async throws {
        let configuration = HTTPClientConfiguration(maxBodySize: 100_000)
        try await withServerAndClient(configuration) { server, client in
            let url = server.url("/large?bytes=5000000\(chunked ? "&chunked=1" : "")")
            let error = try #require(await transportError(client, HTTPRequest(url: url)))
            #expect(error.kind == .bodyTooLarge)
            #expect(error.codeName == (chunked ? "CURLE_WRITE_ERROR" : "CURLE_FILESIZE_EXCEEDED"))
            #expect(error.detail?.contains("100000 bytes") == true)
            // Exactly at the limit is fine.
            let atLimit = try await client.send(HTTPRequest(url: server.url("/large?bytes=100000\(chunked ? "&chunked=1" : "")")))
            #expect(atLimit.body.count == 100_000)
        }
    }

    static let invalidRequests: [(String, HTTPRequest)] = [
        ("not a URL", HTTPRequest(url: "not a url")),
        ("relative URL", HTTPRequest(url: "/objects.json")),
        ("other scheme", HTTPRequest(url: "ftp://127.0.0.1/file")),
        ("file scheme", HTTPRequest(url: "file:///etc/passwd")),
        ("bad method", HTTPRequest(method: "GET /evil HTTP/1.1\r\n", url: "http://127.0.0.1/")),
        ("empty method", HTTPRequest(method: "", url: "http://127.0.0.1/")),
        ("header injection", HTTPRequest(url: "http://127.0.0.1/", headers: ["X-A": "1\r\nX-Injected: yes"])),
        ("bad header name", HTTPRequest(url: "http://127.0.0.1/", headers: ["Bad Name": "1"])),
        ("HEAD with body", HTTPRequest(method: .head, url: "http://127.0.0.1/", body: [1])),
        ("zero timeout", HTTPRequest(url: "http://127.0.0.1/", timeout: .zero)),
        ("negative connect timeout", HTTPRequest(url: "http://127.0.0.1/", connectTimeout: .seconds(-1))),
    ]

    @Test("requests that cannot be sent are refused before sending", arguments: invalidRequests)
    func invalidRequest(_ name: String, _ request: HTTPRequest) async throws {
        try await withClient { client in
            let error = try #require(await transportError(client, request))
            #expect(error.kind == .invalidRequest, "\(name): \(error)")
            #expect(error.detail?.isEmpty == false)
        }
    }

    @Test("an invalid configuration is refused", arguments: [
        HTTPClientConfiguration(maxConnections: 0), HTTPClientConfiguration(maxBodySize: -1),
    ])
    func invalidConfiguration(_ configuration: HTTPClientConfiguration) {
        #expect(throws: TransportError.self) { try HTTPClient(configuration: configuration) }
    }

    // MARK: - Misbehaving servers

    static let faults: [(path: String, kind: TransportError.Kind, codeNames: Set<String>)] = [
        ("/truncated", .truncatedBody, ["CURLE_PARTIAL_FILE"]),
        ("/nothing", .connectionClosed, ["CURLE_GOT_NOTHING"]),
        // A reset before any byte reads as an empty reply or a receive error, depending on timing.
        ("/reset", .connectionClosed, ["CURLE_GOT_NOTHING", "CURLE_RECV_ERROR"]),
        ("/garbage", .malformedResponse, ["CURLE_UNSUPPORTED_PROTOCOL"]),
        ("/bad-status", .malformedResponse, ["CURLE_UNSUPPORTED_PROTOCOL"]),
        ("/bad-header", .malformedResponse, ["CURLE_WEIRD_SERVER_REPLY"]),
        // Cut inside the header block: no response, never "200 with an empty body".
        // (Found by Conform, not libcurl: no curl code.)
        ("/cut-headers", .connectionClosed, [""]),
        ("/truncated-gzip", .malformedResponse, [""]),
    ]

    @Test("misbehaving servers are classified", .enabled(if: scriptedServerToolsAvailable), arguments: faults)
    func fault(path: String, kind: TransportError.Kind, codeNames: Set<String>) async throws {
        try await withScriptedServer { server in
            try await withClient { client in
                let error = try #require(await transportError(client, HTTPRequest(url: server.url(path))))
                #expect(error.kind == kind, "\(error)")
                #expect(codeNames.contains(error.codeName ?? ""), "\(error)")
                #expect(error.detail?.isEmpty == false, "libcurl's own words are kept")
            }
        }
    }

    @Test("only the final response's headers are kept after interim 1xx responses", .enabled(if: scriptedServerToolsAvailable))
    func interimResponses() async throws {
        try await withScriptedServer { server in
            try await withClient { client in
                let response = try await client.send(HTTPRequest(url: server.url("/interim")))
                #expect(response.status == 200)
                #expect(response.reasonPhrase == "OK")
                #expect(response.headers["X-Final"] == "yes")
                #expect(response.headers["X-Interim"] == nil)
                #expect(response.headers["Link"] == nil)
                #expect(response.bodyText == "ok")

                let folded = try await client.send(HTTPRequest(url: server.url("/folded")))
                #expect(folded.headers["X-Folded"] == "first part second part")
            }
        }
    }
}
