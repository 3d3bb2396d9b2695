/// A model's `<display>` format string, e.g. `{make} {model} [{serial_number}] in {building.name}`
/// (reference §21.7), split into literal text and tokens.
public struct DisplayFormat: Sendable, Hashable {
    /// One piece of the format.
    public enum Part: Sendable, Hashable {
        case literal(String)
        /// `{name}`, `{rel.field}`, `{rel}` or `{name:specifier}`.
        case token(path: [String], specifier: String?)
        /// `{$:fn()}`: function tokens are not evaluated in data-model formats.
        case function(String)
    }

    /// The format as written in the XML; `datamodel.json` reports this string.
    public let source: String
    /// The literal text and tokens, in order.
    public let parts: [Part]

    /// Splits a format string. `{{` and `}}` stand for literal braces; a `{` that is never
    /// closed, or a `}` with no opening brace, is kept as literal text.
    public init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var literal = ""
        let characters = Array(source)
        var index = 0
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
        }
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "{" && next == "{" {
                literal.append("{"); index += 2; continue
            }
            if character == "}" && next == "}" {
                literal.append("}"); index += 2; continue
            }
            if character == "{", let close = characters[(index + 1)...].firstIndex(of: "}") {
                flush()
                parts.append(Self.token(String(characters[(index + 1)..<close])))
                index = close + 1
                continue
            }
            literal.append(character)
            index += 1
        }
        flush()
        self.parts = parts
    }

    private static func token(_ body: String) -> Part {
        if body.hasPrefix("$:") { return .function(body) }
        let pieces = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = pieces[0].trimmedWhitespace
        let specifier = pieces.count == 2 ? String(pieces[1]) : nil
        return .token(path: name.split(separator: ".", omittingEmptySubsequences: false).map(String.init), specifier: specifier)
    }

    /// The dotted names of every token, in order, for validation.
    public var tokenPaths: [[String]] {
        parts.compactMap { if case .token(let path, _) = $0 { path } else { nil } }
    }
}
