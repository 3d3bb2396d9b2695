import Testing
import ConformHTTP
import ConformTestSupport
@testable import ConformMock

/// The mock over HTTPS with a throwaway CA made by the `openssl` command line tool.
@Suite(.timeLimit(.minutes(1)), .enabled(if: TestCertificates.isAvailable, "needs the openssl command line tool"))
struct MockTLSTests {
    @Test func servesHTTPSThatTheTestCAVerifies() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let tls = try MockTLS(certificatePath: certificates.certificatePath, keyPath: certificates.keyPath)
        let server = try await MockServer(deployment: MockDeployment(configuration: try MockConfiguration()), tls: tls).start()
        #expect(server.address.baseURL.hasPrefix("https://127.0.0.1:"))
        let url = server.apiBaseURL(deploymentID: MockConfiguration.defaultDeploymentID) + "/info.json"
        let request = HTTPRequest(url: url, headers: ["Authorization": "Bearer O:" + MockConfiguration.defaultToken])
        do {
            let trusted = try HTTPClient(configuration: HTTPClientConfiguration(tls: .caFile(certificates.caPath)))
            #expect(try await trusted.send(request).status == 200)
            await trusted.shutdown()
            let untrusted = try HTTPClient()
            await #expect {
                try await untrusted.send(request)
            } throws: { error in
                (error as? TransportError)?.kind == .tls
            }
            await untrusted.shutdown()
        } catch {
            Issue.record(error)
        }
        await server.shutdown()
    }

    @Test("offering HTTP/2: concurrent requests share one multiplexed connection; without it, HTTP/1.1 opens several")
    func http2MultiplexesConcurrentRequests() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        for offersHTTP2 in [true, false] {
            var tls = try MockTLS(certificatePath: certificates.certificatePath, keyPath: certificates.keyPath)
            tls.offersHTTP2 = offersHTTP2
            let server = try await MockServer(deployment: MockDeployment(configuration: try MockConfiguration()), tls: tls).start()
            let client = try HTTPClient(configuration: HTTPClientConfiguration(maxConnections: 8, tls: .caFile(certificates.caPath)))
            let base = server.apiBaseURL(deploymentID: MockConfiguration.defaultDeploymentID)
            let headers: HTTPHeaders = ["Authorization": "Bearer O:" + MockConfiguration.defaultToken]
            do {
                let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                    for index in 0..<48 {
                        let path = index.isMultiple(of: 2) ? "/info.json" : "/objects/task.json?limit=5"
                        group.addTask { try await client.send(HTTPRequest(url: base + path, headers: headers)) }
                    }
                    return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
                }
                #expect(responses.allSatisfy { $0.status == 200 })
                let opened = responses.map(\.connectionsOpened).reduce(0, +)
                if offersHTTP2 {
                    #expect(responses.allSatisfy { $0.version == .http2 })
                    #expect(opened == 1, "48 streams over one connection")
                } else {
                    #expect(responses.allSatisfy { $0.version == .http1_1 })
                    #expect(opened > 1, "HTTP/1.1 cannot multiplex: concurrent requests need their own connections")
                }
            } catch {
                Issue.record(error)
            }
            await client.shutdown()
            await server.shutdown()
        }
    }

    @Test func attachmentLinksUseHTTPS() throws {
        let deployment = MockDeployment(configuration: try MockConfiguration())
        let request = MockRequest(
            method: "POST", target: "/api/v4/\(MockConfiguration.defaultDeploymentID)/objects/all_types.json",
            headers: ["Authorization": "Bearer O:" + MockConfiguration.defaultToken, "Content-Type": "application/json", "Host": "localhost:1"],
            body: Array(#"{"all_types": {"photo": {"base64": "dGVzdA==", "filename": "a.jpg"}}}"#.utf8), scheme: "https")
        let original = deployment.respond(to: request).json?["photo"]?["original"]?.stringValue
        #expect(original?.hasPrefix("https://localhost:1/media/") == true)
    }

    @Test func badFilesAreRefusedBeforeServing() throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let other = try TestCertificates()
        defer { other.remove() }
        let garbage = try certificates.folder.write("garbage.pem", "not a certificate\n")
        #expect(throws: MockTLSError.unreadable("/nonexistent/cert.pem")) {
            try MockTLS(certificatePath: "/nonexistent/cert.pem", keyPath: certificates.keyPath)
        }
        #expect {
            try MockTLS(certificatePath: garbage, keyPath: certificates.keyPath)
        } throws: { error in
            if case .invalidCertificate(garbage, _)? = error as? MockTLSError { true } else { false }
        }
        #expect {
            try MockTLS(certificatePath: certificates.certificatePath, keyPath: garbage)
        } throws: { error in
            if case .invalidKey(garbage, _)? = error as? MockTLSError { true } else { false }
        }
        #expect {
            try MockTLS(certificatePath: certificates.certificatePath, keyPath: other.keyPath)
        } throws: { error in
            if case .mismatch? = error as? MockTLSError { true } else { false }
        }
    }
}
