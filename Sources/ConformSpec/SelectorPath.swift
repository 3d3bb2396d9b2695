public import ConformShape

/// A JSON path as specs write it for `values` and `capture`: `$.id`, `$.objects[0].name`,
/// `$['odd key']`, `$.objects[-1]`, and a filter that picks the first array element whose
/// member equals a value: `$.entries[?(@.object.id == 'c3d5…')].operation`.
///
/// It always names one value (the first match of a filter), so a check or a capture is
/// never ambiguous; wildcards are refused.
public struct SelectorPath: Sendable, Hashable, CustomStringConvertible {
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        /// The first element of an array where every condition holds: its value at `path`
        /// equals `value` (JSON equality).
        case filter([Condition])
    }

    public struct Condition: Sendable, Hashable {
        public let path: JSONPath
        public let value: JSONValue
    }

    public let steps: [Step]
    public let source: String

    public var description: String { source }

    /// The value this path names, and the concrete path it was found at (filters resolved
    /// to an index), for messages.
    public func resolve(in document: JSONValue) -> (value: JSONValue, path: JSONPath)? {
        var current = document
        var concrete = JSONPath.root
        for step in steps {
            switch step {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
                concrete = concrete.appending(key)
            case .index(let index):
                guard case .array(let elements) = current else { return nil }
                let position = index < 0 ? elements.count + index : index
                guard elements.indices.contains(position) else { return nil }
                current = elements[position]
                concrete = concrete.appending(position)
            case .filter(let conditions):
                guard case .array(let elements) = current,
                    let position = elements.firstIndex(where: { element in
                        conditions.allSatisfy { $0.path.resolve(in: element)?.jsonEquals($0.value) == true }
                    })
                else { return nil }
                current = elements[position]
                concrete = concrete.appending(position)
            }
        }
        return (current, concrete)
    }

    /// Whether the path has no filter step (its concrete path then reads as written).
    public var isPlain: Bool { !steps.contains { if case .filter = $0 { true } else { false } } }
}

extension SelectorPath {
    public init(parsing text: String) throws(JSONPathSyntaxError) {
        var scanner = PathScanner(Array(text))
        guard scanner.take("$") else { throw scanner.error("a JSON path starts with '$', e.g. '$.id'") }
        var steps: [Step] = []
        while !scanner.atEnd {
            if scanner.take(".") {
                let name = scanner.name()
                guard !name.isEmpty else { throw scanner.error("empty name after '.'") }
                guard name != "*" else { throw scanner.error("wildcards are not supported: name one value, or use a filter [?(@.key == 'value')]") }
                steps.append(.key(name))
            } else if scanner.take("[") {
                if scanner.take("?") {
                    steps.append(try scanner.filter())
                } else if let quoted = try scanner.quoted() {
                    steps.append(.key(quoted))
                } else {
                    let body = scanner.until("]")
                    guard let index = Int(body) else {
                        throw scanner.error("expected an index, a quoted name or a filter in '[...]', found '\(body)'")
                    }
                    steps.append(.index(index))
                }
                guard scanner.take("]") else { throw scanner.error("expected ']'") }
            } else {
                throw scanner.error("unexpected '\(scanner.peek.map(String.init) ?? "")'; use '.name' or '[...]'")
            }
        }
        self.steps = steps
        self.source = text
    }
}

/// Reads a path expression character by character.
struct PathScanner {
    let chars: [Character]
    var index = 0

    init(_ chars: [Character]) { self.chars = chars }

    var atEnd: Bool { index >= chars.count }
    var peek: Character? { atEnd ? nil : chars[index] }

    func error(_ message: String) -> JSONPathSyntaxError { JSONPathSyntaxError(message: message, offset: index) }

    mutating func take(_ c: Character) -> Bool {
        guard peek == c else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() { while peek == " " { index += 1 } }

    /// A dot-name: up to the next `.`, `[`, or (inside a filter) an operator or `)`.
    mutating func name(stoppingAt extra: Set<Character> = []) -> String {
        let start = index
        while let c = peek, c != ".", c != "[", !extra.contains(c) { index += 1 }
        return String(chars[start..<index])
    }

    mutating func until(_ c: Character) -> String {
        let start = index
        while let next = peek, next != c { index += 1 }
        return String(chars[start..<index])
    }

    /// A `'…'` or `"…"` string with backslash escapes, or nil if none starts here.
    mutating func quoted() throws(JSONPathSyntaxError) -> String? {
        guard let quote = peek, quote == "'" || quote == "\"" else { return nil }
        index += 1
        var text = ""
        while let c = peek, c != quote {
            if c == "\\", index + 1 < chars.count { index += 1 }
            text.append(chars[index])
            index += 1
        }
        guard take(quote) else { throw error("unclosed quote") }
        return text
    }

    /// `(@.a.b == 'x')`, `@.a == 1` or `(@.a == 1 && @.b == 'y')` after `[?`.
    mutating func filter() throws(JSONPathSyntaxError) -> SelectorPath.Step {
        skipSpaces()
        let parenthesised = take("(")
        var conditions: [SelectorPath.Condition] = []
        repeat {
            conditions.append(try condition())
            skipSpaces()
        } while take("&") && take("&")
        if parenthesised { guard take(")") else { throw error("expected ')' to close the filter") } }
        skipSpaces()
        return .filter(conditions)
    }

    /// `@.a.b == 'x'`.
    mutating func condition() throws(JSONPathSyntaxError) -> SelectorPath.Condition {
        skipSpaces()
        guard take("@") else { throw error("a filter compares a member of each element: [?(@.key == 'value')]") }
        var segments: [JSONPath.Segment] = []
        while true {
            if take(".") {
                let name = self.name(stoppingAt: [" ", "=", ")", "]"])
                guard !name.isEmpty else { throw error("empty name after '.'") }
                segments.append(.key(name))
            } else if take("[") {
                if let key = try quoted() { segments.append(.key(key)) } else {
                    let body = until("]")
                    guard let position = Int(body) else { throw error("expected an index or a quoted name, found '\(body)'") }
                    segments.append(.index(position))
                }
                guard take("]") else { throw error("expected ']'") }
            } else {
                break
            }
        }
        skipSpaces()
        guard take("="), take("=") else { throw error("filters compare with '==': [?(@.key == 'value')]") }
        skipSpaces()
        let value: JSONValue
        if let text = try quoted() {
            value = .string(text)
        } else {
            let start = index
            while let c = peek, c != " ", c != ")", c != "]", c != "&" { index += 1 }
            let literal = String(chars[start..<index])
            guard let parsed = try? JSONValue.parse(literal), parsed.arrayValue == nil, parsed.objectValue == nil else {
                throw error("a filter compares with a quoted string, a number, true, false or null; found '\(literal)'")
            }
            value = parsed
        }
        return SelectorPath.Condition(path: JSONPath(segments), value: value)
    }
}

import Foundation
