import Foundation
import Testing
import ConformHTTP
import ConformShape
@testable import ConformSpec
import ConformTestSupport
@testable import ConformRunner

/// Auth schemes, target headers, redirects, cookies, `expect.time` and `retry: { until }`:
/// what a run sends and how it judges, against a scripted transport.
@Suite struct AuthSchemeTests {
    static let spec = """
    spec: 1
    name: Items
    endpoint: GET /items
    cases:
      - name: lists
        request: { method: GET, path: /items }
        expect: { status: 200 }
    """

    func sentRequest(auth: AuthScheme, environment: [String: String], headers: [(name: String, value: String)] = [])
        async throws -> (HTTPRequest, RunResult)
    {
        let transport = ScriptedTransport { _ throws(TransportError) in response(200, "[]") }
        let credentials = try CredentialLookup.credentials(for: auth, environment: environment)
        let result = try await run(["items.yaml": Self.spec], transport: transport) { configuration in
            configuration.credentials = credentials
            configuration.auth = auth
            configuration.defaultHeaders = headers
        }
        return (try #require(transport.requests.first), result)
    }

    @Test func eachSchemeSendsItsSecretWhereItBelongs() async throws {
        let environment = ["API_TOKEN": "tok-abc-123", "API_USER": "ann", "API_PASSWORD": "pw-secret-9", "API_KEY": "key/with+odd=chars"]
        let (journeyApps, _) = try await sentRequest(auth: .journeyAppsToken(tokenVariable: "API_TOKEN", usernameVariable: "U", passwordVariable: "P"),
                                                     environment: environment)
        #expect(journeyApps.headers["Authorization"] == "Bearer O:tok-abc-123")
        let (bearer, _) = try await sentRequest(auth: .bearer(tokenVariable: "API_TOKEN"), environment: environment)
        #expect(bearer.headers["Authorization"] == "Bearer tok-abc-123")
        let (basic, _) = try await sentRequest(auth: .basic(usernameVariable: "API_USER", passwordVariable: "API_PASSWORD"),
                                               environment: environment)
        #expect(basic.headers["Authorization"] == "Basic " + Data("ann:pw-secret-9".utf8).base64EncodedString())
        let (header, _) = try await sentRequest(auth: .header(name: "X-API-Key", keyVariable: "API_KEY"), environment: environment)
        #expect(header.headers["X-API-Key"] == "key/with+odd=chars")
        #expect(header.headers["Authorization"] == nil)
        let (query, _) = try await sentRequest(auth: .query(name: "api_key", keyVariable: "API_KEY"), environment: environment)
        #expect(query.url.hasSuffix("/items?api_key=key%2Fwith%2Bodd%3Dchars"), "\(query.url)")
        #expect(query.headers["Authorization"] == nil)
        let (none, _) = try await sentRequest(auth: .none, environment: environment)
        #expect(none.headers["Authorization"] == nil && !none.url.contains("?"))
    }

    @Test func unsetVariablesMeanNoCredentialsAndHalfAPairIsAnError() throws {
        #expect(try CredentialLookup.credentials(for: .bearer(tokenVariable: "T"), environment: ["T": ""]) == nil)
        #expect(try CredentialLookup.credentials(for: .header(name: "X-Key", keyVariable: "K"), environment: [:]) == nil)
        #expect(throws: CredentialsError.incomplete(set: "U", missing: "P")) {
            try CredentialLookup.credentials(for: .basic(usernameVariable: "U", passwordVariable: "P"), environment: ["U": "ann"])
        }
        #expect(throws: CredentialsError.self) {
            try CredentialLookup.credentials(for: .bearer(tokenVariable: "T"), environment: ["T": "a\r\nX-Evil: 1"])
        }
    }

    @Test func theReplayCommandNamesTheTargetsVariablesAndNoSecret() throws {
        let redactor = Redactor(secrets: ["key/with+odd=chars", "tok-abc-123"], secretHeaders: ["X-API-Key"])
        let headerKey = Credentials.apiKeyHeader(name: "X-API-Key", key: "key/with+odd=chars")
        let request = try HTTPRequest(url: "https://api.example.com/items").authorized(with: headerKey)
        let command = CurlReplay.command(for: request, credentials: headerKey, auth: .header(name: "X-API-Key", keyVariable: "SHOP_KEY"),
                                         redactor: redactor)
        #expect(command.contains(#"-H "X-API-Key: $SHOP_KEY""#), "\(command)")
        #expect(!command.contains("odd"))
        let queryKey = Credentials.apiKeyQuery(name: "api_key", key: "key/with+odd=chars")
        let queried = try HTTPRequest(url: "https://api.example.com/items?limit=1").authorized(with: queryKey)
        let queryCommand = CurlReplay.command(for: queried, credentials: queryKey, auth: .query(name: "api_key", keyVariable: "SHOP_KEY"),
                                              redactor: redactor)
        #expect(queryCommand.contains(#""https://api.example.com/items?limit=1&api_key=${SHOP_KEY}""#), "\(queryCommand)")
        let bearer = Credentials.bearer("tok-abc-123")
        let bearerCommand = CurlReplay.command(for: try HTTPRequest(url: "https://api.example.com/").authorized(with: bearer),
                                               credentials: bearer, auth: .bearer(tokenVariable: "GH_TOKEN"), redactor: redactor)
        #expect(bearerCommand.contains(#""Authorization: Bearer $GH_TOKEN""#), "\(bearerCommand)")
    }

    @Test func targetHeadersGoWithEveryRequestUnlessTheSpecSetsThem() async throws {
        let (request, _) = try await sentRequest(auth: .none, environment: [:], headers: [("X-Tenant", "acme"), ("Accept", "application/vnd.api+json")])
        #expect(request.headers["X-Tenant"] == "acme")
        #expect(request.headers["Accept"] == "application/vnd.api+json")
        let transport = ScriptedTransport { _ throws(TransportError) in response(200, "{}") }
        _ = try await run(["own.yaml": """
            spec: 1
            name: Own
            endpoint: GET /items
            cases:
              - name: own header
                request: { method: GET, path: /items, headers: { X-Tenant: other } }
            """], transport: transport) { $0.defaultHeaders = [("X-Tenant", "acme")] }
        #expect(transport.requests.first?.headers.values(for: "X-Tenant") == ["other"])
    }

    @Test func anAPIKeyHeaderIsMaskedInReportsByNameAndValue() {
        let redactor = Redactor(secrets: ["key-1234567"], secretHeaders: ["X-API-Key"])
        #expect(redactor.redactHeader(name: "x-api-key", value: "short") == Redactor.mask)
        #expect(redactor.redact("echo key-1234567") == "echo \(Redactor.mask)")
    }
}

