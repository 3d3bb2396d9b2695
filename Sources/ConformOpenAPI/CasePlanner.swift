import ConformInit
import ConformShape

/// The cases of one path's spec file: what is safe to send, from what the document says.
struct CasePlanner {
    let source: OpenAPISource
    var translator: SchemaTranslator
    /// `METHOD /path: why` for every operation no case was generated for.
    private(set) var skipped: [String] = []
    /// What the document leaves out that a case had to guess.
    private(set) var undeclared: [ImportNote] = []
    /// Item paths (`/pets/{petId}`) whose objects a POST on their collection creates, with the
    /// collection, the path parameter and the response member that carries the new id.
    private let chains: [String: Chain]

    struct Chain {
        let collection: String
        let parameter: String
        let idMember: String
    }

    struct Spec {
        let text: String
        let caseCount: Int
    }

    static let methods = ["get", "put", "post", "patch", "delete", "head", "options"]

    /// What `--probe` saw, by spec name then case name.
    private let observations: [String: [String: ProbeObservation]]

    init(source: OpenAPISource, translator: SchemaTranslator, observations: [ProbeObservation] = []) {
        self.source = source
        self.translator = translator
        self.observations = Dictionary(grouping: observations, by: \.spec).mapValues { Dictionary($0.map { ($0.caseName, $0) }) { a, _ in a } }
        var chains: [String: Chain] = [:]
        if case .object(let paths)? = source.root["paths"] {
            for (path, item) in paths {
                // `/pets/{petId}`: readable, and the collection `/pets` must create and answer with the id.
                guard item["get"] != nil, path.hasSuffix("}"), let open = path.lastIndex(of: "{"), open > path.startIndex,
                    path[path.index(before: open)] == "/"
                else { continue }
                let collection = String(path[..<path.index(before: open)])
                let parameter = String(path[path.index(after: open)..<path.index(before: path.endIndex)])
                guard let post = source.dereferenced(paths[collection]?["post"]),
                    let created = Self.successResponse(post, source: source),
                    let schema = created.schema.flatMap({ Self.resolvedObjectSchema($0, source: source) })
                else { continue }
                let properties = schema["properties"]?.objectValue
                guard let member = [parameter, "id"].first(where: { properties?.contains($0) == true }) else { continue }
                chains[path] = Chain(collection: collection, parameter: parameter, idMember: member)
            }
        }
        self.chains = chains
    }

