import ConformShape

/// Collects every problem found while reading a file, so one run reports them all.
public final class DiagnosticSink: @unchecked Sendable {
    // Only used from one task at a time (one per file being read).
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}
    public func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public var isEmpty: Bool { diagnostics.isEmpty }
}

/// Reads one YAML mapping against the keys it may have: an unknown key is reported with a
/// "did you mean" suggestion, a missing required key at the mapping's position.
struct MappingReader {
    let entries: [SourceNode.Entry]
    let location: SourceLocation
    let context: String
    let sink: DiagnosticSink

    /// `nil` (after reporting) when `node` is not a mapping.
    init?(_ node: SourceNode, context: String, allowed: [String], sink: DiagnosticSink) {
        guard case .mapping(let entries, let location) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "\(context) must be a mapping, found \(node.kindDescription)", at: node.location))
            return nil
        }
        self.entries = entries
        self.location = location
        self.context = context
        self.sink = sink
        // By index: the loop reads each key in place rather than copying every entry.
        for index in entries.indices where !allowed.contains(entries[index].key) {
            let entry = entries[index]
            let suggestion = Suggestion.closest(to: entry.key, in: allowed)
            let hint = suggestion.map { ", did you mean `\($0)`?" } ?? " (allowed: \(allowed.joined(separator: ", ")))"
            let qualified = context == "the spec" ? entry.key : "\(context).\(entry.key)"
            sink.add(Diagnostic(.unknownKey(key: entry.key, suggestion: suggestion),
                                "unknown key `\(qualified)`\(hint)", at: entry.keyLocation))
        }
    }

    func entry(_ key: String) -> SourceNode.Entry? {
        // By index, comparing keys in place: only the entry found is copied.
        for index in entries.indices where entries[index].key == key { return entries[index] }
        return nil
    }
    func optional(_ key: String) -> SourceNode? { entry(key)?.value }
    func has(_ key: String) -> Bool { entry(key) != nil }

    func required(_ key: String) -> SourceNode? {
        if let node = optional(key) { return node }
        sink.add(Diagnostic(.missingKey(key), "\(context) is missing the required key `\(key)`", at: location))
        return nil
    }

    // MARK: Typed values

    // `what` (the key path a message names, e.g. `cases[2].request.path`) is an autoclosure:
    // it is only built for a message, not for every value read.

    func string(_ node: SourceNode, _ what: @autoclosure () -> String) -> String? {
        if case .scalar(let s) = node, case .string(let text) = s.jsonValue { return text }
        if case .scalar(let s) = node, s.isPlain, !s.text.isEmpty, case .integer = s.jsonValue { return s.text }
        sink.add(Diagnostic(.wrongType(expected: "a string", actual: node.kindDescription),
                            "`\(what())` must be a string, found \(node.kindDescription)", at: node.location))
        return nil
    }

    func nonEmptyString(_ key: String, required: Bool) -> String? {
        guard let node = required ? self.required(key) : optional(key) else { return nil }
        guard let text = string(node, "\(context).\(key)") else { return nil }
        if text.isEmpty {
            sink.add(Diagnostic(.invalidValue, "`\(key)` must not be empty", at: node.location))
            return nil
        }
        return text
    }

    func number(_ node: SourceNode, _ what: @autoclosure () -> String) -> Double? {
        if case .scalar(let s) = node, let value = s.jsonValue.numberValue { return value }
        sink.add(Diagnostic(.wrongType(expected: "a number", actual: node.kindDescription),
                            "`\(what())` must be a number, found \(node.kindDescription)", at: node.location))
        return nil
    }

    func bool(_ node: SourceNode, _ what: @autoclosure () -> String) -> Bool? {
        if case .scalar(let s) = node, case .bool(let value) = s.jsonValue { return value }
        sink.add(Diagnostic(.wrongType(expected: "true or false", actual: node.kindDescription),
                            "`\(what())` must be true or false, found \(node.kindDescription)", at: node.location))
        return nil
    }

    /// A list of strings; a single string is accepted as a list of one.
    func stringList(_ node: SourceNode, _ what: @autoclosure () -> String) -> [String] {
        switch node {
        case .sequence(let elements, _): return elements.compactMap { string($0, what()) }
        case .scalar: return string(node, what()).map { [$0] } ?? []
        case .mapping:
            sink.add(Diagnostic(.wrongType(expected: "a list of strings", actual: "a mapping"),
                                "`\(what())` must be a list of strings", at: node.location))
            return []
        }
    }

    /// One of a fixed set of words, with a suggestion when it is close to one.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) -> T? where T.RawValue == String {
        guard let node = optional(key), let text = string(node, "\(context).\(key)") else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        let hint = Suggestion.closest(to: text, in: options).map { ", did you mean `\($0)`?" } ?? ""
        sink.add(Diagnostic(.invalidValue, "`\(key)` must be one of \(options.joined(separator: ", ")), found `\(text)`\(hint)",
                            at: node.location))
        return nil
    }

    func template(_ node: SourceNode, _ what: @autoclosure () -> String) -> Template? {
        guard case .scalar(let s) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a string", actual: node.kindDescription),
                                "`\(what())` must be a string, found \(node.kindDescription)", at: node.location))
            return nil
        }
        // Numbers and booleans in query parameters and headers are sent as written.
        do { return try Template(parsing: s.text, at: s.contentLocation) } catch { sink.add(error); return nil }
    }

    func jsonTemplate(_ node: SourceNode) -> JSONTemplate? {
        do { return try JSONTemplate(node: node) } catch { sink.add(error); return nil }
    }

    /// A mapping of names to string templates (headers, query parameters); names may hold
    /// placeholders too (`"query[${text_field}]": x`).
    func templateMap(_ key: String) -> [(name: Template, value: Template)] {
        guard let node = optional(key) else { return [] }
        guard case .mapping(let entries, _) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "`\(context).\(key)` must be a mapping of names to values", at: node.location))
            return []
        }
        var result: [(name: Template, value: Template)] = []
        for entry in entries {
            let name: Template
            do { name = try Template(key: entry.key, at: entry.keyLocation) } catch { sink.add(error); continue }
            switch entry.value {
            case .sequence(let elements, _):
                // A repeated query parameter: `ids: [a, b]` sends `ids=a&ids=b`.
                for element in elements {
                    if let t = template(element, "\(context).\(key).\(entry.key)") { result.append((name, t)) }
                }
            default:
                if let t = template(entry.value, "\(context).\(key).\(entry.key)") { result.append((name, t)) }
            }
        }
        return result
    }
}