@Suite struct RedirectTests {
    static let spec = """
    spec: 1
    name: Moved
    endpoint: GET /old
    cases:
      - name: follows
        request: { method: GET, path: /old }
        expect: { status: 200, values: { $.at: new } }
    """

    /// `/old` → 301 `/new` (same origin) → 302 to another origin → 200 there.
    static func chain(_ request: HTTPRequest) -> HTTPResponse {
        if request.url.contains("055/old") { return response(301, "", headers: ["Location": "/api/v4/533bda53027894f69b001055/new"]) }
        if request.url.contains("055/new") { return response(302, "", headers: ["Location": "https://cdn.example.net/files/new"]) }
        return response(200, #"{"at":"new"}"#)
    }

    @Test func offByDefaultTheCaseSeesTheRedirect() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in Self.chain(request) }
        let result = try await run(["moved.yaml": Self.spec], transport: transport)
        #expect(transport.requests.count == 1)
        #expect(result.cases.first?.status == .failed)
        #expect(result.cases.first?.exchanges.isEmpty == true)
    }

    @Test func followedHopsAreRecordedAndCredentialsStayOnTheOrigin() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in Self.chain(request) }
        let result = try await run(["moved.yaml": Self.spec], transport: transport) { configuration in
            configuration.followRedirects = .follow(max: 5)
            configuration.defaultHeaders = [("X-Token", "tok-secret-123"), ("X-Tenant", "acme")]
        }
        let sent = transport.requests
        #expect(sent.map(\.url) == ["http://127.0.0.1:1/api/v4/533bda53027894f69b001055/old",
                                    "http://127.0.0.1:1/api/v4/533bda53027894f69b001055/new",
                                    "https://cdn.example.net/files/new"])
        #expect(sent[0].headers["Authorization"] == "Bearer O:tok-secret-123")
        #expect(sent[1].headers["Authorization"] == "Bearer O:tok-secret-123")
        #expect(sent[2].headers["Authorization"] == nil)
        // A target header holding a secret does not cross origins either; a plain one does.
        #expect(sent[1].headers["X-Token"] == "tok-secret-123" && sent[2].headers["X-Token"] == nil)
        #expect(sent[2].headers["X-Tenant"] == "acme")
        let outcome = try #require(result.cases.first)
        #expect(outcome.status == .passed)
        #expect(outcome.exchanges.count == 2)
        #expect(outcome.exchanges[0].contains("→ 301, Location: /api/v4/533bda53027894f69b001055/new"))
        #expect(outcome.exchanges[1].contains("(credentials not sent to the new origin)"))
    }

    @Test func anAPIKeyInTheQueryIsNotCarriedToAnotherOrigin() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in Self.chain(request) }
        _ = try await run(["moved.yaml": Self.spec], transport: transport) { configuration in
            configuration.credentials = .apiKeyQuery(name: "key", key: "k-123456")
            configuration.auth = .query(name: "key", keyVariable: "KEY")
            configuration.followRedirects = .follow(max: 5)
        }
        let urls = transport.requests.map(\.url)
        try #require(urls.count == 3, "\(urls)")
        #expect(urls[0].hasSuffix("/old?key=k-123456") && urls[1].hasSuffix("/new?key=k-123456"), "\(urls)")
        #expect(urls[2] == "https://cdn.example.net/files/new")
    }

    @Test func theLimitStopsALoopAndTheCaseChecksTheLastAnswer() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(302, "", headers: ["Location": "/loop"]) }
        let result = try await run(["moved.yaml": Self.spec], transport: transport) { $0.followRedirects = .follow(max: 3) }
        #expect(transport.requests.count == 4)
        let outcome = try #require(result.cases.first)
        #expect(outcome.status == .failed)
        #expect(outcome.exchanges.last?.contains("stopped after 3 redirects") == true)
        if case .statusMismatch(_, let actual) = outcome.diagnostics.first?.kind { #expect(actual == 302) } else { Issue.record("\(outcome.diagnostics)") }
    }

    @Test func methodsChangeAsRFC9110AndBrowsersSay() {
        let post = HTTPRequest(method: "POST", url: "http://h/a", headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        for status in [301, 302, 303] {
            let next = ExchangeSender.follow(post, status: status, to: "http://h/b")
            #expect(next.method == .get && next.body == nil && next.headers["Content-Type"] == nil)
        }
        for status in [307, 308] {
            let next = ExchangeSender.follow(post, status: status, to: "http://h/b")
            #expect(next.method.rawValue == "POST" && next.body == Array("{}".utf8))
        }
        let put = HTTPRequest(method: "PUT", url: "http://h/a", body: [])
        #expect(ExchangeSender.follow(put, status: 302, to: "http://h/b").method.rawValue == "PUT")
        #expect(ExchangeSender.follow(put, status: 303, to: "http://h/b").method == .get)
    }

    @Test func locationsResolveAgainstTheRequestAndOriginsIncludeThePort() {
        #expect(URLResolution.resolve("../c?x=1", against: "http://h:8080/a/b/d") == "http://h:8080/a/c?x=1")
        #expect(URLResolution.resolve("//other.example/p", against: "https://h/a") == "https://other.example/p")
        #expect(URLResolution.resolve("ftp://h/file", against: "https://h/a") == nil)
        #expect(URLResolution.origin(of: "https://H.example/x") == "https://h.example:443")
        #expect(URLResolution.origin(of: "http://h.example:80/") == URLResolution.origin(of: "http://h.example/y"))
        #expect(URLResolution.origin(of: "http://h.example:8080/") != URLResolution.origin(of: "http://h.example/"))
    }
}

