import ConformShape

extension SpecDecoder {
    static let expectKeys = ["status", "headers", "shape", "values", "body", "time"]

    func decodeExpectation(_ node: SourceNode, context: String) -> Expectation {
        var expectation = Expectation()
        guard let reader = MappingReader(node, context: context, allowed: Self.expectKeys, sink: sink) else { return expectation }
        if let statusNode = reader.optional("status") { expectation.status = decodeStatus(statusNode) }
        if let headersNode = reader.optional("headers") { expectation.headers = decodeHeaderExpectations(headersNode, context: "\(context).headers") }
        if let entry = reader.entry("shape") {
            let shapeNode = entry.value
            var map = SourceMap(file: displayPath)
            let pointer = pointerFor(shapeNode)
            let schema = shapeNode.jsonValue(pointer: pointer, map: &map)
            map.record(pointer, entry.keyLocation)
            expectation.shape = ShapeSource(schema: schema, sourceMap: map, documentPath: absolutePath, pointer: pointer,
                                            location: entry.keyLocation)
        }
        if let valuesNode = reader.optional("values") { expectation.values = decodeValues(valuesNode, context: "\(context).values") }
        if let bodyNode = reader.optional("body") { expectation.body = decodeBodyExpectation(bodyNode, context: "\(context).body") }
        if let timeNode = reader.optional("time") { expectation.time = decodeTime(timeNode, context: "\(context).time") }
        return expectation
    }

    /// A pointer unique to this node inside the file, built from its position. Shape
    /// compile errors come back with pointers under it, and the source map turns them into
    /// lines; it only has to be unique and stable, not a real path from the root.
    func pointerFor(_ node: SourceNode) -> String {
        "/@\(node.location.line):\(node.location.column)"
    }

    func decodeStatus(_ node: SourceNode) -> StatusExpectation? {
        func pattern(_ element: SourceNode) -> StatusExpectation.Pattern? {
            guard case .scalar(let s) = element else {
                sink.add(Diagnostic(.wrongType(expected: "a status", actual: element.kindDescription),
                                    "`status` is a code (200), a list ([200, 201]) or a class (2xx)", at: element.location))
                return nil
            }
            // A plain three-digit code from 100 to 599 is that integer, without the JSON parser
            // `jsonValue` reads numbers with (~1,000 instructions a status).
            if s.isPlain, let code = Self.plainStatusCode(s.text) { return .exact(code) }
            if case .integer(let code) = s.jsonValue, (100...599).contains(code) { return .exact(Int(code)) }
            let text = s.text.lowercased()
            if text.count == 3, text.hasSuffix("xx"), let digit = Int(String(text.prefix(1))), (1...5).contains(digit) {
                return .classOf(digit)
            }
            sink.add(Diagnostic(.invalidValue, "`\(s.text)` is not an HTTP status: use a code from 100 to 599 or a class like `2xx`",
                                at: s.location))
            return nil
        }
        switch node {
        case .sequence(let elements, let location):
            let patterns = elements.compactMap(pattern)
            guard patterns.count == elements.count else { return nil }
            guard !patterns.isEmpty else {
                sink.add(Diagnostic(.invalidValue, "`status` list must not be empty", at: location))
                return nil
            }
            return StatusExpectation(patterns: patterns, location: location)
        default:
            return pattern(node).map { StatusExpectation(patterns: [$0], location: node.location) }
        }
    }

    /// `100` to `599` written as three ASCII digits, as a plain scalar's `jsonValue` reads them.
    static func plainStatusCode(_ text: String) -> Int? {
        var code = 0, count = 0
        for byte in text.utf8 {
            guard count < 3, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
        }
        return count == 3 && (100...599).contains(code) ? code : nil
    }

