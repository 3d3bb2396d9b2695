import ConformHTTP
import ConformShape
import ConformSpec

/// Turns a request template into the bytes to send, with the file's variables filled in.
struct RequestBuilder: Sendable {
    let baseURL: String
    let credentials: Credentials?
    let allowInsecureHTTP: Bool
    let defaultTimeout: Double
    /// Seconds to establish a connection; a black-holed target fails after this, not after
    /// the whole request timeout, so a dead target is noticed quickly.
    var connectTimeout: Double = 10
    /// A ceiling on every request's timeout (teardown after a signal must be quick).
    var timeoutCap: Double?
    /// A target's `headers:`, already resolved: sent unless the request sets the header.
    var defaultHeaders: [(name: String, value: String)] = []

    /// A request ready to send, and the credentials it carries (a redirect to the same
    /// origin carries them again).
    struct Built {
        let request: HTTPRequest
        let credentials: Credentials?
    }

    enum Failure: Error {
        /// A captured variable has no value (the case that captures it did not).
        case unbound(String)
        /// Credentials would go somewhere they must not (plain HTTP to a remote host).
        case credentials(CredentialsError)
    }

    func withTimeoutCap(_ seconds: Double) -> RequestBuilder {
        var copy = self
        copy.timeoutCap = seconds
        return copy
    }

    func build(_ template: RequestTemplate, scope: VariableScope) throws(Failure) -> Built {
        do {
            return try buildUnchecked(template, scope: scope)
        } catch let error as VariableScope.Unbound {
            throw .unbound(error.name)
        } catch let error as CredentialsError {
            throw .credentials(error)
        } catch {
            throw .unbound("?")
        }
    }

    private func buildUnchecked(_ template: RequestTemplate, scope: VariableScope) throws -> Built {
        var url: String
        switch template.target {
        case .path(let path): url = baseURL + (try scope.string(path))
        case .url(let full): url = try scope.string(full)
        }
        if !template.query.isEmpty {
            var pairs: [String] = []
            for (name, value) in template.query {
                pairs.append(FormEncoding.percentEncode(try scope.string(name), keepBrackets: false) + "="
                             + FormEncoding.percentEncode(try scope.string(value), keepBrackets: false))
            }
            // A byte search: `contains("?")` is Foundation's `range(of:)`, ~15,000 instructions.
            url += (url.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + pairs.joined(separator: "&")
        }
        var headers = HTTPHeaders()
        for (name, value) in template.headers { headers.append(try scope.string(name), try scope.string(value)) }
        for (name, value) in defaultHeaders where !headers.contains(name) { headers.append(name, value) }
        if !headers.contains("Accept") { headers.append("Accept", "application/json") }
        var body: [UInt8]?
        switch template.body {
        case .json(let json)?:
            body = try scope.json(json).compactBytes
            if !headers.contains("Content-Type") { headers.append("Content-Type", "application/json") }
        case .form(let form)?:
            body = Array(FormEncoding.encode(try scope.json(form)).utf8)
            if !headers.contains("Content-Type") { headers.append("Content-Type", "application/x-www-form-urlencoded") }
        case .raw(let text, let contentType)?:
            body = Array(try scope.string(text).utf8)
            if let contentType, !headers.contains("Content-Type") { headers.append("Content-Type", try scope.string(contentType)) }
        case nil:
            // POST, PUT and PATCH without a body still send `Content-Length: 0`, as servers expect.
            if ["POST", "PUT", "PATCH"].contains(template.method) { body = [] }
        }
        let timeout = min(template.timeout ?? defaultTimeout, timeoutCap ?? .infinity)
        var request = HTTPRequest(method: HTTPMethod(template.method), url: url, headers: headers, body: body,
                                  timeout: .milliseconds(Int64((timeout * 1000).rounded(.up))),
                                  connectTimeout: .milliseconds(Int64((min(timeout, connectTimeout) * 1000).rounded(.up))))
        let chosen: Credentials?
        switch template.auth {
        case .default: chosen = credentials
        case .none: chosen = nil
        case .basic(let user, let password): chosen = .basic(username: try scope.string(user), password: try scope.string(password))
        case .token(let token): chosen = .namedToken(try scope.string(token))
        case .bearer(let token): chosen = .bearer(try scope.string(token))
        }
        // A spec that writes its own Authorization (or API key) header means exactly that header.
        guard let chosen else { return Built(request: request, credentials: nil) }
        if let name = chosen.headerName, headers.contains(name) { return Built(request: request, credentials: nil) }
        request = try request.authorized(with: chosen, allowInsecureHTTP: allowInsecureHTTP)
        return Built(request: request, credentials: chosen)
    }
}
