import ConformHTTP
import Foundation

/// A shell command that sends a case's request again with the curl tool, to copy into a
/// terminal: `curl -sS -i -X GET 'URL' -H 'Accept: application/json' -H "Authorization: Bearer O:$CONFORM_TOKEN"`.
///
/// Credentials appear only as references to the environment variables Conform read them
/// from, never as values; any other secret (in the URL, a header, the body) is masked as in
/// every report, so such a command shows where it differs rather than leaking.
enum CurlReplay {
    static func command(for request: HTTPRequest, credentials: Credentials?, redactor: Redactor) -> String {
        var words = ["curl", "-sS", "-i", "-X", quote(request.method.rawValue), quote(redactor.redact(request.url))]
        for header in request.headers {
            let lowered = header.name.lowercased()
            // curl computes these itself (and would print a compressed body as it came).
            if ["content-length", "host", "accept-encoding"].contains(lowered) { continue }
            if lowered == "authorization", let credentials, header.value == credentials.authorizationValue {
                words += authorization(credentials)
                continue
            }
            words += ["-H", quote("\(redactor.redact(header.name)): \(redactor.redactHeader(name: header.name, value: header.value))")]
        }
        if let body = request.body {
            words += ["--data-binary", quote(redactor.redact(String(decoding: body, as: UTF8.self)))]
        }
        return words.joined(separator: " ")
    }

    /// The credentials as the shell will expand them from the variables Conform reads.
    static func authorization(_ credentials: Credentials) -> [String] {
        switch credentials {
        case .namedToken: ["-H", "\"Authorization: Bearer O:$\(Credentials.Variable.token)\""]
        case .bearer: ["-H", "\"Authorization: Bearer $\(Credentials.Variable.token)\""]
        case .basic: ["-u", "\"$\(Credentials.Variable.username):$\(Credentials.Variable.password)\""]
        }
    }

    /// POSIX single quotes: everything literal; a quote becomes `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