@Suite struct CookieTests {
    static let spec = """
    spec: 1
    name: Session
    endpoint: POST /login
    cookies: true
    cases:
      - name: logs in
        request: { method: POST, path: /login }
        expect: { status: 200 }
      - name: reads the profile with the session
        request: { method: GET, path: /me }
        expect: { status: 200 }
      - name: logs out
        request: { method: POST, path: /logout }
        expect: { status: 200 }
      - name: is signed out
        request: { method: GET, path: /me }
        expect: { status: 401 }
    """

    static func server(_ request: HTTPRequest) -> HTTPResponse {
        if request.url.hasSuffix("/login") {
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            headers.append("Set-Cookie", "session=s-42; Path=/; HttpOnly")
            headers.append("Set-Cookie", "theme=dark; Path=/elsewhere")
            return response(200, "{}", headers: headers)
        }
        if request.url.hasSuffix("/logout") {
            return response(200, "{}", headers: ["Set-Cookie": "session=; Path=/; Max-Age=0"])
        }
        return request.headers["Cookie"] == "session=s-42" ? response(200, "{}") : response(401, "{}")
    }

    @Test func aLoginCookieIsSentByTheLaterCasesOfTheFileUntilItIsCleared() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in Self.server(request) }
        let result = try await run(["session.yaml": Self.spec], transport: transport)
        #expect(result.cases.map(\.status) == [.passed, .passed, .passed, .passed], "\(result.cases.map(\.diagnostics))")
        #expect(transport.requests.map { $0.headers["Cookie"] } == [nil, "session=s-42", "session=s-42", nil])
    }

    @Test func offUnlessAFileOrTheTargetTurnsThemOn() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in Self.server(request) }
        let off = Self.spec.replacingOccurrences(of: "cookies: true\n", with: "")
        let result = try await run(["session.yaml": off], transport: transport)
        #expect(result.cases[1].status == .failed)
        let onByTarget = ScriptedTransport { request throws(TransportError) in Self.server(request) }
        let resultOn = try await run(["session.yaml": off], transport: onByTarget) { $0.cookies = true }
        #expect(resultOn.cases[1].status == .passed)
    }

    @Test func domainPathSecureAndExpiryAreHonoured() {
        var jar = CookieJar()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var headers = HTTPHeaders()
        headers.append("Set-Cookie", "a=1; Domain=example.com; Path=/api")
        headers.append("Set-Cookie", "b=2; Secure")
        headers.append("Set-Cookie", "c=3; Domain=evil.com")
        headers.append("Set-Cookie", "d=4; Expires=Wed, 21 Oct 2015 07:28:00 GMT")
        headers.append("Set-Cookie", "e=5; Domain=com")
        jar.store(from: response(200, "", headers: headers), url: "https://www.example.com/api/login", now: now)
        #expect(jar.header(for: "https://api.example.com/api/items", now: now) == "a=1")
        #expect(jar.header(for: "https://www.example.com/api/items", now: now) == "a=1; b=2")
        #expect(jar.header(for: "http://www.example.com/api/items", now: now) == "a=1")
        // Without a Path, a cookie's path is the request's folder (/api): /apix is not under it.
        #expect(jar.header(for: "https://www.example.com/apix", now: now) == nil)
        #expect(jar.header(for: "https://www.example.com/", now: now) == nil)
        #expect(jar.header(for: "https://evil.com/", now: now) == nil)
        #expect(jar.cookies.count == 2)
    }
}

