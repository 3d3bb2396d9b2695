import ConformHTTP
import Testing

/// What the client sends: methods, bodies, headers, exactly as the request says.
@Suite("HTTPClient: requests", .timeLimit(.minutes(1)))
struct HTTPClientRequestTests {
    static let methodsWithBodies: [HTTPMethod] = [.post, .put, .patch, .delete, .get, .options, "PROPFIND"]

    @Test("a body is sent with its method, its length and nothing libcurl adds on its own", arguments: methodsWithBodies)
    func methodWithBody(method: HTTPMethod) async throws {
        try await withServerAndClient { server, client in
            let body = Array(#"{"task":{"name":"Wash dishes","status":0}}"#.utf8) + [0, 255, 10]
            let request = HTTPRequest(method: method, url: server.url("/echo"), body: body)
            let response = try await client.send(request)
            if method == "PROPFIND" {
                #expect(response.status == 404)  // no such route, but the method arrived
                return
            }
            #expect(response.status == 200)
            #expect(response.headers["x-echo-method"] == method.rawValue)
            #expect(response.headers["x-echo-body-length"] == "\(body.count)")
            #expect(response.body == body)
            #expect(response.echoedValues("Content-Length") == ["\(body.count)"])
            #expect(response.echoedValues("Expect").isEmpty, "no Expect: 100-continue")
            #expect(response.echoedValues("Content-Type").isEmpty, "no invented form content type")
        }
    }

    @Test("without a body no Content-Length is sent", arguments: [HTTPMethod.get, .post, .put, .patch, .delete, .options])
    func methodWithoutBody(method: HTTPMethod) async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(method: method, url: server.url("/echo")))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-method"] == method.rawValue)
            #expect(response.headers["x-echo-body-length"] == "none")
            #expect(response.body.isEmpty)
        }
    }

    @Test("an empty body sends Content-Length: 0")
    func emptyBody() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(method: .post, url: server.url("/echo"), body: []))
            #expect(response.headers["x-echo-method"] == "POST")
            #expect(response.echoedValues("content-length") == ["0"])
            #expect(response.body.isEmpty)
        }
    }

    @Test("HEAD returns headers and no body")
    func head() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(method: .head, url: server.url("/echo")))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-method"] == "HEAD")
            #expect(response.body.isEmpty)
        }
    }

    @Test("a body larger than the 100-continue threshold goes out without waiting for 100")
    func largeUpload() async throws {
        try await withServerAndClient { server, client in
            let body = patternBytes(3 << 20)
            let response = try await client.send(
                HTTPRequest(method: .put, url: server.url("/echo"), headers: ["Content-Type": "application/octet-stream"], body: body))
            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(response.echoedValues("Expect").isEmpty)
            #expect(response.echoedValues("Content-Type") == ["application/octet-stream"])
        }
    }

    @Test("headers are sent in order, repeated names kept, empty values kept")
    func headers() async throws {
        try await withServerAndClient { server, client in
            let headers: HTTPHeaders = [
                "Content-Type": "application/json",
                "X-Dup": "first",
                "X-Empty": "",
                "X-Dup": "second",
                "User-Agent": "spec-runner/1",
            ]
            let response = try await client.send(
                HTTPRequest(method: .post, url: server.url("/echo"), headers: headers, body: Array("{}".utf8)))
            #expect(response.echoedValues("X-Dup") == ["first", "second"])
            #expect(response.echoedValues("X-Empty") == [""])
            #expect(response.echoedValues("Content-Type") == ["application/json"])
            #expect(response.echoedValues("User-Agent") == ["spec-runner/1"])
            let names = response.echoedHeaders.map(\.name)
            let firstDup = try #require(names.firstIndex(of: "X-Dup"))
            let contentType = try #require(names.firstIndex(of: "Content-Type"))
            #expect(contentType < firstDup, "sent in the order given")
        }
    }

    @Test("the default User-Agent names Conform and libcurl; nil sends none")
    func userAgent() async throws {
        try await withServerAndClient { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/echo")))
            let agent = try #require(response.echoedValues("User-Agent").first)
            #expect(agent.hasPrefix("conform (libcurl/"))
        }
        var configuration = HTTPClientConfiguration()
        configuration.userAgent = nil
        try await withServerAndClient(configuration) { server, client in
            let response = try await client.send(HTTPRequest(url: server.url("/echo")))
            #expect(response.echoedValues("User-Agent").isEmpty)
        }
    }

    @Test("credentials end up in the Authorization header")
    func credentialsHeader() async throws {
        try await withServerAndClient { server, client in
            let request = try HTTPRequest(url: server.url("/echo"))
                .authorized(with: .basic(username: "Aladdin", password: "open sesame"))
            let response = try await client.send(request)
            #expect(response.echoedValues("Authorization") == ["Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="])

            let tokenRequest = try HTTPRequest(url: server.url("/echo"), headers: ["Authorization": "stale"])
                .authorized(with: .namedToken("t0k3n"))
            let tokenResponse = try await client.send(tokenRequest)
            #expect(tokenResponse.echoedValues("Authorization") == ["Bearer O:t0k3n"])
        }
    }
}

@Suite("HTTPClient: proxies", .timeLimit(.minutes(1)))
struct HTTPClientProxyTests {
    @Test("ProxyPolicy.url sends every request through the proxy, in absolute form")
    func explicitProxy() async throws {
        try await withTestServer { server in
            // The test server plays the proxy: it receives "GET http://conform-upstream.invalid/echo".
            let configuration = HTTPClientConfiguration(proxy: .url("http://127.0.0.1:\(server.port)"))
            try await withClient(configuration) { client in
                let response = try await client.send(HTTPRequest(url: "http://conform-upstream.invalid/echo"))
                #expect(response.status == 200)
                #expect(response.headers["x-echo-authority"] == "conform-upstream.invalid")
                #expect(response.headers["x-echo-path"] == "/echo")
            }
        }
    }
}
