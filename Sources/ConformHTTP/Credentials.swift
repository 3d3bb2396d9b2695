/// How Conform authenticates to the API under test. Never stored in specs or reports:
/// `description` hides the secrets.
public enum Credentials: Sendable, Hashable, CustomStringConvertible {
    /// HTTP Basic: `Authorization: Basic base64(username:password)` (RFC 7617).
    case basic(username: String, password: String)
    /// A JourneyApps API token: `Authorization: Bearer O:<token>` (the literal `O:` prefix
    /// is how JourneyApps marks named tokens).
    case namedToken(String)
    /// Any other bearer token, sent unchanged: `Authorization: Bearer <token>`.
    case bearer(String)
    /// An API key in a header of its own: `X-API-Key: <key>`.
    case apiKeyHeader(name: String, key: String)
    /// An API key as a query parameter: `?api_key=<key>` (percent-encoded).
    case apiKeyQuery(name: String, key: String)

    /// The environment variables `fromEnvironment` reads.
    public enum Variable {
        public static let token = "CONFORM_TOKEN"
        public static let username = "CONFORM_USERNAME"
        public static let password = "CONFORM_PASSWORD"
    }

    /// The `Authorization` header value, or for an API key header that header's value;
    /// `nil` for a key sent in the query.
    public var headerValue: String? {
        switch self {
        case .basic(let username, let password):
            "Basic " + base64Encode(Array("\(username):\(password)".utf8))
        case .namedToken(let token):
            "Bearer O:" + token
        case .bearer(let token):
            "Bearer " + token
        case .apiKeyHeader(_, let key):
            key
        case .apiKeyQuery:
            nil
        }
    }

    /// The header the credentials travel in (`Authorization`, or an API key's own), or `nil`
    /// for a key sent in the query.
    public var headerName: String? {
        switch self {
        case .basic, .namedToken, .bearer: "Authorization"
        case .apiKeyHeader(let name, _): name
        case .apiKeyQuery: nil
        }
    }

    /// The secret values, as they are and as they travel, for the redactor.
    public var secrets: [String] {
        switch self {
        case .basic(let username, let password): [password, base64Encode(Array("\(username):\(password)".utf8))]
        case .namedToken(let token), .bearer(let token), .apiKeyHeader(_, let token): [token]
        case .apiKeyQuery(_, let key): [key, PercentEncoding.encode(key)]
        }
    }

    /// The credentials configured in `environment`: `CONFORM_TOKEN` (a named token) wins;
    /// otherwise `CONFORM_USERNAME` with `CONFORM_PASSWORD` (Basic); otherwise `nil`.
    /// Empty variables count as unset. A username without a password (or the reverse) is an
    /// error rather than a silent anonymous run.
    public static func fromEnvironment(_ environment: [String: String]) throws(CredentialsError) -> Credentials? {
        let credentials: Credentials
        if let token = environment[Variable.token], !token.isEmpty {
            credentials = .namedToken(token)
        } else {
            guard let pair = try basic(usernameVariable: Variable.username, passwordVariable: Variable.password, in: environment)
            else { return nil }
            credentials = pair
        }
        try credentials.validate()
        return credentials
    }

    /// HTTP Basic from two variables: both set (an empty password counts as set), neither
    /// (`nil`), or an error naming the one that is missing — never a silent anonymous run.
    public static func basic(usernameVariable: String, passwordVariable: String,
                             in environment: [String: String]) throws(CredentialsError) -> Credentials? {
        let username = environment[usernameVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (username, environment[passwordVariable]) {
        case (nil, nil), (nil, ""?): return nil
        case (let username?, let password?): return .basic(username: username, password: password)
        case (nil, _?): throw .incomplete(set: passwordVariable, missing: usernameVariable)
        case (_?, nil): throw .incomplete(set: usernameVariable, missing: passwordVariable)
        }
    }

    /// Checks that the credentials can be sent as a header at all.
    public func validate() throws(CredentialsError) {
        switch self {
        case .basic(let username, _) where username.contains(":"):
            // RFC 7617 section 2: the user-id cannot contain a colon.
            throw .invalid("the username contains ':', which HTTP Basic cannot carry")
        case .apiKeyHeader(let name, _) where name.isEmpty || !name.utf8.allSatisfy(\.isHTTPTokenCharacter):
            throw .invalid("`\(name)` is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)")
        case .apiKeyQuery(let name, _) where name.isEmpty:
            throw .invalid("the query parameter for the API key has no name")
        case .namedToken(let secret), .bearer(let secret), .basic(_, let secret), .apiKeyHeader(_, let secret),
            .apiKeyQuery(_, let secret):
            if secret.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
                throw .invalid("the secret contains a control character (CR, LF ...)")
            }
        }
    }

