import ConformShape

/// How a target authenticates: the scheme, and the names of the environment variables that
/// hold its secrets. Never a secret itself, so it can live in `conform.yaml` and in reports.
///
/// ```yaml
/// auth: bearer                                              # Authorization: Bearer $CONFORM_TOKEN
/// auth: { scheme: bearer, token_env: API_TOKEN }
/// auth: { scheme: basic, username_env: API_USER, password_env: API_PASSWORD }
/// auth: { scheme: header, name: X-API-Key, token_env: API_KEY }
/// auth: { scheme: query, name: api_key, token_env: API_KEY }
/// auth: none
/// auth: journeyapps-token   # the default: Bearer O:$CONFORM_TOKEN, or Basic from CONFORM_USERNAME/PASSWORD
/// ```
public enum AuthScheme: Sendable, Hashable, CustomStringConvertible {
    /// JourneyApps: `Authorization: Bearer O:<token>`, or HTTP Basic when only a username and
    /// password are set (both are what a JourneyApps deployment accepts).
    case journeyAppsToken(tokenVariable: String, usernameVariable: String, passwordVariable: String)
    /// `Authorization: Bearer <token>` (OAuth 2 access tokens, JWTs, personal access tokens).
    case bearer(tokenVariable: String)
    /// `Authorization: Basic base64(username:password)`.
    case basic(usernameVariable: String, passwordVariable: String)
    /// An API key in a header of its own, e.g. `X-API-Key: <key>`.
    case header(name: String, keyVariable: String)
    /// An API key as a query parameter, e.g. `?api_key=<key>`.
    case query(name: String, keyVariable: String)
    /// No credentials at all, and no note about their absence.
    case none

    public enum Default {
        public static let token = "CONFORM_TOKEN"
        public static let username = "CONFORM_USERNAME"
        public static let password = "CONFORM_PASSWORD"
    }

    /// What a run uses when nothing says otherwise: today's JourneyApps behaviour.
    public static let standard = AuthScheme.journeyAppsToken(
        tokenVariable: Default.token, usernameVariable: Default.username, passwordVariable: Default.password)

    /// The scheme names `auth:` and `--auth` accept.
    public static let schemeNames = ["journeyapps-token", "bearer", "basic", "header", "query", "none"]

    public var schemeName: String {
        switch self {
        case .journeyAppsToken: "journeyapps-token"
        case .bearer: "bearer"
        case .basic: "basic"
        case .header: "header"
        case .query: "query"
        case .none: "none"
        }
    }

    /// The environment variables this scheme reads, in the order a message names them.
    public var variables: [String] {
        switch self {
        case .journeyAppsToken(let token, let username, let password): [token, username, password]
        case .bearer(let token): [token]
        case .basic(let username, let password): [username, password]
        case .header(_, let key), .query(_, let key): [key]
        case .none: []
        }
    }

    /// What to set to get credentials, for the note a run prints when none were found:
    /// `CONFORM_TOKEN, or CONFORM_USERNAME and CONFORM_PASSWORD`.
    public var hint: String {
        switch self {
        case .journeyAppsToken(let token, let username, let password): "\(token), or \(username) and \(password)"
        case .basic(let username, let password): "\(username) and \(password)"
        case .bearer(let token), .header(_, let token), .query(_, let token): token
        case .none: "nothing (auth: none)"
        }
    }

    /// `bearer (API_TOKEN)`, `header X-API-Key (API_KEY)`: names, never values.
    public var description: String {
        switch self {
        case .header(let name, _), .query(let name, _): "\(schemeName) \(name) (\(variables.joined(separator: ", ")))"
        case .none: "none"
        default: "\(schemeName) (\(variables.joined(separator: ", ")))"
        }
    }