    func decodeHeaderExpectations(_ node: SourceNode, context: String) -> [HeaderExpectation] {
        guard case .mapping(let entries, _) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "`\(context)` must map header names to expected values", at: node.location))
            return []
        }
        var result: [HeaderExpectation] = []
        for entry in entries {
            let where_ = "\(context).\(entry.key)"
            switch entry.value {
            case .scalar(let s):
                do {
                    result.append(HeaderExpectation(name: entry.key, rule: .equals(try Template(parsing: s.text, at: s.contentLocation)),
                                                    location: entry.keyLocation))
                } catch { sink.add(error) }
            case .mapping:
                guard let reader = MappingReader(entry.value, context: where_, allowed: ["equals", "contains", "matches", "present"], sink: sink)
                else { continue }
                guard reader.entries.count == 1, let rule = reader.entries.first else {
                    sink.add(Diagnostic(.invalidValue, "`\(where_)` takes one of `equals`, `contains`, `matches`, `present`",
                                        at: entry.value.location))
                    continue
                }
                switch rule.key {
                case "equals": if let t = reader.template(rule.value, where_) { result.append(.init(name: entry.key, rule: .equals(t), location: entry.keyLocation)) }
                case "contains": if let t = reader.template(rule.value, where_) { result.append(.init(name: entry.key, rule: .contains(t), location: entry.keyLocation)) }
                case "matches":
                    if let pattern = reader.string(rule.value, where_) {
                        // The same ECMA-262 engine as schema `pattern`, so a header reads one dialect.
                        do {
                            _ = try CompiledPattern.shared(pattern)
                            result.append(.init(name: entry.key, rule: .matches(pattern), location: entry.keyLocation))
                        } catch {
                            sink.add(Diagnostic(.invalidValue, "`\(pattern)` is not a valid regular expression: \(error.message)",
                                                at: rule.value.location))
                        }
                    }
                case "present": if let b = reader.bool(rule.value, where_) { result.append(.init(name: entry.key, rule: .present(b), location: entry.keyLocation)) }
                default: break
                }
            case .sequence:
                sink.add(Diagnostic(.wrongType(expected: "a string or a rule", actual: "a list"),
                                    "`\(where_)` must be a value or one of `equals`, `contains`, `matches`, `present`", at: entry.value.location))
            }
        }
        return result
    }

    func decodeValues(_ node: SourceNode, context: String) -> [ValueExpectation] {
        guard case .mapping(let entries, _) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "`\(context)` must map JSON paths to expected values, e.g. `$.status.key: 1`", at: node.location))
            return []
        }
        var result: [ValueExpectation] = []
        for entry in entries {
            let path: ValueExpectation.Path
            if JSONTemplate.hasPlaceholderStart(entry.key) {
                do { path = .templated(try Template(parsing: entry.key, at: entry.keyLocation)) } catch { sink.add(error); continue }
            } else {
                guard let fixed = jsonPath(entry.key, at: entry.keyLocation) else { continue }
                path = .fixed(fixed)
            }
            do {
                result.append(ValueExpectation(path: path, expected: try JSONTemplate(node: entry.value), location: entry.keyLocation))
            } catch { sink.add(error) }
        }
        return result
    }

    func decodeBodyExpectation(_ node: SourceNode, context: String) -> BodyExpectation? {
        if case .scalar(let s) = node, s.text == "empty" { return .empty(node.location) }
        guard let reader = MappingReader(node, context: context, allowed: ["empty", "json", "contains"], sink: sink) else { return nil }
        guard reader.entries.count == 1, let rule = reader.entries.first else {
            sink.add(Diagnostic(.invalidValue, "`\(context)` is `empty`, `{ json: ... }` or `{ contains: ... }`", at: node.location))
            return nil
        }
        switch rule.key {
        case "empty":
            guard let flag = reader.bool(rule.value, "\(context).empty") else { return nil }
            if !flag { sink.add(Diagnostic(.invalidValue, "`empty: false` checks nothing; leave it out", at: rule.value.location)) }
            return flag ? .empty(node.location) : nil
        case "json": return reader.jsonTemplate(rule.value).map { .json($0, node.location) }
        case "contains": return reader.template(rule.value, "\(context).contains").map { .contains($0, node.location) }
        default: return nil
        }
    }
}
