import ConformShape

/// What a request may hold before anything is sent. A header value with CR/LF is a header
/// injection, a header name with `:` or a space is no header, a path with a space or CR/LF is
/// no request line, and `url: file:///etc/passwd` is not an HTTP request: each is refused by
/// `validate` with its `file:line:column` (exit 2), not discovered by the transport at run time.
/// Only the literal parts are checked here; values that placeholders bring are checked when
/// the request is built.
extension SpecDecoder {
    /// RFC 9110 `tchar`: the characters a header name (a token) is made of.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }

    /// A readable name for a character that cannot be shown as itself.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\r": "CR (\\r)"
        case "\n": "LF (\\n)"
        case "\0": "NUL"
        case " ": "a space"
        case "\t": "a tab"
        default: scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "`\(scalar)`"
        }
    }

    static func literalText(_ template: Template) -> [String] {
        template.parts.compactMap { if case .literal(let text) = $0 { text } else { nil } }
    }

    func checkHeaderLines(_ headers: [(name: Template, value: Template)]) {
        for (name, value) in headers {
            for text in Self.literalText(name) {
                if let bad = text.unicodeScalars.first(where: { !Self.isTokenCharacter($0) }) {
                    sink.add(Diagnostic(.invalidValue,
                        "header name \"\(name.source)\" contains \(Self.shown(bad)); a header name is letters, digits and !#$%&'*+-.^_`|~",
                        at: name.location))
                    break
                }
            }
            if name.isLiteral && name.source.isEmpty {
                sink.add(Diagnostic(.invalidValue, "a header name cannot be empty", at: name.location))
            }
            for text in Self.literalText(value) {
                if let bad = text.unicodeScalars.first(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                    sink.add(Diagnostic(.invalidValue,
                        "header \(name.source): the value contains \(Self.shown(bad)), which would end the header line (header injection)",
                        at: value.location))
                    break
                }
            }
        }
    }

    /// A path (or URL) holds no space, control character or DEL: they must be percent-encoded.
    func checkRequestTarget(_ template: Template, key: String, at location: SourceLocation) {
        // By bytes, in place: the scalars looked for are ASCII, and every byte of a longer
        // scalar is 0x80 or above, so the first such byte is the first such scalar.
        for part in template.parts {
            guard case .literal(let text) = part,
                let bad = text.utf8.first(where: { $0 <= 0x20 || $0 == 0x7F })
            else { continue }
            sink.add(Diagnostic(.invalidValue,
                "`\(key)` contains \(Self.shown(Unicode.Scalar(bad))); write it percent-encoded (a space is %20)", at: location))
            return
        }
    }

    /// A whole `url` is an absolute http or https URL. When it starts with a placeholder the
    /// scheme is checked when the request is built.
    func checkURLScheme(_ template: Template, at location: SourceLocation) {
        guard case .literal(let start)? = template.parts.first else { return }
        let lower = start.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return }
        // A scheme is ASCII letters, digits, `+`, `-` and `.` before the first colon.
        if let colon = start.firstIndex(of: ":"), !start[..<colon].isEmpty,
            start[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        {
            sink.add(Diagnostic(.invalidValue,
                "`url` must be an http:// or https:// URL, found the scheme `\(start[..<colon]):` (Conform sends HTTP requests only)",
                at: location))
            return
        }
        sink.add(Diagnostic(.invalidValue,
            "`url` must be an absolute http:// or https:// URL, found \"\(template.source)\" (use `path` for one relative to the target)",
            at: location))
    }
}
