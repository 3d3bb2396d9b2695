public import ConformShape

/// A string with `${...}` placeholders, parsed once when the spec loads.
///
/// Placeholders name a variable (`${task_id}`), an environment variable (`${env.HOME}`),
/// a fact about the target (`${target.origin}`), or call a built-in function (`${uuid()}`).
/// `$${` writes a literal `${`.
public struct Template: Sendable, Hashable, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case reference(Reference)
    }

    public enum Reference: Sendable, Hashable, CustomStringConvertible {
        /// A spec, target, command-line or captured variable.
        case variable(String)
        /// `env.NAME`: read from the process environment.
        case environment(String)
        /// `target.NAME`: `base_url`, `origin`, `path` or `deployment_id`.
        case target(String)
        /// `name()`: a built-in function, evaluated each time it is used.
        case function(String)

        public var description: String {
            switch self {
            case .variable(let n): n
            case .environment(let n): "env.\(n)"
            case .target(let n): "target.\(n)"
            case .function(let n): "\(n)()"
            }
        }
    }

    public let parts: [Part]
    public let source: String
    public let location: SourceLocation
    /// Character offset of each placeholder in `source`, to point at it in messages.
    let referenceOffsets: [Int]
    /// Whether `source` spans lines (columns then no longer line up with offsets).
    let isMultiLine: Bool

    public var description: String { source }

    /// The references in order, e.g. to check them all before anything is sent.
    public var references: [Reference] {
        parts.compactMap { if case .reference(let r) = $0 { r } else { nil } }
    }

    /// True when the whole string is one placeholder: its value then keeps its JSON type
    /// (a captured integer stays an integer inside a JSON body).
    public var isSingleReference: Bool {
        parts.count == 1 && { if case .reference = parts[0] { true } else { false } }()
    }

    public var isLiteral: Bool { references.isEmpty }

    public static let targetFacts = ["base_url", "origin", "path", "deployment_id"]
    public static let functions = ["uuid", "now", "today", "timestamp", "random_suffix"]

    /// A template that is just this text, `${` and all.
    /// A mapping key: a template when it holds `${`, else the literal text.
    public init(key text: String, at location: SourceLocation) throws(Diagnostic) {
        if JSONTemplate.hasPlaceholderStart(text) {
            try self.init(parsing: text, at: location)
        } else {
            self.init(literal: text, at: location)
        }
    }

    public init(literal text: String, at location: SourceLocation) {
        source = text
        self.location = location
        parts = [.literal(text)]
        referenceOffsets = []
        isMultiLine = false
    }

    public init(parsing text: String, at location: SourceLocation) throws(Diagnostic) {
        self.source = text
        self.location = location
        // One look at the bytes decides the way: whether the text spans lines (decided once:
        // measuring per placeholder made 20,000 placeholders in one string take 23 s), whether
        // it has a `$` at all, and whether the byte scan may be used.
        var bytes = text
        let survey = bytes.withUTF8(Survey.init)
        self.isMultiLine = survey.hasNewline
        guard survey.hasDollar else {
            // No `$`, no placeholder: the whole text is one literal, as either scan finds.
            self.parts = [.literal(text)]
            self.referenceOffsets = []
            return
        }
        // In ASCII text without `\r` every byte is one Character, so the byte scan finds the
        // same parts at the same offsets as the Character scan, at a fraction of the cost
        // (~16,000 instructions a request path by Characters; every template of every spec
        // is parsed when the spec loads). `\r\n` is one Character, hence the exception.
        let scanned = survey.isByteScannable
            ? try bytes.withUTF8 { buffer in
                Result { () throws(Diagnostic) in
                    try Self.scanBytes(buffer, of: text, at: location, multiLine: survey.hasNewline, placeholders: survey.placeholderStarts)
                }
            }.get()
            : try Self.scanCharacters(text, at: location, multiLine: survey.hasNewline)
        self.parts = scanned.parts
        self.referenceOffsets = scanned.offsets
    }

    /// What one pass over a template's UTF-8 bytes tells.
    struct Survey {
        var hasNewline = false
        var hasDollar = false
        /// ASCII without `\r`.
        var isByteScannable = true
        /// How many `${` there are (an upper bound on placeholders).
        var placeholderStarts = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var previousWasDollar = false
            for byte in bytes {
                if byte >= 0x80 || byte == UInt8(ascii: "\r") { isByteScannable = false }
                if byte == UInt8(ascii: "\n") { hasNewline = true }
                if previousWasDollar && byte == UInt8(ascii: "{") { placeholderStarts += 1 }
                previousWasDollar = byte == UInt8(ascii: "$")
                if previousWasDollar { hasDollar = true }
            }
        }
    }

    /// The parts and the character offset of each placeholder, scanning Characters.
    static func scanCharacters(_ text: String, at location: SourceLocation, multiLine isMultiLine: Bool)
        throws(Diagnostic) -> (parts: [Part], offsets: [Int])
    {
        var parts: [Part] = []
        var offsets: [Int] = []
        var literal = ""
        var index = text.startIndex
        // The character offset of `index`, kept as the scan moves.
        var offset = 0
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("$${") {
                literal += "${"
                index = text.index(index, offsetBy: 3)
                offset += 3
            } else if rest.hasPrefix("${") {
                guard let close = rest.firstIndex(of: "}") else {
                    throw Diagnostic(.invalidValue, "unclosed `${` in \"\(text)\"", at: location)
                }
                let body = String(text[text.index(index, offsetBy: 2)..<close])
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                let here = Self.location(location, offsetBy: offset, multiLine: isMultiLine)
                parts.append(.reference(try Self.reference(body, in: text, at: here)))
                offsets.append(offset)
                offset += text[index...close].count
                index = text.index(after: close)
            } else {
                // Copy the run up to the next `$` (a lone `$` is literal) in one step.
                let next = text[text.index(after: index)...].firstIndex(of: "$") ?? text.endIndex
                literal += text[index..<next]
                offset += text[index..<next].count
                index = next
            }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        return (parts, offsets)
    }

    /// ``scanCharacters(_:at:multiLine:)`` for ASCII text without `\r`, byte by byte: the
    /// same steps, where a byte's position is its character offset. `bytes` are `text`'s.
    static func scanBytes(_ bytes: UnsafeBufferPointer<UInt8>, of text: String, at location: SourceLocation, multiLine isMultiLine: Bool,
                          placeholders: Int) throws(Diagnostic) -> (parts: [Part], offsets: [Int])
    {
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), closing = UInt8(ascii: "}")
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var parts: [Part] = []
        parts.reserveCapacity(2 * placeholders + 1)
        var offsets: [Int] = []
        offsets.reserveCapacity(placeholders)
        var literal = ""
        var index = 0
        while index < bytes.count {
            if bytes[index] == dollar, index + 2 < bytes.count, bytes[index + 1] == dollar, bytes[index + 2] == open {
                literal += "${"
                index += 3
            } else if bytes[index] == dollar, index + 1 < bytes.count, bytes[index + 1] == open {
                guard let close = bytes[(index + 2)...].firstIndex(of: closing) else {
                    throw Diagnostic(.invalidValue, "unclosed `${` in \"\(text)\"", at: location)
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                let here = Self.location(location, offsetBy: index, multiLine: isMultiLine)
                parts.append(.reference(try Self.reference(string(index + 2..<close), in: text, at: here)))
                offsets.append(index)
                index = close + 1
            } else {
                let next = bytes[(index + 1)...].firstIndex(of: dollar) ?? bytes.count
                if literal.isEmpty { literal = string(index..<next) } else { literal += string(index..<next) }
                index = next
            }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        return (parts, offsets)
    }

    /// The position of the `index`-th placeholder, when the text sits on one line.
    public func location(ofReference index: Int) -> SourceLocation {
        guard referenceOffsets.indices.contains(index) else { return location }
        return Self.location(location, offsetBy: referenceOffsets[index], multiLine: isMultiLine)
    }

    static func location(_ start: SourceLocation, offsetBy offset: Int, multiLine: Bool) -> SourceLocation {
        // Multi-line (block) text: columns no longer line up, so point at the start.
        guard !multiLine else { return start }
        return SourceLocation(file: start.file, line: start.line, column: start.column + offset)
    }

    static func reference(_ rawBody: String, in text: String, at location: SourceLocation) throws(Diagnostic) -> Reference {
        let body = rawBody.trimmingSpaces
        // By bytes: a name is ASCII, and no byte of a longer scalar is one of these.
        func isName(_ s: Substring) -> Bool {
            func isLetter(_ b: UInt8) -> Bool { b == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) }
            guard let first = s.utf8.first, isLetter(first) else { return false }
            return s.utf8.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        if body.hasSuffix("()") {
            let name = String(body.dropLast(2))
            guard functions.contains(name) else {
                let hint = Suggestion.closest(to: name, in: functions).map { "; did you mean `\($0)()`?" } ?? ""
                throw Diagnostic(.unknownVariable(name: name + "()", suggestion: nil),
                                 "unknown function `\(name)()` in \"\(text)\"\(hint) (functions: \(functions.map { $0 + "()" }.joined(separator: ", ")))",
                                 at: location)
            }
            return .function(name)
        }
        if body.hasPrefix("env.") {
            let name = body.dropFirst(4)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
                throw Diagnostic(.invalidValue, "`${\(body)}` is not a valid environment variable name", at: location)
            }
            return .environment(String(name))
        }
        if body.hasPrefix("target.") {
            let name = String(body.dropFirst(7))
            guard targetFacts.contains(name) else {
                let hint = Suggestion.closest(to: name, in: targetFacts).map { "; did you mean `target.\($0)`?" } ?? ""
                throw Diagnostic(.unknownVariable(name: body, suggestion: nil),
                                 "unknown target fact `\(body)`\(hint) (known: \(targetFacts.map { "target." + $0 }.joined(separator: ", ")))",
                                 at: location)
            }
            return .target(name)
        }
        guard isName(Substring(body)) else {
            throw Diagnostic(.invalidValue, "`${\(rawBody)}` is not a variable name (letters, digits and `_`)", at: location)
        }
        return .variable(body)
    }
}

