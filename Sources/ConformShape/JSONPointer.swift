/// A JSON Pointer (RFC 6901): `/properties/status/type`, the address of one value inside a
/// document.
///
/// Schema compile errors and mismatches name the schema keyword they come from with one of
/// these, so a caller holding a source map of the file can turn it into `file:line:column`.
/// (Instance locations use `JSONPath`, which is what users read in reports.)
public struct JSONPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unescaped reference tokens, e.g. `["properties", "a/b"]` for `/properties/a~1b`.
    public private(set) var tokens: [String]

    public init(_ tokens: [String] = []) { self.tokens = tokens }

    /// The empty pointer: the whole document.
    public static let root = JSONPointer()

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens + [token]) }
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens + [String(index)]) }
    public func appending(_ other: JSONPointer) -> JSONPointer { JSONPointer(tokens + other.tokens) }

    public var isRoot: Bool { tokens.isEmpty }

    /// Whether `self` is `other` or lies inside it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count && tokens.starts(with: other.tokens) { $0.hasSameCodePoints(as: $1) }
    }

    /// Tokens compare code point by code point (see `JSONName`): `/properties/é` and
    /// `/properties/e\u{301}` are two schemas. The synthesised hash stays consistent.
    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.elementsEqual(rhs.tokens) { $0.hasSameCodePoints(as: $1) }
    }

    /// The pointer text with `~` written `~0` and `/` written `~1`; `""` for the root.
    public var description: String {
        var text = ""
        for token in tokens { text += "/" + Self.escaped(token) }
        return text
    }

    /// One reference token as pointer text (RFC 6901): `~` written `~0`, `/` written `~1`.
    public static func escaped(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var text = ""
        for character in token {
            switch character {
            case "~": text += "~0"
            case "/": text += "~1"
            default: text.append(character)
            }
        }
        return text
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.lexicographicallyPrecedes(rhs.tokens) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The value this pointer names, or `nil` when a step does not exist. Array steps must be
    /// plain decimal indices without leading zeros, as RFC 6901 says.
    public func resolve(in value: JSONValue) -> JSONValue? {
        var current = value
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Self.arrayIndex(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            token == "0" || !token.hasPrefix("0")
        else { return nil }
        return Int(token)
    }
}

/// Why a JSON Pointer could not be read.
public struct JSONPointerSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension JSONPointer {
    /// Parses pointer text such as `/$defs/a~1b`. The empty string is the root.
    public init(parsing text: String) throws(JSONPointerSyntaxError) {
        guard !text.isEmpty else { self.init(); return }
        guard text.hasPrefix("/") else {
            throw JSONPointerSyntaxError(message: "a JSON Pointer starts with '/', found '\(text)'")
        }
        var tokens: [String] = []
        // Splitting keeps empty tokens: `/$defs//x` names the key "" (the suite tests this).
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            // Without a `~` byte there is nothing to unescape: the token as it is, instead of
            // Character by Character (one pointer per inline shape of every case).
            guard raw.utf8.contains(UInt8(ascii: "~")) else {
                tokens.append(String(raw))
                continue
            }
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else { token.append(character); continue }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerSyntaxError(message: "'~' must be followed by 0 or 1 in '\(text)'")
                }
            }
            tokens.append(token)
        }
        self.init(tokens)
    }
}
