import ConformShape

extension SpecDecoder {
    static let requestKeys = ["method", "path", "url", "query", "headers", "auth", "json", "form", "body", "content_type", "timeout", "follow_redirects"]

    func decodeRequest(_ node: SourceNode, context: String) -> RequestTemplate? {
        guard let reader = MappingReader(node, context: context, allowed: Self.requestKeys, sink: sink) else { return nil }
        var method: String?
        if let methodNode = reader.required("method"), let text = reader.string(methodNode, "\(context).method") {
            // Nearly every method is written in capitals: then it is its own upper case.
            let upper = Self.methods.contains(text) ? text : text.uppercased()
            if Self.methods.contains(upper) {
                method = upper
            } else {
                let hint = Suggestion.closest(to: upper, in: Self.methods).map { ", did you mean `\($0)`?" } ?? ""
                sink.add(Diagnostic(.invalidValue, "unknown HTTP method `\(text)`\(hint)", at: methodNode.location))
            }
        }
        var target: RequestTemplate.Target?
        switch (reader.optional("path"), reader.optional("url")) {
        case (let path?, nil):
            if let t = reader.template(path, "\(context).path") {
                if case .literal(let text)? = t.parts.first, !text.hasPrefix("/") {
                    sink.add(Diagnostic(.invalidValue, "`path` is appended to the target's base URL and must start with `/`, found \"\(t.source)\"",
                                        at: path.location))
                }
                checkRequestTarget(t, key: "path", at: path.location)
                target = .path(t)
            }
        case (nil, let url?):
            if let t = reader.template(url, "\(context).url") {
                checkURLScheme(t, at: url.location)
                checkRequestTarget(t, key: "url", at: url.location)
                target = .url(t)
            }
        case (_?, _?):
            sink.add(Diagnostic(.invalidValue, "a request has either `path` (relative to the target) or `url`, not both",
                                at: reader.location))
        case (nil, nil):
            sink.add(Diagnostic(.missingKey("path"), "\(context) is missing the required key `path` (or `url`)", at: reader.location))
        }
        let query = reader.templateMap("query")
        let headers = reader.templateMap("headers")
        checkHeaderLines(headers)
        let auth = reader.optional("auth").flatMap { decodeAuth($0, context: "\(context).auth") } ?? .default
        let body = decodeBody(reader, context: context)
        var timeout: Double?
        if let timeoutNode = reader.optional("timeout"), let seconds = reader.number(timeoutNode, "\(context).timeout") {
            if RequestTimeout.isValid(seconds) { timeout = seconds } else {
                sink.add(Diagnostic(.invalidValue, "`timeout` must be \(RequestTimeout.rule)", at: timeoutNode.location))
            }
        }
        let redirects = reader.optional("follow_redirects").flatMap {
            RedirectPolicy.decode($0, context: "\(context).follow_redirects", sink: sink)
        }
        guard let method, let target else { return nil }
        return RequestTemplate(method: method, target: target, query: query, headers: headers, auth: auth, body: body,
                               timeout: timeout, followRedirects: redirects, location: reader.location)
    }

    func decodeBody(_ reader: MappingReader, context: String) -> RequestTemplate.Body? {
        // Each key looked up once.
        let (json, form, raw) = (reader.optional("json"), reader.optional("form"), reader.optional("body"))
        let contentTypeNode = reader.optional("content_type")
        let given = [json.map { _ in "json" }, form.map { _ in "form" }, raw.map { _ in "body" }].compactMap { $0 }
        if given.count > 1 {
            sink.add(Diagnostic(.invalidValue, "a request has one body: `\(given.joined(separator: "`, `"))` are given",
                                at: reader.location))
            return nil
        }
        let contentType = contentTypeNode.flatMap { reader.template($0, "\(context).content_type") }
        if let node = json { return reader.jsonTemplate(node).map { .json($0) } }
        if let node = form {
            guard case .mapping = node else {
                sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                    "`form` must be a mapping (nested maps become `a[b]=c`)", at: node.location))
                return nil
            }
            return reader.jsonTemplate(node).map { .form($0) }
        }
        if let node = raw { return reader.template(node, "\(context).body").map { .raw($0, contentType: contentType) } }
        if contentTypeNode != nil {
            sink.add(Diagnostic(.invalidValue, "`content_type` goes with a raw `body`; `json` and `form` set their own",
                                at: reader.location))
        }
        return nil
    }

    func decodeAuth(_ node: SourceNode, context: String) -> AuthChoice? {
        if case .scalar(let s) = node {
            switch s.text {
            case "default": return .default
            case "none": return AuthChoice.none
            default:
                sink.add(Diagnostic(.invalidValue, "`auth` is `default`, `none`, `{ basic: { username, password } }`, `{ token: ... }` or `{ bearer: ... }`, found \"\(s.text)\"",
                                    at: node.location))
                return nil
            }
        }
        guard let reader = MappingReader(node, context: context, allowed: ["basic", "token", "bearer"], sink: sink) else { return nil }
        guard reader.entries.count == 1 else {
            sink.add(Diagnostic(.invalidValue, "`auth` names one scheme: `basic`, `token` or `bearer`", at: node.location))
            return nil
        }
        if let basic = reader.optional("basic") {
            guard let inner = MappingReader(basic, context: "\(context).basic", allowed: ["username", "password"], sink: sink),
                let user = inner.required("username").flatMap({ inner.template($0, "username") }),
                let password = inner.required("password").flatMap({ inner.template($0, "password") })
            else { return nil }
            return .basic(username: user, password: password)
        }
        if let token = reader.optional("token") { return reader.template(token, "\(context).token").map { .token($0) } }
        if let bearer = reader.optional("bearer") { return reader.template(bearer, "\(context).bearer").map { .bearer($0) } }
        return nil
    }
}
