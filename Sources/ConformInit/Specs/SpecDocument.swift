/// One generated spec file (docs/spec-format.md), built up by the spec builders and written
/// with ``YAMLEmitter`` in the key order of the shipped suite.
struct SpecDocument: Sendable {
    var name: String
    var endpoint: String
    var description: String
    var tags: [String]
    var stability: String? = nil
    /// `vars`, in order.
    var variables: [(String, YAMLNode)] = []
    var cases: [SpecCase] = []
    var teardown: [SpecStep] = []

    /// The file text: `header` comment lines, then the spec.
    func text(header: [String]) -> String {
        var top: [YAMLEntry] = [
            YAMLEntry("spec", .integer(1)),
            YAMLEntry("name", .string(name)),
            YAMLEntry("endpoint", .string(endpoint)),
            YAMLEntry("description", .string(description)),
            YAMLEntry("tags", .strings(tags)),
        ]
        if let stability { top.append(YAMLEntry("stability", .string(stability))) }
        if !variables.isEmpty { top.append(YAMLEntry("vars", .map(variables, style: .block))) }
        let caseItems = cases.enumerated().map { index, item in
            YAMLItem(item.node, comment: item.comment, blankLineBefore: index > 0)
        }
        top.append(YAMLEntry("cases", .sequence(caseItems, style: .block)))
        if !teardown.isEmpty {
            let steps = teardown.map { YAMLItem($0.node, comment: $0.comment) }
            top.append(YAMLEntry("teardown", .sequence(steps, style: .block), comment: teardownComment, blankLineBefore: true))
        }
        return YAMLEmitter().document(.mapping(top, style: .block), header: header)
    }

    /// Why teardown is ordered as it is.
    var teardownComment: [String] {
        ["Deletes everything the cases created: objects first, then the objects they link to."]
    }
}

/// One case: `name`, `request`, `expect`, `capture`.
struct SpecCase: Sendable {
    var name: String
    var request: SpecRequest
    var expect: SpecExpectation?
    /// `capture` entries: variable → JSON path.
    var capture: [(String, String)] = []
    /// Comment lines above the case.
    var comment: [String] = []

    var node: YAMLNode {
        var entries: [(String, YAMLNode)] = [("name", .string(name)), ("request", request.node)]
        if let expect { entries.append(("expect", expect.node)) }
        if !capture.isEmpty { entries.append(("capture", .map(capture.map { ($0.0, .string($0.1)) }))) }
        return .map(entries, style: .block)
    }
}

/// A teardown step: `request` and `expect`.
struct SpecStep: Sendable {
    var request: SpecRequest
    var expect: SpecExpectation?
    var comment: [String] = []

    var node: YAMLNode {
        var entries: [(String, YAMLNode)] = [("request", request.node)]
        if let expect { entries.append(("expect", expect.node)) }
        return .map(entries, style: .block)
    }
}

/// `method`, `path`, `query`, then `json` or `form`.
struct SpecRequest: Sendable {
    var method: String
    var path: String
    var query: [(String, YAMLNode)] = []
    var json: YAMLNode? = nil
    var form: YAMLNode? = nil

    var node: YAMLNode {
        var entries: [(String, YAMLNode)] = [("method", .string(method)), ("path", .string(path))]
        if !query.isEmpty { entries.append(("query", .map(query))) }
        if let json { entries.append(("json", json)) }
        if let form { entries.append(("form", form)) }
        return .map(entries)
    }
}

/// `status`, `shape`, `values`, `body`.
struct SpecExpectation: Sendable {
    var status: YAMLNode = .integer(200)
    var shape: YAMLNode? = nil
    var values: [(String, YAMLNode)] = []
    /// `body: empty`.
    var emptyBody = false

    var node: YAMLNode {
        var entries: [(String, YAMLNode)] = [("status", status)]
        if let shape { entries.append(("shape", shape)) }
        if !values.isEmpty { entries.append(("values", .map(values))) }
        if emptyBody { entries.append(("body", .string("empty"))) }
        return .map(entries)
    }

    /// `{ $ref: <path> }`.
    static func ref(_ path: String) -> YAMLNode { .map([("$ref", .string(path))]) }
}
