import ConformHTTP
import ConformSpec
import Foundation

/// A shell command that sends a case's request again with the curl tool, to copy into a
/// terminal: `curl -sS -i -X GET 'URL' -H 'Accept: application/json' -H "Authorization: Bearer O:$CONFORM_TOKEN"`.
///
/// Credentials appear only as references to the environment variables Conform read them
/// from, never as values; any other secret (in the URL, a header, the body) is masked as in
/// every report, so such a command shows where it differs rather than leaking.
enum CurlReplay {
    static func command(for request: HTTPRequest, credentials: Credentials?, auth: AuthScheme = .standard,
                        redactor: Redactor) -> String {
        var words = ["curl", "-sS", "-i", "-X", quote(request.method.rawValue), url(request.url, credentials: credentials, auth: auth, redactor: redactor)]
        for header in request.headers {
            let lowered = header.name.lowercased()
            // curl computes these itself (and would print a compressed body as it came).
            if ["content-length", "host", "accept-encoding"].contains(lowered) { continue }
            if let credentials, let name = credentials.headerName, lowered == name.lowercased(), header.value == credentials.headerValue {
                words += authorization(credentials, auth: auth)
                continue
            }
            words += ["-H", quote("\(redactor.redact(header.name)): \(redactor.redactHeader(name: header.name, value: header.value))")]
        }
        if let body = request.body {
            words += ["--data-binary", quote(redactor.redact(String(decoding: body, as: UTF8.self)))]
        }
        return words.joined(separator: " ")
    }

    /// The credentials as the shell will expand them from the variables Conform read them
    /// from (the target's, not always `CONFORM_TOKEN`).
    static func authorization(_ credentials: Credentials, auth: AuthScheme = .standard) -> [String] {
        var token = Credentials.Variable.token, username = Credentials.Variable.username, password = Credentials.Variable.password
        switch auth {
        case .journeyAppsToken(let t, let u, let p): (token, username, password) = (t, u, p)
        case .bearer(let t), .header(_, let t), .query(_, let t): token = t
        case .basic(let u, let p): (username, password) = (u, p)
        case .none: break
        }
        return switch credentials {
        case .namedToken: ["-H", "\"Authorization: Bearer O:$\(token)\""]
        case .bearer: ["-H", "\"Authorization: Bearer $\(token)\""]
        case .basic: ["-u", "\"$\(username):$\(password)\""]
        case .apiKeyHeader(let name, _): ["-H", "\"\(name): $\(token)\""]
        case .apiKeyQuery: []
        }
    }

    /// The URL, single-quoted; with an API key in the query, double-quoted so the shell puts
    /// the variable's value where the key was (`"…?api_key=$API_KEY"`).
    static func url(_ url: String, credentials: Credentials?, auth: AuthScheme, redactor: Redactor) -> String {
        guard case .apiKeyQuery(_, let key)? = credentials, case .query(_, let variable) = auth,
            case let encoded = PercentEncoding.encode(key), url.contains(encoded)
        else { return quote(redactor.redact(url)) }
        let parts = url.components(separatedBy: encoded).map { doubleQuoted(redactor.redact($0)) }
        return "\"" + parts.joined(separator: "${\(variable)}") + "\""
    }

    /// Inside double quotes, `\`, `"`, `$` and `` ` `` need a backslash.
    static func doubleQuoted(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\\"$`".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// POSIX single quotes: everything literal; a quote becomes `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
