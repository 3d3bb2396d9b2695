@testable import ConformHTTP
import Testing

@Suite("Credentials")
struct CredentialsTests {
    @Test("Authorization header values")
    func headerValues() {
        // RFC 7617 section 2's example.
        #expect(Credentials.basic(username: "Aladdin", password: "open sesame").headerValue
            == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(Credentials.basic(username: "a", password: "").headerValue == "Basic YTo=")
        #expect(Credentials.basic(username: "ü", password: "pässword").headerValue == "Basic w7w6cMOkc3N3b3Jk")
        #expect(Credentials.namedToken("abc123").headerValue == "Bearer O:abc123")
        #expect(Credentials.bearer("eyJhbGciOi").headerValue == "Bearer eyJhbGciOi")
    }

    @Test("descriptions never show secrets")
    func descriptionsHideSecrets() {
        let all: [Credentials] = [
            .basic(username: "alice", password: "hunter2"), .namedToken("hunter2"), .bearer("hunter2"),
        ]
        for credentials in all {
            #expect(!"\(credentials)".contains("hunter2"))
        }
        #expect("\(Credentials.basic(username: "alice", password: "x"))" == "basic(username: alice, password: ***)")
    }

    static let environments: [([String: String], Credentials?)] = [
        ([:], nil),
        (["CONFORM_TOKEN": "t"], .namedToken("t")),
        (["CONFORM_TOKEN": "t", "CONFORM_USERNAME": "u", "CONFORM_PASSWORD": "p"], .namedToken("t")),
        (["CONFORM_USERNAME": "u", "CONFORM_PASSWORD": "p"], .basic(username: "u", password: "p")),
        (["CONFORM_USERNAME": "u", "CONFORM_PASSWORD": ""], .basic(username: "u", password: "")),
        (["CONFORM_TOKEN": "", "CONFORM_USERNAME": "u", "CONFORM_PASSWORD": "p"], .basic(username: "u", password: "p")),
        (["CONFORM_TOKEN": "", "CONFORM_PASSWORD": ""], nil),
        (["HOME": "/root"], nil),
    ]

    @Test("credentials from the environment", arguments: environments)
    func fromEnvironment(environment: [String: String], expected: Credentials?) throws {
        #expect(try Credentials.fromEnvironment(environment) == expected)
    }