    /// The same scheme reading its secrets from `other`'s variables where both have one of
    /// that role: `--auth bearer` on a target whose `token_env` is `TESTING_TOKEN` keeps it.
    func withVariables(of other: AuthScheme) -> AuthScheme {
        var token = Default.token, username = Default.username, password = Default.password
        switch other {
        case .journeyAppsToken(let t, let u, let p): (token, username, password) = (t, u, p)
        case .bearer(let t), .header(_, let t), .query(_, let t): token = t
        case .basic(let u, let p): (username, password) = (u, p)
        case .none: break
        }
        switch self {
        case .journeyAppsToken: return .journeyAppsToken(tokenVariable: token, usernameVariable: username, passwordVariable: password)
        case .bearer: return .bearer(tokenVariable: token)
        case .basic: return .basic(usernameVariable: username, passwordVariable: password)
        case .header(let name, _): return .header(name: name, keyVariable: token)
        case .query(let name, _): return .query(name: name, keyVariable: token)
        case .none: return .none
        }
    }

    /// `--auth` text: a scheme name, or `header:NAME` / `query:NAME`; secrets come from the
    /// target's variables (or the defaults). `nil` with a reason when the text is no scheme.
    public static func parse(flag text: String, over target: AuthScheme) -> Result<AuthScheme, AuthSchemeError> {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let scheme = parts.first ?? ""
        let name = parts.count == 2 ? parts[1] : nil
        let parsed: AuthScheme
        switch (scheme, name) {
        case ("journeyapps-token", nil): parsed = .standard
        case ("bearer", nil): parsed = .bearer(tokenVariable: Default.token)
        case ("basic", nil): parsed = .basic(usernameVariable: Default.username, passwordVariable: Default.password)
        case ("none", nil): parsed = .none
        case ("header", let name?) where isHeaderName(name): parsed = .header(name: name, keyVariable: Default.token)
        case ("query", let name?) where !name.isEmpty: parsed = .query(name: name, keyVariable: Default.token)
        case ("header", _), ("query", _):
            return .failure(AuthSchemeError("--auth \(scheme) needs the name of the \(scheme == "header" ? "header" : "parameter"): "
                                            + "--auth \(scheme):\(scheme == "header" ? "X-API-Key" : "api_key"), found \"\(text)\""))
        default:
            let hint = Suggestion.closest(to: scheme, in: schemeNames).map { " (did you mean `\($0)`?)" } ?? ""
            return .failure(AuthSchemeError("--auth expects one of \(schemeNames.joined(separator: ", ")) "
                                            + "(header:NAME, query:NAME), found \"\(text)\"\(hint)"))
        }
        return .success(parsed.withVariables(of: target))
    }

    /// RFC 9110 `tchar`s only.
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }
}

