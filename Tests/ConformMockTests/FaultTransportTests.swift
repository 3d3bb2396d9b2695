import Testing
import ConformHTTP
import ConformShape
@testable import ConformMock

/// Fault profiles on a real socket, through the product's own libcurl client: each transport
/// fault must come out as the `TransportError` kind the runner classifies it by.
@Suite(.timeLimit(.minutes(1))) struct FaultTransportTests {
    /// A live mock under `profiles`, a client, and the API base URL; both stopped afterwards.
    func withMock(
        _ profiles: [String], client configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
        _ body: (RunningMockServer, HTTPClient, String) async throws -> Void
    ) async throws {
        let mockConfiguration = try MockConfiguration(idGenerator: .seeded(3), profiles: try MockProfileSet(parsing: profiles))
        let server = try await MockServer(deployment: MockDeployment(configuration: mockConfiguration)).start()
        let client = try HTTPClient(configuration: configuration)
        do {
            try await body(server, client, server.apiBaseURL(deploymentID: mockConfiguration.deploymentID))
        } catch {
            Issue.record(error)
        }
        await client.shutdown(.cancelInFlight)
        await server.shutdown()
    }

    static func request(_ url: String, timeout: Duration = .seconds(20)) -> HTTPRequest {
        HTTPRequest(url: url, headers: ["Authorization": "Bearer O:" + MockConfiguration.defaultToken], timeout: timeout)
    }

    /// The transport error a request ends in, or `nil` (recorded) if it got an answer.
    static func failure(_ client: HTTPClient, _ request: HTTPRequest, sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> TransportError? {
        do {
            let response = try await client.send(request)
            Issue.record("expected a transport error, got \(response.status)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func aResetIsAClosedConnectionAndTheServerGoesOn() async throws {
        try await withMock(["fault.reset@GET /objects/{model}.json"]) { _, client, base in
            let error = try #require(await Self.failure(client, Self.request(base + "/objects/task.json")))
            #expect(error.kind == .connectionClosed, "\(error)")
            #expect(error.codeName == "CURLE_RECV_ERROR", "\(error)")
            #expect(try await client.send(Self.request(base + "/info.json")).status == 200)
        }
    }

    @Test func aTruncatedBodyIsClassifiedAsSuch() async throws {
        try await withMock(["fault.truncated@GET /objects/{model}/count.json"]) { _, client, base in
            let error = try #require(await Self.failure(client, Self.request(base + "/objects/task/count.json")))
            #expect(error.kind == .truncatedBody, "\(error)")
            #expect(error.codeName == "CURLE_PARTIAL_FILE")
            #expect(try await client.send(Self.request(base + "/info.json")).status == 200)
        }
    }

    @Test func aSlowAnswerTimesTheClientOut() async throws {
        // The server would wait 30 s; the client gives up after 0.3 s, and stopping the server
        // ends its wait.
        try await withMock(["fault.slow=30@GET /info.json"]) { _, client, base in
            let error = try #require(await Self.failure(client, Self.request(base + "/info.json", timeout: .milliseconds(300))))
            #expect(error.kind == .timeout, "\(error)")
            #expect(try await client.send(Self.request(base + "/indexes.json")).status == 200)
        }
    }

    @Test func aLargeBodyPassesUnderTheLimitAndStopsAboveIt() async throws {
        try await withMock(["fault.large=2M@GET /objects/{model}.json"]) { _, client, base in
            let response = try await client.send(Self.request(base + "/objects/task.json"))
            #expect(response.status == 200)
            #expect(response.body.count == 2 * 1024 * 1024)
            #expect(try JSONValue.parse(bytes: response.body)["objects"] == [])
        }
        try await withMock(["fault.large=2M@GET /objects/{model}.json"], client: HTTPClientConfiguration(maxBodySize: 1 << 20)) { _, client, base in
            let error = try #require(await Self.failure(client, Self.request(base + "/objects/task.json")))
            #expect(error.kind == .bodyTooLarge, "\(error)")
        }
    }

    @Test func anIntermittent503LetsTheRetryThrough() async throws {
        try await withMock(["fault.503=1@GET /objects/{model}.json%2"]) { _, client, base in
            let first = try await client.send(Self.request(base + "/objects/task.json"))
            #expect(first.status == 503)
            #expect(first.headers["Retry-After"] == "1")
            let retry = try await client.send(Self.request(base + "/objects/task.json"))
            #expect(retry.status == 200)
        }
    }

    @Test func statusAndBodyFaultsAreAnswersNotTransportErrors() async throws {
        try await withMock(["fault.non-json@GET /info.json", "fault.502@GET /indexes.json", "fault.429=2@GET /users"]) { _, client, base in
            let html = try await client.send(Self.request(base + "/info.json"))
            #expect(html.status == 200)
            #expect(html.headers["Content-Type"] == "application/json; charset=utf-8")
            #expect(html.bodyText.hasPrefix("<!DOCTYPE html>"))
            let gateway = try await client.send(Self.request(base + "/indexes.json"))
            #expect(gateway.status == 502)
            #expect(gateway.headers["Content-Type"] == "text/html; charset=utf-8")
            let limited = try await client.send(Self.request(base + "/users"))
            #expect(limited.status == 429)
            #expect(limited.headers["Retry-After"] == "2")
        }
    }

    @Test func profilesSwitchOnARunningServer() async throws {
        try await withMock([]) { server, client, base in
            #expect(try await client.send(Self.request(base + "/info.json")).status == 200)
            try server.deployment.setProfiles(parsing: ["fault.500@GET /info.json"])
            #expect(try await client.send(Self.request(base + "/info.json")).status == 500)
            server.deployment.reset(profiles: .faithful)
            #expect(try await client.send(Self.request(base + "/info.json")).status == 200)
        }
    }
}