@Suite struct TimingAndPollingTests {
    static func timed(_ status: Int, _ body: String, milliseconds: Int64) -> HTTPResponse {
        var answer = response(status, body)
        answer.timings.total = .milliseconds(milliseconds)
        return answer
    }

    @Test func aSlowResponseBreaksExpectTimeAndSaysByHowMuch() async throws {
        let transport = ScriptedTransport { request throws(TransportError) in
            request.url.hasSuffix("/slow") ? Self.timed(200, "{}", milliseconds: 734) : Self.timed(200, "{}", milliseconds: 12)
        }
        let result = try await run(["time.yaml": """
            spec: 1
            name: Latency
            endpoint: GET /fast
            cases:
              - name: fast enough
                request: { method: GET, path: /fast }
                expect: { status: 200, time: { max: 500ms } }
              - name: too slow
                request: { method: GET, path: /slow }
                expect: { status: 200, time: { max: 0.5 } }
            """], transport: transport)
        #expect(result.cases[0].status == .passed)
        let slow = result.cases[1]
        #expect(slow.status == .failed)
        let diagnostic = try #require(slow.diagnostics.first)
        #expect(diagnostic.kind == .tooSlow(limitMilliseconds: 500, measuredMilliseconds: 734))
        #expect(diagnostic.message == "the response took 734 ms, more than the 500 ms allowed")
        #expect(diagnostic.location?.line == 10)
    }

    static let pollSpec = """
    spec: 1
    name: Eventually
    endpoint: GET /jobs/{id}
    cases:
      - name: waits for the job
        request: { method: GET, path: /jobs/1 }
        retry: { until: { values: { $.state: done } }, every: 20ms, for: 60s }
        expect: { status: 200, values: { $.result: 42 } }
    """

