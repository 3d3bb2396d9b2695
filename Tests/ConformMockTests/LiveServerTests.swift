import Testing
import ConformShape
import ConformDataModel
@testable import ConformMock
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation

/// The mock on a real socket: start on port 0, talk HTTP, shut down.
@Suite struct LiveServerTests {
    @Test func servesOverHTTPOnAFreePort() async throws {
        let configuration = try MockConfiguration(idGenerator: .seeded(7))
        let server = try await MockServer(deployment: MockDeployment(configuration: configuration)).start()
        #expect(server.address.host == "127.0.0.1")
        #expect(server.address.port > 0)
        let base = server.apiBaseURL(deploymentID: configuration.deploymentID)
        let session = URLSession(configuration: .ephemeral)
        let authorization = "Bearer O:" + MockConfiguration.defaultToken

        var create = URLRequest(url: try #require(URL(string: base + "/objects/task.json")))
        create.httpMethod = "POST"
        create.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        create.setValue(authorization, forHTTPHeaderField: "Authorization")
        create.httpBody = Data("task[name]=Live&task[status]=1".utf8)
        let (createdBody, createdResponse) = try await session.data(for: create)
        let created = try JSONValue.parse(bytes: Array(createdBody))
        #expect((createdResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(created["status"] == ["key": 1, "display": "Closed"])

        var list = URLRequest(url: try #require(URL(string: base + "/objects/task.json?limit=&skip=&")))
        list.setValue(authorization, forHTTPHeaderField: "Authorization")
        let (listBody, listResponse) = try await session.data(for: list)
        let http = try #require(listResponse as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=utf-8")
        #expect(try JSONValue.parse(bytes: Array(listBody))["total"] == 1)

        let path = "/api/v4/\(configuration.deploymentID)/objects/task.json"
        let denied = try await RawHTTP.exchange(
            port: server.address.port, request: "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(denied.status == 401)
        #expect(try JSONValue.parse(denied.body)["type"] == "AUTHENTICATION_FAILED")

        session.invalidateAndCancel()
        await server.shutdown()

        // Down means down: the port no longer answers.
        let after = URLSession(configuration: .ephemeral)
        await #expect(throws: (any Error).self) { _ = try await after.data(from: try #require(URL(string: base + "/objects/task.json"))) }
        after.invalidateAndCancel()
    }

    /// Attachment URLs name the host the client addressed (the `Host` header), and the
    /// download answers with a redirect that URLSession follows to the bytes.
    @Test func attachmentURLsUseTheRequestsHostAndRedirect() async throws {
        let configuration = try MockConfiguration(idGenerator: .seeded(7))
        let server = try await MockServer(deployment: MockDeployment(configuration: configuration)).start()
        let session = URLSession(configuration: .ephemeral)
        do {
            try await downloadThroughRedirect(server: server, session: session, deploymentID: configuration.deploymentID)
        } catch {
            Issue.record(error)
        }
        session.invalidateAndCancel()
        await server.shutdown()
    }

    private func downloadThroughRedirect(server: RunningMockServer, session: URLSession, deploymentID: String) async throws {
        let base = server.apiBaseURL(deploymentID: deploymentID)
        var create = URLRequest(url: try #require(URL(string: base + "/objects/all_types.json")))
        create.httpMethod = "POST"
        create.setValue("application/json", forHTTPHeaderField: "Content-Type")
        create.setValue("Bearer O:" + MockConfiguration.defaultToken, forHTTPHeaderField: "Authorization")
        create.httpBody = Data(#"{"all_types": {"photo": {"base64": "dGVzdCBmaWxl", "filename": "a.jpg"}}}"#.utf8)
        let (body, _) = try await session.data(for: create)
        let original = try #require(try JSONValue.parse(bytes: Array(body))["photo"]?["original"]?.stringValue)
        #expect(original.hasPrefix("http://127.0.0.1:\(server.address.port)/media/"))
        let (bytes, response) = try await session.data(from: try #require(URL(string: original)))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(response.url?.path.hasPrefix("/storage/") == true)
        #expect(Array(bytes) == Array("test file".utf8))
    }

    @Test func startFailsCleanlyWhenThePortIsTaken() async throws {
        let deployment = MockDeployment(configuration: try MockConfiguration())
        let first = try await MockServer(deployment: deployment).start()
        await #expect(throws: (any Error).self) {
            let second = try await MockServer(deployment: deployment, port: first.address.port).start()
            await second.shutdown()
        }
        await first.shutdown()
    }

    /// The CLI's entry point: `run(onListening:)` reports the bound address once listening.
    @Test func foregroundRunReportsItsAddress() async throws {
        let configuration = try MockConfiguration()
        var quiet = MockServer.quietLogger()
        quiet.logLevel = .critical  // cancelling the task below is logged as an error
        let server = MockServer(deployment: MockDeployment(configuration: configuration), logger: quiet)
        let (addresses, continuation) = AsyncStream<MockServerAddress>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = addresses.makeAsyncIterator()
        let address = try #require(await iterator.next())
        #expect(address.baseURL.hasPrefix("http://127.0.0.1:"))
        let path = "/api/v4/\(configuration.deploymentID)/objects/task/count.json"
        let request = "GET \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer O:\(MockConfiguration.defaultToken)\r\nConnection: close\r\n\r\n"
        let response = try await RawHTTP.exchange(port: address.port, request: request)
        #expect(response.status == 200)
        #expect(response.body == "{\"count\":0}")
        task.cancel()
        _ = try? await task.value
    }
}
