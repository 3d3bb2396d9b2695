public import ConformHTTP
public import ConformShape
public import ConformSpec

/// Everything a run needs besides the specs: where to send, as whom, and the rules.
public struct RunConfiguration: Sendable {
    /// The base URL paths are appended to, e.g. `https://HOST/api/v4/DEPLOYMENT_ID` (no trailing `/`).
    public var baseURL: String
    public var credentials: Credentials?
    /// How the target authenticates (which variables `credentials` came from, for the replay
    /// command and the note a run prints when none were set).
    public var auth: AuthScheme = .standard
    /// Headers every request carries unless it sets them itself (`headers:` of a target).
    public var defaultHeaders: [(name: String, value: String)] = []
    /// Redirects, for requests that do not say (`follow_redirects:` of a target).
    public var followRedirects: RedirectPolicy = .off
    /// Cookies kept across the cases of a file, for files that do not say (`cookies:`).
    public var cookies = false
    /// The user's explicit opt-in to send credentials over plain HTTP to a non-loopback host.
    public var allowInsecureHTTP: Bool = false
    /// Target and command-line variables (they override a spec's own `vars`).
    public var variables: [String: JSONValue] = [:]
    public var environment: [String: String] = [:]
    /// Seconds, for requests that do not set their own `timeout`.
    public var timeout: Double = 30
    /// Seconds to establish a connection (capped by `timeout`).
    public var connectTimeout: Double = 10
    /// Spec files run at the same time (cases within a file always run in order).
    public var concurrency: Int = 4
    /// Undeclared response fields fail the check instead of being recorded as drift.
    public var strictUnknown: Bool = false
    /// Beta specs and cases gate the exit code too.
    public var failOnBeta: Bool = false
    /// Secret values to keep out of every output, beyond the credentials above.
    public var extraSecrets: [String] = []
    /// Tag filters; cases left out are reported as skipped.
    public var selection = Selection()
    public var retry = RetryPolicy()
    /// Requests per second across the whole run (`--rate`), or nil for as fast as allowed.
    public var rate: Double?
    /// Distinct gating requests to one origin that may get no answer at all before the run
    /// stops sending there (`--max-transport-failures`); 0 = never give up.
    public var maxTransportFailures = 5
    /// Where credentials would have come from, to say so when none were set.
    public var credentialHint: String { auth.hint }
    /// Set by the CLI's signal handlers.
    public var interruption = RunInterruption()
    /// `--snapshot` / `--baseline`: gathers the shapes every response showed.
    public var snapshotRecorder: SnapshotRecorder?
    /// `--fail-fast`: once a gating case fails, no further case starts.
    public var failFast = FailFast(enabled: false)

    public init(baseURL: String, credentials: Credentials? = nil) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.credentials = credentials
    }

    /// Words of a variable's name that mark it as holding a secret, wherever it comes from
    /// (`DEPLOY_API_KEY`, `session_token`, `accessToken`, `DB_PASSWORD`).
    static let secretWords: Set<String> = ["auth", "authorization", "cookie", "credential", "credentials", "pass", "pat"]
    /// Endings of a word that mark it too (`apikey`, `accesstoken`, `clientsecret`).
    static let secretWordEndings = ["token", "password", "passwd", "secret", "key"]

    /// Whole words only, so `GIT_AUTHOR_NAME` or `keyboard_layout` are not masked while
    /// `GITHUB_TOKEN` and `apiKey` are. Words split at non-letters and at lower-to-upper case.
    static func looksSecret(_ name: String) -> Bool {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower {
                words.append(current)
                current = ""
            }
            current.append(contentsOf: character.lowercased())
            previousWasLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words.contains { word in secretWords.contains(word) || secretWordEndings.contains(where: word.hasSuffix) }
    }

    /// Every secret this run knows of, for the redactor: the credentials, and the value of
    /// every environment or run variable whose name says it is one (`*_TOKEN`, `*PASSWORD*`,
    /// `api_key`...), since a spec may pass such a value along in a header or body.
    public var secrets: [String] {
        var values = extraSecrets
        values += environment.filter { Self.looksSecret($0.key) }.map(\.value)
        values += variables.filter { Self.looksSecret($0.key) }.compactMap { $0.value.stringValue }
        values += credentials?.secrets ?? []
        return values
    }

    public var redactor: Redactor {
        // An API key's own header is as secret as `Authorization`, whatever it holds.
        let keyHeader: [String] = if case .header(let name, _) = auth { [name] } else { [] }
        return Redactor(secrets: secrets, secretHeaders: keyHeader)
    }
}