    mutating func spec(for path: String, item: JSONValue) -> Spec? {
        let shared = item["parameters"]?.arrayValue ?? []
        var cases: [YAMLItem] = []
        var teardown: [YAMLItem] = []
        var variables: [(String, YAMLNode)] = []
        var firstMethod: String?
        var caseNames = Set<String>()
        let observed = observations[path] ?? [:]
        func add(_ name: String, _ entries: [YAMLEntry], comment: [String] = []) {
            var unique = name
            var counter = 2
            while !caseNames.insert(unique).inserted { unique = "\(name) (\(counter))"; counter += 1 }
            var entries = entries
            var comment = comment
            if let seen = observed[unique] {
                // The document says one thing, the deployment did another: kept, reported, not gating.
                comment += ["Probed against \(seen.target): \(seen.observed).",
                            "The deployment and the document disagree here: fix the wrong one, then remove `stability: beta`."]
                if !entries.contains(where: { $0.key == "stability" }) {
                    entries.insert(YAMLEntry("stability", .string("beta")), at: min(1, entries.count))
                }
            }
            cases.append(YAMLItem(.mapping([YAMLEntry("name", .string(unique))] + entries, style: .block), comment: comment))
        }
        let chain = chains[path]
        for method in Self.methods {
            guard let operation = source.dereferenced(item[method]) else { continue }
            let label = "\(method.uppercased()) \(path)"
            let parameters = (shared + (operation["parameters"]?.arrayValue ?? [])).compactMap { source.dereferenced($0) }
            switch method {
            case "get":
                firstMethod = firstMethod ?? method
                var guessed: [String] = []
                var pathValues: [String: YAMLNode] = [:]
                for parameter in parameters where parameter["in"] == "path" {
                    guard let name = parameter["name"]?.stringValue else { continue }
                    if chain?.parameter == name { continue }  // captured by the create case
                    if let example = Self.example(of: parameter, source: source) {
                        pathValues[name] = YAMLConversion.node(example)
                    } else {
                        pathValues[name] = YAMLConversion.node(Self.guess(for: parameter["schema"], source: source))
                        guessed.append(name)
                    }
                }
                // A `{name}` in the path the document forgot to declare still needs a value.
                for name in Self.templateNames(path) where pathValues[name] == nil && chain?.parameter != name {
                    pathValues[name] = .string("conform-probe")
                    guessed.append(name)
                    undeclared.append(ImportNote(pointer: "/paths/\(JSONPointer.escaped(path))/get",
                                                 message: "the path parameter `\(name)` is not declared; its value is a guess"))
                }
                for (name, value) in pathValues.sorted(by: { $0.key < $1.key }) where !variables.contains(where: { $0.0 == name }) {
                    variables.append((name, value))
                }
                let query = Self.requiredQuery(parameters, source: source)
                if let chain {
                    let created = createCase(chain, path: path)
                    for entry in created.cases { add(entry.name, entry.entries) }
                    if let remove = created.teardown { teardown.append(remove) }
                }
                var request: [(String, YAMLNode)] = [("method", .string("GET")), ("path", .string(Self.templatePath(path)))]
                if !query.isEmpty { request.append(("query", .map(query))) }
                let success = Self.successResponse(operation, source: source)
                var expect: [(String, YAMLNode)] = [("status", success.map { Self.statusNode($0.status) } ?? .string("2xx"))]
                if let schema = success?.schema {
                    expect.append(("shape", YAMLConversion.node(translator.translate(schema, at: success?.pointer ?? ""))))
                }
                let comment = guessed.isEmpty ? [] : [
                    "The document gives no example for \(guessed.map { "`\($0)`" }.joined(separator: ", ")): the value in `vars` is a",
                    "guess, so this case is beta (it reports, it does not gate). Set a real one and remove `stability`.",
                ]
                add("\(label) answers \(success?.status ?? "2xx")",
                    [YAMLEntry("request", .map(request))] + (guessed.isEmpty ? [] : [YAMLEntry("stability", .string("beta"))])
                        + [YAMLEntry("expect", .map(expect))], comment: comment)
                if Self.requiresCredentials(operation, source: source) {
                    let documented = operation["responses"]?["401"] != nil
                    var unauthenticated = request
                    unauthenticated.append(("auth", .string("none")))
                    add("\(label) without credentials answers 401",
                        [YAMLEntry("request", .map(unauthenticated)),
                         YAMLEntry("expect", .map([("status", documented ? .integer(401) : .list([.integer(401), .integer(403)]))]))],
                        comment: documented ? [] : ["401 is not documented for this operation; 403 is accepted too."])
                }
                if path.contains("{"), operation["responses"]?["404"] != nil {
                    var unknown = path
                    for parameter in parameters where parameter["in"] == "path" {
                        guard let name = parameter["name"]?.stringValue else { continue }
                        let value = parameter["schema"]?["type"] == "integer" ? "987654321" : "conform-unknown-0000"
                        unknown = unknown.replacingOccurrences(of: "{\(name)}", with: value)
                    }
                    var unknownRequest: [(String, YAMLNode)] = [("method", .string("GET")), ("path", .string(unknown))]
                    if !query.isEmpty { unknownRequest.append(("query", .map(query))) }
                    add("\(label) for an unknown id answers 404",
                        [YAMLEntry("request", .map(unknownRequest)), YAMLEntry("expect", .map([("status", .integer(404))]))])
                }
            case "post" where chains.values.contains { $0.collection == path }:
                break  // sent by the create → read → delete chain of the item path
            case "delete" where chain != nil:
                break  // the chain's teardown
            default:
                skipped.append("\(label): \(method == "head" || method == "options" ? "not generated (no body to check)" : "changes data, and no create → read → delete chain covers it")")
            }
        }
        guard !cases.isEmpty, let firstMethod else { return nil }
        var root: [YAMLEntry] = [
            YAMLEntry("spec", .integer(1)),
            YAMLEntry("name", .string(path)),
            YAMLEntry("endpoint", .string("\(firstMethod.uppercased()) \(path)")),
        ]
        if !variables.isEmpty { root.append(YAMLEntry("vars", .map(variables))) }
        root.append(YAMLEntry("cases", .sequence(cases, style: .block), blankLineBefore: true))
        if !teardown.isEmpty { root.append(YAMLEntry("teardown", .sequence(teardown, style: .block), blankLineBefore: true)) }
        let text = YAMLEmitter().document(.mapping(root, style: .block), header: ["Generated by `conform init --openapi`: \(path)."])
        return Spec(text: text, caseCount: cases.count)
    }

