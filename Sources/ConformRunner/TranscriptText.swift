import ConformHTTP
import ConformShape

/// Request and response as text for reports: headers redacted by name, secrets by value,
/// bodies cut to a readable length.
enum TranscriptText {
    static let bodyLimit = 4096

    static func request(_ request: HTTPRequest, redactor: Redactor) -> String {
        var text = "\(request.method) \(redactor.redact(request.url))\n"
        for header in request.headers { text += line(header, redactor) }
        if let body = request.body, !body.isEmpty { text += "\n" + redactor.redact(excerpt(body)) + "\n" }
        return text
    }

    static func response(_ response: HTTPResponse, redactor: Redactor) -> String {
        var text = "HTTP \(response.status) \(response.reasonPhrase)\n"
        for header in response.headers { text += line(header, redactor) }
        if !response.body.isEmpty { text += "\n" + redactor.redact(excerpt(response.body)) + "\n" }
        return text
    }

    /// One header line with secrets masked in the name too: a server may echo a token in a
    /// header *name* (`X-Echo-<token>`).
    static func line(_ header: HTTPHeader, _ redactor: Redactor) -> String {
        "\(redactor.redact(header.name)): \(redactor.redactHeader(name: header.name, value: header.value))\n"
    }

    /// Lines of body the console shows under a failure (the whole body is in the JUnit report).
    static let excerptLines = 12

    /// The status line, the content type, and the start of the body: pretty-printed JSON when
    /// it parsed, else the text; redacted.
    static func excerpt(of response: HTTPResponse, json: JSONValue?, redactor: Redactor) -> String {
        var text = "HTTP \(response.status) \(response.reasonPhrase)"
        if let type = response.headers.values(for: "Content-Type").first { text += "  (\(redactor.redact(type)))" }
        guard !response.body.isEmpty else { return text + "\n(empty body)\n" }
        let body = json.map { $0.prettyExcerpt(maximumLines: excerptLines) } ?? Self.excerpt(response.body)
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > excerptLines + 1 { lines = Array(lines.prefix(excerptLines)) + ["…"] }
        return text + "\n" + redactor.redact(lines.joined(separator: "\n")) + "\n"
    }

    /// The body as text (invalid UTF-8 shown as U+FFFD), cut after `bodyLimit` bytes.
    static func excerpt(_ body: [UInt8]) -> String {
        guard body.count > bodyLimit else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: body.prefix(bodyLimit), as: UTF8.self) + "\n… (\(body.count - bodyLimit) more bytes)"
    }
}