    @Test("half a username/password pair is an error, not an anonymous run")
    func incompletePair() {
        #expect(throws: CredentialsError.incomplete(set: "CONFORM_USERNAME", missing: "CONFORM_PASSWORD")) {
            try Credentials.fromEnvironment(["CONFORM_USERNAME": "u"])
        }
        #expect(throws: CredentialsError.incomplete(set: "CONFORM_PASSWORD", missing: "CONFORM_USERNAME")) {
            try Credentials.fromEnvironment(["CONFORM_PASSWORD": "p"])
        }
    }

    @Test("credentials that cannot be a header are refused")
    func invalid() {
        #expect(throws: CredentialsError.self) { try Credentials.fromEnvironment(["CONFORM_TOKEN": "a\r\nX-Evil: 1"]) }
        #expect(throws: CredentialsError.self) {
            try Credentials.fromEnvironment(["CONFORM_USERNAME": "a:b", "CONFORM_PASSWORD": "p"])
        }
    }

    static let loopbackURLs: [(String, Bool)] = [
        ("http://127.0.0.1:8080/api", true),
        ("http://127.1.2.3/", true),
        ("http://localhost/", true),
        ("http://LOCALHOST:9/", true),
        ("http://[::1]:8080/", true),
        ("http://127.1/", true),  // libcurl normalises to 127.0.0.1
        ("http://0x7f000001/", true),  // so does this
        ("http://[::ffff:127.0.0.1]/", true),
        ("https://localhost/", true),
        ("http://example.com/", false),
        ("http://10.0.0.1/", false),
        ("http://[::2]/", false),
        ("http://127.0.0.1.nip.io/", false),
        ("http://localhost.example.com/", false),
        ("http://127.0.0.1@example.com/", false),  // userinfo, then the real host
        ("http://example.com#@127.0.0.1/", false),
        ("not a url", false),
    ]

    @Test("isLoopback judges the host libcurl connects to", arguments: loopbackURLs)
    func loopback(url: String, expected: Bool) {
        #expect(isLoopback(url: url) == expected)
    }

    @Test("URLs share a parse only through a plain scheme://host:port/ prefix")
    func originPrefix() {
        #expect(ParsedURL.plainOriginPrefix(of: "http://127.0.0.1:8080/api/v4/x?y=1") == "http://127.0.0.1:8080/")
        #expect(ParsedURL.plainOriginPrefix(of: "https://[::1]:9/a") == "https://[::1]:9/")
        #expect(ParsedURL.plainOriginPrefix(of: "HTTP://Example.COM/") == "HTTP://Example.COM/")
        for url in ["http://127.0.0.1@evil.example/", "http://example.com#@127.0.0.1/", "http://example.com?x=/y",
                    "http://exa%6dple.com/", "http://a\\b/", "http://host", "http:///path", "1http://host/", "not a url",
                    "http://host name/", ""] {
            #expect(ParsedURL.plainOriginPrefix(of: url) == nil, "\(url)")
        }
        // Same prefix, same answer, and a refused URL teaches nothing about its neighbours.
        #expect(isLoopback(url: "http://127.0.0.1:4000/objects/1"))
        #expect(isLoopback(url: "http://127.0.0.1:4000/objects/2"))
        #expect(ParsedURL("http://127.0.0.1:4000/objects/3")?.host == "127.0.0.1")
    }

    @Test("credentials go over https anywhere and plain http to loopback only")
    func policy() throws {
        try CredentialPolicy.check(url: "https://deployment.example.com/api/v4/x")
        try CredentialPolicy.check(url: "http://127.0.0.1:4000/api/v4/x")
        try CredentialPolicy.check(url: "http://localhost/api")
        try CredentialPolicy.check(url: "http://[::1]/api")
        #expect(throws: CredentialsError.insecureTransport(url: "http://example.com/api", host: "example.com")) {
            try CredentialPolicy.check(url: "http://example.com/api")
        }
        #expect(throws: CredentialsError.insecureTransport(url: "http://127.0.0.1@evil.example/", host: "evil.example")) {
            try CredentialPolicy.check(url: "http://127.0.0.1@evil.example/")
        }
        // Loopback or not, a gopher URL is refused for its scheme (the message once said "not loopback").
        #expect(throws: CredentialsError.unsupportedScheme(url: "gopher://127.0.0.1:70/x", scheme: "gopher")) {
            try CredentialPolicy.check(url: "gopher://127.0.0.1:70/x", allowInsecureHTTP: true)
        }
        #expect("\(CredentialsError.unsupportedScheme(url: "gopher://127.0.0.1/", scheme: "gopher"))".contains("only http:// and https://"))
        #expect(throws: CredentialsError.unparsableURL("::nonsense")) {
            try CredentialPolicy.check(url: "::nonsense")
        }
        // The explicit opt-in.
        try CredentialPolicy.check(url: "http://example.com/api", allowInsecureHTTP: true)
    }

    @Test("authorized(with:) applies the policy and replaces any Authorization header")
    func authorizedRequest() throws {
        let request = HTTPRequest(url: "http://example.com/x", headers: ["authorization": "old", "Accept": "*/*"])
        #expect(throws: CredentialsError.self) { try request.authorized(with: .namedToken("t")) }
        let allowed = try request.authorized(with: .namedToken("t"), allowInsecureHTTP: true)
        #expect(allowed.headers.values(for: "Authorization") == ["Bearer O:t"])
        #expect(allowed.headers["Accept"] == "*/*")
    }

    @Test("the insecure-transport message says why and what to do")
    func message() {
        let text = "\(CredentialsError.insecureTransport(url: "http://example.com/api", host: "example.com"))"
        #expect(text.contains("clear text"))
        #expect(text.contains("example.com"))
        #expect(text.contains("https://"))
    }
}