    /// The create case of a chain (POST on the collection, capturing the id), and the teardown
    /// step that deletes what it created, when the document has a DELETE.
    private mutating func createCase(_ chain: Chain, path: String) -> (cases: [(name: String, entries: [YAMLEntry])], teardown: YAMLItem?) {
        guard let post = source.dereferenced(source.root["paths"]?[chain.collection]?["post"]) else { return ([], nil) }
        var request: [(String, YAMLNode)] = [("method", .string("POST")), ("path", .string(Self.templatePath(chain.collection)))]
        if let (key, body) = Self.requestBody(post, source: source) { request.append((key, YAMLConversion.node(body))) }
        let success = Self.successResponse(post, source: source)
        var expect: [(String, YAMLNode)] = [("status", success.map { Self.statusNode($0.status) } ?? .string("2xx"))]
        if let schema = success?.schema {
            expect.append(("shape", YAMLConversion.node(translator.translate(schema, at: success?.pointer ?? ""))))
        }
        let create = (name: "POST \(chain.collection) creates one to read back",
                      entries: [YAMLEntry("request", .map(request)), YAMLEntry("expect", .map(expect)),
                                YAMLEntry("capture", .map([(chain.parameter, .string("$.\(chain.idMember)"))]))])
        var teardown: YAMLItem?
        if let delete = source.dereferenced(source.root["paths"]?[path]?["delete"]) {
            let status = Self.successResponse(delete, source: source).map { Self.statusNode($0.status) } ?? .string("2xx")
            teardown = YAMLItem(.mapping([
                YAMLEntry("name", .string("DELETE \(path) removes what the suite created")),
                YAMLEntry("request", .map([("method", .string("DELETE")), ("path", .string(Self.templatePath(path)))])),
                YAMLEntry("expect", .map([("status", status)])),
            ], style: .block))
        }
        return ([create], teardown)
    }

    // MARK: - Reading the document

    /// The first documented 2xx response (by code), its JSON schema and where it is.
    static func successResponse(_ operation: JSONValue, source: OpenAPISource) -> (status: String, schema: JSONValue?, pointer: String)? {
        guard case .object(let responses)? = operation["responses"] else { return nil }
        let codes = responses.keys.filter { $0.hasPrefix("2") }.sorted()
        guard let status = codes.first, let response = source.dereferenced(responses[status]) else { return nil }
        guard case .object(let content)? = response["content"] else { return (status, nil, "") }
        let mediaType = content.keys.first { $0.contains("json") }
        return (status, mediaType.flatMap { content[$0]?["schema"] }, "/responses/\(status)/content")
    }