public struct AuthSchemeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension AuthScheme {
    /// Reads `auth:` from `conform.yaml`: a scheme name, or a mapping with `scheme` and the
    /// variables it takes. Every problem is reported with its position.
    static func decode(_ node: SourceNode, context: String, sink: DiagnosticSink) -> AuthScheme? {
        let schemeNode: SourceNode
        var reader: MappingReader?
        switch node {
        case .scalar:
            schemeNode = node
        case .mapping:
            guard let mapping = MappingReader(node, context: context,
                                              allowed: ["scheme", "name", "token_env", "username_env", "password_env"], sink: sink),
                let required = mapping.required("scheme")
            else { return nil }
            reader = mapping
            schemeNode = required
        default:
            sink.add(Diagnostic(.wrongType(expected: "a scheme name or a mapping", actual: node.kindDescription),
                                "`\(context)` is a scheme (\(schemeNames.joined(separator: ", "))) or `{ scheme: ..., token_env: ... }`",
                                at: node.location))
            return nil
        }
        guard case .scalar(let scalar) = schemeNode else {
            sink.add(Diagnostic(.wrongType(expected: "a scheme name", actual: schemeNode.kindDescription),
                                "`\(context)` names a scheme: \(schemeNames.joined(separator: ", "))", at: schemeNode.location))
            return nil
        }
        let scheme = scalar.text
        guard schemeNames.contains(scheme) else {
            let hint = Suggestion.closest(to: scheme, in: schemeNames).map { ", did you mean `\($0)`?" } ?? ""
            sink.add(Diagnostic(.invalidValue, "unknown auth scheme `\(scheme)`\(hint) (schemes: \(schemeNames.joined(separator: ", ")))",
                                at: schemeNode.location))
            return nil
        }
        // Which keys each scheme takes; any other is a mistake worth naming.
        let takes: [String: [String]] = [
            "journeyapps-token": ["token_env", "username_env", "password_env"], "bearer": ["token_env"],
            "basic": ["username_env", "password_env"], "header": ["name", "token_env"], "query": ["name", "token_env"], "none": [],
        ]
        var problems = false
        func variable(_ key: String, _ fallback: String) -> String {
            guard let reader, let value = reader.optional(key) else { return fallback }
            guard let text = reader.string(value, "\(context).\(key)") else { problems = true; return fallback }
            guard SpecDecoder.isVariableName(text) else {
                sink.add(Diagnostic(.invalidValue, "`\(key)` names an environment variable (letters, digits, `_`), found \"\(text)\"; "
                                    + "the secret itself never goes in this file", at: value.location))
                problems = true
                return fallback
            }
            return text
        }
        if let reader {
            let accepted = ["scheme"] + (takes[scheme] ?? [])
            for entry in reader.entries where !accepted.contains(entry.key) {
                let message = "`\(entry.key)` does not go with `scheme: \(scheme)` (it takes: \(accepted.joined(separator: ", ")))"
                sink.add(Diagnostic(.unknownKey(key: entry.key, suggestion: nil), message, at: entry.keyLocation))
                problems = true
            }
        }
        var headerOrParameter: String?
        if scheme == "header" || scheme == "query" {
            guard let reader, let nameNode = reader.optional("name"), let name = reader.string(nameNode, "\(context).name"), !name.isEmpty else {
                sink.add(Diagnostic(.missingKey("name"), "`scheme: \(scheme)` needs `name:`, the \(scheme == "header" ? "header (e.g. X-API-Key)" : "query parameter (e.g. api_key)") that carries the key",
                                    at: node.location))
                return nil
            }
            if scheme == "header" && !isHeaderName(name) {
                sink.add(Diagnostic(.invalidValue, "`name` must be a header name (letters, digits and !#$%&'*+-.^_`|~), found \"\(name)\"",
                                    at: nameNode.location))
                return nil
            }
            headerOrParameter = name
        }
        let token = variable("token_env", Default.token)
        let username = variable("username_env", Default.username)
        let password = variable("password_env", Default.password)
        if problems { return nil }
        switch scheme {
        case "journeyapps-token": return .journeyAppsToken(tokenVariable: token, usernameVariable: username, passwordVariable: password)
        case "bearer": return .bearer(tokenVariable: token)
        case "basic": return .basic(usernameVariable: username, passwordVariable: password)
        case "header": return .header(name: headerOrParameter ?? "", keyVariable: token)
        case "query": return .query(name: headerOrParameter ?? "", keyVariable: token)
        default: return AuthScheme.none
        }
    }
}

extension AuthScheme {
    /// `credentials: { token_env, username_env, password_env }`: the spelling before `auth:`,
    /// still read, meaning JourneyApps credentials from those variables.
    static func decodeLegacyCredentials(_ node: SourceNode, context: String, sink: DiagnosticSink) -> AuthScheme? {
        guard let inner = MappingReader(node, context: context, allowed: ["token_env", "username_env", "password_env"], sink: sink)
        else { return nil }
        func variable(_ key: String, _ fallback: String) -> String {
            inner.optional(key).flatMap { inner.string($0, "\(context).\(key)") } ?? fallback
        }
        return .journeyAppsToken(tokenVariable: variable("token_env", Default.token),
                                 usernameVariable: variable("username_env", Default.username),
                                 passwordVariable: variable("password_env", Default.password))
    }
}