    @Test func retryUntilSendsAgainUntilTheAnswerIsThereAndRecordsEachAttempt() async throws {
        let counter = CallCounter()
        let transport = ScriptedTransport { _ throws(TransportError) in
            counter.next() < 3 ? response(200, #"{"state":"running"}"#) : response(200, #"{"state":"done","result":42}"#)
        }
        let result = try await run(["poll.yaml": Self.pollSpec], transport: transport)
        let outcome = try #require(result.cases.first)
        #expect(outcome.status == .passed, "\(outcome.diagnostics)")
        #expect(transport.requests.count == 3)
        try #require(outcome.exchanges.count == 3)
        #expect(outcome.exchanges[0].contains("attempt 1") && outcome.exchanges[0].contains("not yet"))
        #expect(outcome.exchanges[2].contains("attempt 3") && outcome.exchanges[2].contains("`until` met"))
    }

    @Test func whenTimeRunsOutTheCaseFailsWithTheLastResponse() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in response(200, #"{"state":"running"}"#) }
        let spec = Self.pollSpec.replacingOccurrences(of: "every: 20ms, for: 60s", with: "every: 50ms, for: 200ms")
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await run(["poll.yaml": spec], transport: transport)
        // No attempt starts after 200 ms; how many fit depends on the machine's load.
        #expect(clock.now - started < .seconds(30))
        let outcome = try #require(result.cases.first)
        #expect(outcome.status == .failed)
        let attempts = transport.requests.count
        #expect((1...5).contains(attempts), "\(attempts)")
        let first = try #require(outcome.diagnostics.first)
        #expect(first.message.hasPrefix("still not met after \(attempts) attempt\(attempts == 1 ? "" : "s") in "), "\(first.message)")
        #expect(first.message.contains("(retry: every 50 ms for 200 ms): $.state: expected string \"done\""), "\(first.message)")
        // The case's own expectation is checked on the last answer too.
        #expect(outcome.diagnostics.contains { if case .valueMismatch(let path, _, _) = $0.kind { path == "$.result" } else { false } })
        #expect(outcome.exchanges.count == transport.requests.count)
    }

    @Test func timeAndRetryAreCheckedWhenTheSpecLoads() throws {
        let folder = try TemporaryFolder("timing")
        defer { folder.remove() }
        try folder.write("bad.yaml", """
            spec: 1
            name: Bad
            endpoint: GET /x
            cases:
              - name: a
                request: { method: GET, path: /x, follow_redirects: maybe }
                expect: { time: { max: fast } }
                retry: { until: {}, every: 5s, for: 1s }
            """)
        do {
            _ = try SpecLoader(knownVariables: [], environment: [:]).load(paths: [folder.path])
            Issue.record("the spec loaded")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains { $0.contains("follow_redirects` is true, false or a number") }, "\(messages)")
            #expect(messages.contains { $0.contains("is a duration such as 500ms") }, "\(messages)")
            #expect(messages.contains { $0.contains("states nothing to wait for") }, "\(messages)")
            #expect(error.diagnostics.allSatisfy { $0.location?.line != nil })
        }
    }

    @Test func durationsReadAsWritten() {
        #expect(SpecDecoder.seconds(fromDuration: "500ms") == 0.5)
        #expect(SpecDecoder.seconds(fromDuration: "2m") == 120)
        #expect(SpecDecoder.seconds(fromDuration: "1.5s") == 1.5)
        #expect(SpecDecoder.seconds(fromDuration: "3") == 3)
        #expect(SpecDecoder.seconds(fromDuration: "-1s") == nil)
        #expect(SpecDecoder.seconds(fromDuration: "1e3s") == nil)
        #expect(SpecDecoder.seconds(fromDuration: "ms") == nil)
    }
}

@Suite struct UndecodedEncodingTests {
    @Test func aBodyInACodingNobodyAskedForSaysSo() async throws {
        let transport = ScriptedTransport { _ throws(TransportError) in
            HTTPResponse(status: 200, reasonPhrase: "", headers: ["Content-Type": "application/json", "Content-Encoding": "br"],
                         body: [0x1b, 0x2c, 0x00, 0x00], version: .http1_1,
                         timings: HTTPTimings(nameLookup: .zero, connect: .zero, tlsHandshake: .zero, firstByte: .zero, total: .zero),
                         connectionsOpened: 0, remoteAddress: nil, remotePort: nil)
        }
        let result = try await run(["brotli.yaml": """
            spec: 1
            name: Brotli
            endpoint: GET /brotli
            cases:
              - name: reads
                request: { method: GET, path: /brotli }
                expect: { status: 200 }
            """], transport: transport)
        let message = try #require(result.cases.first?.diagnostics.first?.message)
        #expect(message.contains("(the body is br-encoded, which Conform did not ask for"), "\(message)")
    }
}