    static func statusNode(_ status: String) -> YAMLNode {
        if let code = Int64(status) { return .integer(code) }
        return .string(status.lowercased())  // 2XX → 2xx
    }

    /// The body of a POST: the media type's example, else a sample built from its schema.
    static func requestBody(_ operation: JSONValue, source: OpenAPISource) -> (String, JSONValue)? {
        guard let body = source.dereferenced(operation["requestBody"]), case .object(let content)? = body["content"] else { return nil }
        let key: String
        let media: JSONValue
        if let json = content.keys.first(where: { $0.contains("json") }), let value = content[json] {
            (key, media) = ("json", value)
        } else if let value = content["application/x-www-form-urlencoded"] {
            (key, media) = ("form", value)
        } else {
            return nil
        }
        if let example = media["example"] { return (key, example) }
        if case .object(let examples)? = media["examples"], let firstKey = examples.keys.first, let first = examples[firstKey],
            let value = source.dereferenced(first)?["value"]
        {
            return (key, value)
        }
        return (key, SampleValue(source: source).sample(media["schema"], forRequest: true, depth: 0))
    }

    /// `{ name: value }` for the required query parameters.
    static func requiredQuery(_ parameters: [JSONValue], source: OpenAPISource) -> [(String, YAMLNode)] {
        parameters.filter { $0["in"] == "query" && $0["required"] == true }.compactMap { parameter in
            guard let name = parameter["name"]?.stringValue else { return nil }
            let value = example(of: parameter, source: source) ?? guess(for: parameter["schema"], source: source)
            return (name, .string(value.stringValue ?? value.compactText))
        }
    }

    static func example(of parameter: JSONValue, source: OpenAPISource) -> JSONValue? {
        if let example = parameter["example"] { return example }
        if case .object(let examples)? = parameter["examples"], let firstKey = examples.keys.first, let first = examples[firstKey], let value = source.dereferenced(first)?["value"] {
            return value
        }
        let schema = source.dereferenced(parameter["schema"])
        if let example = schema?["example"] { return example }
        if let example = schema?["examples"]?.arrayValue?.first { return example }
        if let value = schema?["default"] { return value }
        if let value = schema?["enum"]?.arrayValue?.first { return value }
        return nil
    }

    static func guess(for schema: JSONValue?, source: OpenAPISource) -> JSONValue {
        SampleValue(source: source).sample(schema, forRequest: true, depth: 0)
    }

    /// Whether the operation needs credentials: its own `security`, else the document's, names
    /// at least one requirement that is not the empty one.
    static func requiresCredentials(_ operation: JSONValue, source: OpenAPISource) -> Bool {
        guard let requirements = (operation["security"] ?? source.root["security"])?.arrayValue else { return false }
        return !requirements.isEmpty && !requirements.contains { $0.objectValue?.isEmpty == true }
    }

    static func resolvedObjectSchema(_ schema: JSONValue, source: OpenAPISource, depth: Int = 0) -> JSONValue? {
        // A schema may refer to itself through `allOf` (a document's mistake, or recursion on
        // purpose): bounded, as every walk over a document is.
        guard depth < SampleValue.maximumDepth else { return nil }
        var current = source.dereferenced(schema)
        // `allOf: [A, B]` (petstore's Pet): its members' properties together.
        if let parts = current?["allOf"]?.arrayValue {
            var properties: [(String, JSONValue)] = []
            for part in parts {
                if case .object(let members)? = resolvedObjectSchema(part, source: source, depth: depth + 1)?["properties"] {
                    properties += members.map { ($0, $1) }
                }
            }
            current = .object(JSONObject([("properties", .object(JSONObject(properties)))]))
        }
        return current
    }

    /// `petId` for `/pets/{petId}`, in order.
    static func templateNames(_ path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `/pets/{petId}` → `/pets/${petId}`.
    static func templatePath(_ path: String) -> String {
        path.replacingOccurrences(of: "{", with: "${")
    }
}
