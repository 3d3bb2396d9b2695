import ConformShape
import Testing
@testable import ConformSpec

/// `conform.yaml` targets for any API: `auth:`, `headers:`, `tls:`, `follow_redirects:`, `cookies:`.
@Suite struct TargetConfigTests {
    func load(_ text: String) throws -> TargetConfig {
        let fixture = try SpecFixture(["conform.yaml": text])
        defer { fixture.remove() }
        return try TargetConfig.load(path: fixture.path("conform.yaml"))
    }

    /// The messages, each with its `line:column`.
    func problems(_ text: String) throws -> [String] {
        let fixture = try SpecFixture(["conform.yaml": text])
        defer { fixture.remove() }
        do {
            _ = try TargetConfig.load(path: fixture.path("conform.yaml"))
            return []
        } catch {
            return error.diagnostics.map { diagnostic in
                (diagnostic.location.map { "\($0.line):\($0.column) " } ?? "") + diagnostic.message
            }
        }
    }

    @Test func everySchemeReadsItsVariables() throws {
        let config = try load("""
            conform: 1
            targets:
              default: { base_url: "https://a.example" }
              jwt: { auth: bearer }
              github: { auth: { scheme: bearer, token_env: GH_TOKEN } }
              legacy: { credentials: { token_env: TESTING_TOKEN } }
              basic: { auth: { scheme: basic, username_env: SHOP_USER, password_env: SHOP_PASSWORD } }
              key: { auth: { scheme: header, name: X-API-Key, token_env: SHOP_KEY } }
              query: { auth: { scheme: query, name: api_key } }
              anonymous: { auth: none }
              journeyapps: { auth: journeyapps-token }
            """)
        #expect(config.target(named: "default")?.auth == nil)
        #expect(config.target(named: "jwt")?.auth == .bearer(tokenVariable: "CONFORM_TOKEN"))
        #expect(config.target(named: "github")?.auth == .bearer(tokenVariable: "GH_TOKEN"))
        #expect(config.target(named: "legacy")?.auth == .journeyAppsToken(tokenVariable: "TESTING_TOKEN", usernameVariable: "CONFORM_USERNAME",
                                                                          passwordVariable: "CONFORM_PASSWORD"))
        #expect(config.target(named: "basic")?.auth == .basic(usernameVariable: "SHOP_USER", passwordVariable: "SHOP_PASSWORD"))
        #expect(config.target(named: "key")?.auth == .header(name: "X-API-Key", keyVariable: "SHOP_KEY"))
        #expect(config.target(named: "query")?.auth == .query(name: "api_key", keyVariable: "CONFORM_TOKEN"))
        #expect(config.target(named: "anonymous")?.auth == AuthScheme.none)
        #expect(config.target(named: "journeyapps")?.auth == .standard)
    }

    @Test func mistakesAreNamedWhereTheyAre() throws {
        let found = try problems("""
            conform: 1
            targets:
              a: { auth: beerer }
              b: { auth: { scheme: header, token_env: KEY } }
              c: { auth: { scheme: bearer, name: X } }
              d: { auth: { scheme: bearer, token_env: "my secret value" } }
              e: { auth: none, credentials: { token_env: T } }
              f: { tls: { cert: client.pem } }
              g: { follow_redirects: 1000 }
              h: { headers: { "Bad Header": x } }
            """)
        #expect(found.contains("3:14 unknown auth scheme `beerer`, did you mean `bearer`? (schemes: journeyapps-token, bearer, basic, header, query, none)"),
                "\(found)")
        #expect(found.contains { $0.hasPrefix("4:14 `scheme: header` needs `name:`") }, "\(found)")
        #expect(found.contains("5:32 `name` does not go with `scheme: bearer` (it takes: scheme, token_env)"), "\(found)")
        #expect(found.contains { $0.hasPrefix("6:43 `token_env` names an environment variable") && $0.contains("never goes in this file") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("7:") && $0.contains("older spelling") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("8:") && $0.contains("`cert` and `key` go together") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("9:") && $0.contains("number of redirects from 0 to 100") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("10:") && $0.contains("Bad Header") }, "\(found)")
    }

    @Test func tlsPathsAreRelativeToTheFileAndOtherSettingsAreRead() throws {
        let fixture = try SpecFixture(["config/conform.yaml": """
            conform: 1
            targets:
              secure:
                base_url: https://api.example.com
                tls: { ca: certs/ca.pem, cert: /etc/client.pem, key: certs/client.key, key_password_env: KEY_PASS }
                headers: { X-Tenant: acme, X-Request-Source: "${env.CI_JOB}" }
                follow_redirects: 5
                cookies: true
            """])
        defer { fixture.remove() }
        let target = try #require(try TargetConfig.load(path: fixture.path("config/conform.yaml")).target(named: "secure"))
        #expect(target.tls?.caFile == fixture.path("config/certs/ca.pem"))
        #expect(target.tls?.certificateFile == "/etc/client.pem")
        #expect(target.tls?.keyFile == fixture.path("config/certs/client.key"))
        #expect(target.tls?.keyPasswordVariable == "KEY_PASS")
        #expect(target.headers.map(\.name.source) == ["X-Tenant", "X-Request-Source"])
        #expect(target.followRedirects == .follow(max: 5))
        #expect(target.cookies == true)
    }

    @Test func theAuthFlagKeepsTheTargetsVariables() throws {
        let github = AuthScheme.bearer(tokenVariable: "GH_TOKEN")
        #expect(try AuthScheme.parse(flag: "header:X-Key", over: github).get() == .header(name: "X-Key", keyVariable: "GH_TOKEN"))
        #expect(try AuthScheme.parse(flag: "journeyapps-token", over: github).get()
                    == .journeyAppsToken(tokenVariable: "GH_TOKEN", usernameVariable: "CONFORM_USERNAME", passwordVariable: "CONFORM_PASSWORD"))
        #expect(try AuthScheme.parse(flag: "bearer", over: .standard).get() == .bearer(tokenVariable: "CONFORM_TOKEN"))
        #expect(try AuthScheme.parse(flag: "none", over: github).get() == AuthScheme.none)
        if case .failure(let error) = AuthScheme.parse(flag: "header", over: .standard) {
            #expect(error.description.contains("--auth header:X-API-Key"))
        } else { Issue.record("header without a name parsed") }
        if case .failure(let error) = AuthScheme.parse(flag: "basik", over: .standard) {
            #expect(error.description.contains("did you mean `basic`?"))
        } else { Issue.record("a typo parsed") }
    }
}
