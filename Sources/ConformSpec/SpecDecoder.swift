import ConformShape

/// Builds a `SpecFile` from its YAML tree, reporting every problem to a sink.
struct SpecDecoder {
    let sink: DiagnosticSink
    /// The path shown in messages.
    let displayPath: String
    /// The absolute path, against which shape `$ref`s resolve.
    let absolutePath: String

    static let topLevelKeys = ["spec", "name", "endpoint", "description", "tags", "stability", "unknown", "group", "cookies", "vars", "cases", "teardown"]
    static let caseKeys = ["name", "tags", "stability", "request", "expect", "capture", "retry"]
    static let teardownKeys = ["name", "request", "expect", "capture", "retry"]
    static let supportedFormatVersions: Set<Int64> = [1]

    func decode(_ root: SourceNode) -> SpecFile? {
        guard let top = MappingReader(root, context: "the spec", allowed: Self.topLevelKeys, sink: sink) else { return nil }
        if let versionNode = top.required("spec") {
            if case .scalar(let s) = versionNode, case .integer(let version) = s.jsonValue {
                if !Self.supportedFormatVersions.contains(version) {
                    sink.add(Diagnostic(.invalidValue, "unsupported spec format version \(version); this Conform reads `spec: 1`",
                                        at: versionNode.location))
                }
            } else {
                sink.add(Diagnostic(.wrongType(expected: "an integer", actual: versionNode.kindDescription),
                                    "`spec` is the format version and must be the integer 1", at: versionNode.location))
            }
        }
        let name = top.nonEmptyString("name", required: true)
        let endpoint = decodeEndpoint(top)
        let description = top.optional("description").flatMap { top.string($0, "description") }
        let tags = top.optional("tags").map { top.stringList($0, "tags") } ?? []
        let stability = top.choice("stability", as: Stability.self) ?? .stable
        let unknown = top.choice("unknown", as: UnknownFieldPolicy.self) ?? .allow
        let group = top.optional("group").flatMap { top.string($0, "group") }
        let cookies = top.optional("cookies").flatMap { top.bool($0, "cookies") }
        let variables = decodeVariables(top.optional("vars"))
        var cases: [SpecCase] = []
        if let casesNode = top.required("cases") {
            if case .sequence(let elements, _) = casesNode {
                if elements.isEmpty {
                    sink.add(Diagnostic(.invalidValue, "`cases` must have at least one case", at: casesNode.location))
                }
                var seenIDs: [String: SourceLocation] = [:]
                seenIDs.reserveCapacity(elements.count)
                cases.reserveCapacity(elements.count)
                for (index, element) in elements.enumerated() {
                    guard let specCase = decodeCase(element, index: index) else { continue }
                    if let first = seenIDs[specCase.id] {
                        sink.add(Diagnostic(.duplicateName(specCase.name),
                                            "two cases are named \"\(specCase.name)\" (the first at line \(first.line)); case names must be unique in a file",
                                            at: specCase.location))
                    }
                    seenIDs[specCase.id] = specCase.location
                    cases.append(specCase)
                }
            } else {
                sink.add(Diagnostic(.wrongType(expected: "a list", actual: casesNode.kindDescription),
                                    "`cases` must be a list of cases", at: casesNode.location))
            }
        }
        var teardown: [SpecStep] = []
        if let teardownNode = top.optional("teardown") {
            if case .sequence(let elements, _) = teardownNode {
                for (index, element) in elements.enumerated() {
                    if let step = decodeStep(element, context: "teardown[\(index)]", allowed: Self.teardownKeys) {
                        teardown.append(step)
                    }
                }
            } else {
                sink.add(Diagnostic(.wrongType(expected: "a list", actual: teardownNode.kindDescription),
                                    "`teardown` must be a list of steps", at: teardownNode.location))
            }
        }
        guard let name, let endpoint else { return nil }
        return SpecFile(path: displayPath, name: name, endpoint: endpoint, description: description, tags: tags,
                        stability: stability, unknownFields: unknown, group: group, cookies: cookies, variables: variables, cases: cases,
                        teardown: teardown, location: root.location)
    }

    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    func decodeEndpoint(_ top: MappingReader) -> Endpoint? {
        guard let node = top.required("endpoint"), let text = top.string(node, "endpoint") else { return nil }
        // In ASCII every byte is a Character: the split by bytes, ~10,000 instructions cheaper
        // than by Characters (a combining mark after a space makes one Character with it).
        let parts = text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
            : text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, Self.methods.contains(String(parts[0])), parts[1].hasPrefix("/") else {
            sink.add(Diagnostic(.invalidValue, "`endpoint` must be a method and a path, e.g. `GET /objects/{model}.json`, found \"\(text)\"",
                                at: node.location))
            return nil
        }
        return Endpoint(method: String(parts[0]), path: String(parts[1]))
    }

