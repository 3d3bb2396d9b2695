import ConformHTTP
import Testing

/// What the client returns: statuses, headers, bodies, versions, timings.
@Suite("HTTPClient: responses", .timeLimit(.minutes(1)))
struct HTTPClientResponseTests {
    @Test("a 302 is returned, not followed")
    func redirectNotFollowed() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/redirect")))
            #expect(response.status == 302)
            #expect(response.reasonPhrase == "Found")
            #expect(response.headers["Location"] == "/echo")
            #expect(response.headers["location"] == "/echo", "lookup is case-insensitive")
            #expect(response.bodyText == "moved")
            #expect(response.headers["x-echo-method"] == nil, "the Location was not requested")
        }
    }

    @Test("repeated response headers are kept in order")
    func repeatedHeaders() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/repeated")))
            #expect(response.headers.values(for: "set-cookie") == ["a=1; Path=/", "b=2; Path=/"])
            #expect(response.headers.values(for: "X-MULTI") == ["one", "two"])
            let names = response.headers.map { $0.name.lowercased() }
            #expect(names.filter { $0 == "set-cookie" }.count == 2)
            #expect(response.headers["content-length"] == "2")
        }
    }

    @Test("204 and an empty 200 have empty bodies")
    func emptyBodies() async throws {
        try await withServerAndClient { server, client in
            let noContent = try await client.send(HTTPRequest(url: server.url("/status/204")))
            #expect(noContent.status == 204)
            #expect(noContent.body.isEmpty)
            let empty = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(empty.status == 200)
            #expect(empty.body.isEmpty)
            #expect(empty.headers["content-length"] == "0")
        }
    }

    @Test("error statuses are responses, not transport errors", arguments: [400, 404, 429, 500, 503])
    func errorStatuses(status: Int) async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/status/\(status)")))
            #expect(response.status == status)
        }
    }

    @Test("a body of several megabytes arrives intact, with or without Content-Length", arguments: [false, true])
    func largeBody(chunked: Bool) async throws {
        try await withServerAndClient { server, client in
            let size = 6 * 1024 * 1024 + 17
            let response = try await client.send(
                HTTPRequest(url: server.url("/large?bytes=\(size)\(chunked ? "&chunked=1" : "")")))
            #expect(response.status == 200)
            #expect(response.body.count == size)
            #expect(response.body == patternBytes(size))
            #expect(response.headers["content-length"] == (chunked ? nil : "\(size)"))
        }
    }

    @Test("version, timings and connection facts are reported")
    func metadata() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(response.version == .http1_1)
            #expect(response.remoteAddress == "127.0.0.1")
            #expect(response.remotePort == server.port)
            #expect(response.connectionsOpened == 1)
            let timings = response.timings
            #expect(timings.tlsHandshake == .zero, "no TLS on http://")
            #expect(timings.connect <= timings.firstByte)
            #expect(timings.firstByte <= timings.total)
            #expect(timings.total > .zero)
        }
    }

    @Test("gzip bodies are decoded by default; Content-Encoding and Content-Length describe the wire")
    func gzipDecoded() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/gzip")))
            #expect(response.bodyText == gzipDecodedText)
            #expect(response.headers["content-encoding"] == "gzip")
            #expect(response.headers["content-length"] == "\(gzippedJSON.count)")

            let echo = try await client.send(HTTPRequest(url: server.url("/echo")))
            let accepted = try #require(echo.echoedValues("Accept-Encoding").first)
            #expect(accepted.contains("gzip"))
        }
    }

    @Test("a request with its own Accept-Encoding gets the raw bytes")
    func gzipRawOnRequest() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(
                HTTPRequest(url: server.url("/gzip"), headers: ["Accept-Encoding": "gzip"]))
            #expect(response.body == gzippedJSON)
        }
    }

    @Test("contentDecoding .none sends no Accept-Encoding and decodes nothing")
    func decodingOff() async throws {
        try await withServerAndClient(HTTPClientConfiguration(contentDecoding: .none)) { server, client in
            let echo = try await client.send(HTTPRequest(url: server.url("/echo")))
            #expect(echo.echoedValues("Accept-Encoding").isEmpty)
            let response = try await client.send(HTTPRequest(url: server.url("/gzip")))
            #expect(response.body == gzippedJSON)
        }
    }
}
