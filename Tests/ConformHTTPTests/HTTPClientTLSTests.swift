import ConformHTTP
import Testing

/// TLS against a python server with a fresh self-signed certificate.
@Suite("HTTPClient: TLS", .timeLimit(.minutes(1)), .enabled(if: scriptedServerToolsAvailable))
struct HTTPClientTLSTests {
    @Test("a self-signed certificate is rejected by default, as a TLS error")
    func rejectedByDefault() async throws {
        try await withScriptedServer(tls: true) { server in
            try await withClient { client in
                let error = try #require(await transportError(client, HTTPRequest(url: server.url("/"))))
                #expect(error.kind == .tls)
                #expect(error.codeName == "CURLE_PEER_FAILED_VERIFICATION")
                #expect(error.detail?.contains("certificate") == true, "\(error)")
            }
        }
    }

    @Test("the certificate is accepted with it as the CA file")
    func acceptedWithCAFile() async throws {
        try await withScriptedServer(tls: true) { server in
            let caFile = try #require(server.certificatePath)
            try await withClient(HTTPClientConfiguration(tls: .caFile(caFile))) { client in
                let response = try await client.send(HTTPRequest(url: server.url("/")))
                #expect(response.status == 200)
                #expect(response.bodyText == "secure")
                #expect(response.timings.tlsHandshake > .zero)
                #expect(response.timings.tlsHandshake >= response.timings.connect)
            }
        }
    }

    @Test("the CA file does not excuse a wrong host name")
    func hostNameChecked() async throws {
        try await withScriptedServer(tls: true) { server in
            let caFile = try #require(server.certificatePath)
            try await withClient(HTTPClientConfiguration(tls: .caFile(caFile))) { client in
                // The certificate names localhost only.
                let url = "https://127.0.0.1:\(server.port)/"
                let error = try #require(await transportError(client, HTTPRequest(url: url)))
                #expect(error.kind == .tls, "\(error)")
            }
        }
    }

    @Test("the insecure option turns off peer and host verification")
    func acceptedWhenInsecure() async throws {
        try await withScriptedServer(tls: true) { server in
            try await withClient(HTTPClientConfiguration(tls: .insecure)) { client in
                let response = try await client.send(HTTPRequest(url: server.url("/")))
                #expect(response.bodyText == "secure")
                let otherName = try await client.send(HTTPRequest(url: "https://127.0.0.1:\(server.port)/"))
                #expect(otherName.status == 200)
            }
        }
    }

    @Test("a CA file that does not exist is a TLS error")
    func missingCAFile() async throws {
        try await withScriptedServer(tls: true) { server in
            let configuration = HTTPClientConfiguration(tls: .caFile("/nonexistent/conform-ca.pem"))
            try await withClient(configuration) { client in
                let error = try #require(await transportError(client, HTTPRequest(url: server.url("/"))))
                #expect(error.kind == .tls, "\(error)")
            }
        }
    }

    @Test("mutual TLS: without a client certificate no answer; with it (and with an encrypted key and its passphrase) 200")
    func clientCertificate() async throws {
        try await withScriptedServer(tls: true, requireClientCertificate: true) { server in
            let caFile = try #require(server.certificatePath)
            let client = try #require(server.clientCertificate)
            try await withClient(HTTPClientConfiguration(tls: .caFile(caFile))) { plain in
                let error = try #require(await transportError(plain, HTTPRequest(url: server.url("/"))))
                #expect([.tls, .connectionClosed].contains(error.kind), "\(error)")
            }
            var configuration = HTTPClientConfiguration(tls: .caFile(caFile))
            configuration.clientCertificate = ClientCertificate(certificateFile: client.certificate, keyFile: client.key)
            try await withClient(configuration) { mutual in
                let response = try await mutual.send(HTTPRequest(url: server.url("/")))
                #expect(response.status == 200)
                #expect(response.bodyText == "secure")
            }
            configuration.clientCertificate = ClientCertificate(certificateFile: client.certificate, keyFile: client.encryptedKey,
                                                                keyPassword: "client-passphrase")
            try await withClient(configuration) { mutual in
                let response = try await mutual.send(HTTPRequest(url: server.url("/")))
                #expect(response.status == 200)
            }
            configuration.clientCertificate = ClientCertificate(certificateFile: client.certificate, keyFile: client.encryptedKey,
                                                                keyPassword: "wrong")
            #expect(configuration.clientCertificate?.description.contains("wrong") == false)
            try await withClient(configuration) { wrongPassphrase in
                let error = try #require(await transportError(wrongPassphrase, HTTPRequest(url: server.url("/"))))
                #expect(error.kind == .tls, "\(error)")
            }
        }
    }
}