    func decodeVariables(_ node: SourceNode?) -> [VariableDefinition] {
        guard let node else { return [] }
        guard case .mapping(let entries, _) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "`vars` must be a mapping of names to values", at: node.location))
            return []
        }
        var result: [VariableDefinition] = []
        for entry in entries {
            guard Self.isVariableName(entry.key) else {
                sink.add(Diagnostic(.invalidValue, "`\(entry.key)` is not a variable name (letters, digits and `_`, not starting with a digit)",
                                    at: entry.keyLocation))
                continue
            }
            do {
                result.append(VariableDefinition(name: entry.key, value: try JSONTemplate(node: entry.value), location: entry.keyLocation))
            } catch { sink.add(error) }
        }
        return result
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    func decodeCase(_ node: SourceNode, index: Int) -> SpecCase? {
        let context = "cases[\(index)]"
        guard let reader = MappingReader(node, context: context, allowed: Self.caseKeys, sink: sink) else { return nil }
        let name = reader.nonEmptyString("name", required: true)
        let tags = reader.optional("tags").map { reader.stringList($0, "\(context).tags") } ?? []
        let stability = reader.choice("stability", as: Stability.self)
        guard let step = decodeStep(reader: reader, context: context), let name else { return nil }
        return SpecCase(name: name, id: Self.identifier(for: name), tags: tags, stability: stability, step: step,
                        location: node.location)
    }

    func decodeStep(_ node: SourceNode, context: String, allowed: [String]) -> SpecStep? {
        guard let reader = MappingReader(node, context: context, allowed: allowed, sink: sink) else { return nil }
        return decodeStep(reader: reader, context: context)
    }

    func decodeStep(reader: MappingReader, context: String) -> SpecStep? {
        let name = reader.optional("name").flatMap { reader.string($0, "\(context).name") }
        let request = reader.required("request").flatMap { decodeRequest($0, context: "\(context).request") }
        let expect = reader.optional("expect").map { decodeExpectation($0, context: "\(context).expect") } ?? Expectation()
        let captures = reader.optional("capture").map { decodeCaptures($0, context: "\(context).capture") } ?? []
        let poll = reader.optional("retry").flatMap { decodePoll($0, context: "\(context).retry") }
        guard let request else { return nil }
        return SpecStep(name: name, request: request, expect: expect, captures: captures, poll: poll, location: reader.location)
    }

    func decodeCaptures(_ node: SourceNode, context: String) -> [Capture] {
        guard case .mapping(let entries, _) = node else {
            sink.add(Diagnostic(.wrongType(expected: "a mapping", actual: node.kindDescription),
                                "`\(context)` must map variable names to a JSON path or `{ header: Name }`", at: node.location))
            return []
        }
        var captures: [Capture] = []
        for entry in entries {
            guard Self.isVariableName(entry.key) else {
                sink.add(Diagnostic(.invalidValue, "`\(entry.key)` is not a variable name", at: entry.keyLocation))
                continue
            }
            switch entry.value {
            case .scalar(let s):
                if let path = jsonPath(s.text, at: s.location) {
                    captures.append(Capture(variable: entry.key, source: .json(path), location: entry.keyLocation))
                }
            case .mapping:
                guard let reader = MappingReader(entry.value, context: "\(context).\(entry.key)", allowed: ["header", "json"], sink: sink)
                else { continue }
                if let header = reader.optional("header").flatMap({ reader.string($0, "header") }) {
                    captures.append(Capture(variable: entry.key, source: .header(header), location: entry.keyLocation))
                } else if let jsonNode = reader.optional("json"), case .scalar(let s) = jsonNode,
                    let path = jsonPath(s.text, at: s.location)
                {
                    captures.append(Capture(variable: entry.key, source: .json(path), location: entry.keyLocation))
                } else if !reader.has("header") && !reader.has("json") {
                    sink.add(Diagnostic(.missingKey("header"), "capture `\(entry.key)` needs a JSON path or `{ header: Name }`",
                                        at: entry.keyLocation))
                }
            case .sequence:
                sink.add(Diagnostic(.wrongType(expected: "a JSON path", actual: "a list"),
                                    "capture `\(entry.key)` needs a JSON path or `{ header: Name }`", at: entry.value.location))
            }
        }
        return captures
    }

    func jsonPath(_ text: String, at location: SourceLocation) -> SelectorPath? {
        do { return try SelectorPath(parsing: text) } catch {
            sink.add(Diagnostic(.invalidValue, "invalid JSON path \"\(text)\": \(error.message)",
                                at: SourceLocation(file: location.file, line: location.line, column: location.column + error.offset)))
            return nil
        }
    }

    /// A stable, readable identifier from a case name: lowercase words joined by `-`.
    static func identifier(for name: String) -> String {
        var name = name
        return name.withUTF8(identifierOfASCII) ?? identifierByScalars(name)
    }

    /// ``identifier(for:)`` of ASCII (nearly every case name), `nil` for anything else: the
    /// same words by bytes, without Unicode case mapping and scalar-by-scalar appends (~5,000
    /// instructions a case), written straight into the string (a dash stands for at least one
    /// byte that is not a letter or digit, so the identifier is never longer than the name).
    static func identifierOfASCII(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in name where byte >= 0x80 { return nil }
        let identifier = String(unsafeUninitializedCapacity: name.count) { out in
            var count = 0
            var pendingDash = false
            for byte in name {
                let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower) {
                    if pendingDash && count > 0 { out[count] = UInt8(ascii: "-"); count += 1 }
                    out[count] = lower
                    count += 1
                    pendingDash = false
                } else {
                    pendingDash = true
                }
            }
            return count
        }
        return identifier.isEmpty ? "case" : identifier
    }

    static func identifierByScalars(_ name: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            // ASCII answered without the Unicode property tables (~100 instructions a scalar).
            let isLetterOrDigit = scalar.isASCII
                ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                : scalar.properties.isAlphabetic
            if isLetterOrDigit {
                if pendingDash && !result.isEmpty { result += "-" }
                result.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "case" : result
    }
}