    /// The kind of credentials, secrets hidden: `basic(username: alice, password: ***)`.
    public var description: String {
        switch self {
        case .basic(let username, _): "basic(username: \(username), password: ***)"
        case .namedToken: "namedToken(***)"
        case .bearer: "bearer(***)"
        case .apiKeyHeader(let name, _): "apiKeyHeader(\(name): ***)"
        case .apiKeyQuery(let name, _): "apiKeyQuery(\(name)=***)"
        }
    }
}

/// Why credentials could not be read or may not be sent.
public enum CredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One variable of a pair is set, the other is not.
    case incomplete(set: String, missing: String)
    /// The credentials cannot be expressed as a header value.
    case invalid(String)
    /// Sending them would expose them in clear text: plain `http://` to a host that is not
    /// loopback, without the explicit opt-in.
    case insecureTransport(url: String, host: String)
    /// The URL could not be parsed, so where the credentials would go is unknown.
    case unparsableURL(String)
    /// Not an http or https URL (`gopher://`, `file://`): credentials go over HTTP only.
    case unsupportedScheme(url: String, scheme: String)

    /// A sentence for the console.
    public var description: String {
        switch self {
        case .incomplete(let set, let missing):
            "\(set) is set but \(missing) is not; set both or neither"
        case .invalid(let reason):
            "invalid credentials: \(reason)"
        case .insecureTransport(let url, let host):
            "refusing to send credentials in clear text to \(host) (\(url)): plain http:// is only "
                + "allowed to loopback hosts (localhost, 127.0.0.0/8, ::1); use https:// or opt in explicitly"
        case .unparsableURL(let url):
            "refusing to send credentials to \(url): the URL cannot be parsed"
        case .unsupportedScheme(let url, let scheme):
            "refusing to send a request to \(url): only http:// and https:// are supported, found \(scheme)://"
        }
    }
}

/// The rule for where credentials may go.
public enum CredentialPolicy {
    /// Throws unless credentials may be sent to `url`: `https://` anywhere, plain `http://`
    /// only to a loopback host (judged by libcurl's URL parser) unless
    /// `allowInsecureHTTP` is the user's explicit opt-in. Other schemes are refused.
    public static func check(url: String, allowInsecureHTTP: Bool = false) throws(CredentialsError) {
        guard let parsed = ParsedURL(url) else { throw .unparsableURL(url) }
        switch parsed.scheme {
        case "https":
            return
        case "http" where parsed.hasLoopbackHost || allowInsecureHTTP:
            return
        case "http":
            throw .insecureTransport(url: url, host: parsed.host)
        default:
            throw .unsupportedScheme(url: url, scheme: parsed.scheme)
        }
    }
}

extension HTTPRequest {
    /// This request carrying `credentials`, after checking `CredentialPolicy` for its URL: the
    /// `Authorization` (or API key) header replaced, or the key's query parameter appended.
    public func authorized(
        with credentials: Credentials,
        allowInsecureHTTP: Bool = false
    ) throws(CredentialsError) -> HTTPRequest {
        try credentials.validate()
        try CredentialPolicy.check(url: url, allowInsecureHTTP: allowInsecureHTTP)
        var copy = self
        switch credentials {
        case .apiKeyQuery(let name, let key):
            copy.url = Self.appendingQuery(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(key), to: url)
        default:
            if let name = credentials.headerName, let value = credentials.headerValue { copy.headers.replace(name, with: value) }
        }
        return copy
    }

    /// `pair` added to the URL's query, before any `#fragment`.
    static func appendingQuery(_ pair: String, to url: String) -> String {
        let fragmentStart = url.firstIndex(of: "#") ?? url.endIndex
        let base = url[..<fragmentStart]
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + pair + url[fragmentStart...]
    }
}
