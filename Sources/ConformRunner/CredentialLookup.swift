import ConformHTTP
import ConformSpec

/// The credentials an `AuthScheme` finds in the environment: the secrets are read here, once,
/// from the variables the scheme names. Empty variables count as unset; half a pair (a username
/// without a password) is an error rather than a silent anonymous run.
enum CredentialLookup {
    static func credentials(for scheme: AuthScheme, environment: [String: String]) throws(CredentialsError) -> Credentials? {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        func pair(_ usernameVariable: String, _ passwordVariable: String) throws(CredentialsError) -> Credentials? {
            try Credentials.basic(usernameVariable: usernameVariable, passwordVariable: passwordVariable, in: environment)
        }
        let found: Credentials?
        switch scheme {
        case .journeyAppsToken(let token, let username, let password):
            if let token = value(token) { found = .namedToken(token) } else { found = try pair(username, password) }
        case .bearer(let token):
            found = value(token).map { .bearer($0) }
        case .basic(let username, let password):
            found = try pair(username, password)
        case .header(let name, let key):
            found = value(key).map { .apiKeyHeader(name: name, key: $0) }
        case .query(let name, let key):
            found = value(key).map { .apiKeyQuery(name: name, key: $0) }
        case .none:
            found = nil
        }
        try found?.validate()
        return found
    }
}