/// A JSON value whose strings may hold placeholders (request bodies, expected values).
public indirect enum JSONTemplate: Sendable, Hashable {
    case value(JSONValue)
    case string(Template)
    case array([JSONTemplate])
    /// Keys may hold placeholders too (`"${model}": {...}`), so one body fits any model.
    case object([(key: Template, value: JSONTemplate)])

    public static func == (lhs: JSONTemplate, rhs: JSONTemplate) -> Bool {
        switch (lhs, rhs) {
        case let (.value(a), .value(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .value(let v): hasher.combine(v)
        case .string(let t): hasher.combine(t)
        case .array(let a): hasher.combine(a)
        case .object(let o): for (k, v) in o { hasher.combine(k); hasher.combine(v) }
        }
    }

    /// Every placeholder inside, in document order.
    public var templates: [Template] {
        switch self {
        case .value: []
        case .string(let t): [t]
        case .array(let a): a.flatMap(\.templates)
        case .object(let o): o.flatMap { ($0.key.isLiteral ? [] : [$0.key]) + $0.value.templates }
        }
    }

    /// Whether `text` contains `${`. Runs for every string of every spec file, so it scans the
    /// UTF-8 bytes rather than going through Foundation's locale-aware `contains`.
    static func hasPlaceholderStart(_ text: String) -> Bool {
        // `withUTF8` on a copy: a native string's own bytes (a bridged one is made native
        // first), one loop over a buffer without the view's iterator.
        var text = text
        return text.withUTF8 { bytes in
            var previousWasDollar = false
            for byte in bytes {
                if previousWasDollar && byte == UInt8(ascii: "{") { return true }
                previousWasDollar = byte == UInt8(ascii: "$")
            }
            return false
        }
    }

    /// Whether a key or a scalar anywhere in `node` holds `${` (a placeholder, or `$${`).
    static func holdsPlaceholderStart(_ node: SourceNode) -> Bool {
        switch node {
        case .scalar(let s): hasPlaceholderStart(s.text)
        case .sequence(let elements, _): elements.contains(where: holdsPlaceholderStart)
        case .mapping(let entries, _): entries.contains { hasPlaceholderStart($0.key) || holdsPlaceholderStart($0.value) }
        }
    }

    /// Builds a template from a YAML node: strings with `${` become templates.
    public init(node: SourceNode) throws(Diagnostic) {
        // Without `${` in any key or value the subtree is a plain value, read in one pass (a
        // template per key and value, then collapsed, cost ~37,000 instructions for a small
        // request body, and every body of every spec is read when it loads).
        guard Self.holdsPlaceholderStart(node) else {
            self = .value(node.jsonValue)
            return
        }
        switch node {
        case .scalar(let s):
            let value = s.jsonValue
            if case .string(let text) = value, Self.hasPlaceholderStart(text) {
                let template = try Template(parsing: text, at: s.contentLocation)
                self = template.isLiteral ? .value(.string(Self.unescaped(template))) : .string(template)
            } else {
                self = .value(value)
            }
        case .sequence(let elements, _):
            var items: [JSONTemplate] = []
            for element in elements { items.append(try JSONTemplate(node: element)) }
            self = Self.collapse(.array(items))
        case .mapping(let entries, _):
            var members: [(key: Template, value: JSONTemplate)] = []
            for entry in entries {
                let key = try Template(key: entry.key, at: entry.keyLocation)
                members.append((key, try JSONTemplate(node: entry.value)))
            }
            self = Self.collapse(.object(members))
        }
    }

    static func unescaped(_ template: Template) -> String {
        template.parts.map { if case .literal(let l) = $0 { l } else { "" } }.joined()
    }

    /// A subtree without placeholders becomes a plain value, so it is not rebuilt per request.
    static func collapse(_ template: JSONTemplate) -> JSONTemplate {
        switch template {
        case .array(let items):
            var values: [JSONValue] = []
            for item in items { guard case .value(let v) = item else { return template }; values.append(v) }
            return .value(.array(values))
        case .object(let members):
            var object = JSONObject()
            for member in members {
                guard case .value(let v) = member.value, member.key.isLiteral else { return template }
                object[Self.unescaped(member.key)] = v
            }
            return .value(.object(object))
        default:
            return template
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // Neither end a space byte: neither end a space Character, nothing to trim.
        if let first = utf8.first, let last = utf8.last, first != UInt8(ascii: " "), last != UInt8(ascii: " ") { return self }
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
