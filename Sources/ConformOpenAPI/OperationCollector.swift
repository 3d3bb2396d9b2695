import ConformShape
import ConformSpec

/// The operations a suite's requests use, merged by method and path: every case that sends
/// `GET /objects/{model}/{id}.json` adds its parameters, statuses and shapes to one operation.
struct OperationCollector {
    var bundler: SchemaBundler
    private(set) var problems: [String] = []

    private struct Operation {
        var method: String
        var path: String
        var summary: String
        var cases: [String] = []
        var tags: [String] = []
        /// Parameters by `in` and name, in the order first seen.
        var parameters: [(location: String, name: String, required: Bool, example: String?)] = []
        var bodies: [(contentType: String, schema: JSONValue)] = []
        /// Responses by status key (`200`, `4XX`, `default`): the schemas expected (distinct),
        /// response headers checked, and the cases that expect it.
        var responses: [(status: String, schemas: [JSONValue], headers: [String], cases: [String])] = []
    }

    /// Operations in the order first seen, keyed by method and the path with parameters blanked
    /// (`/objects/{}/{}.json`), so `{task_id}` in one case and `{id}` in another are one path.
    private var operations: [Operation] = []
    private var byKey: [String: Int] = [:]
    /// The first-seen spelling of each path shape.
    private var pathNames: [String: String] = [:]

    init(bundler: SchemaBundler) { self.bundler = bundler }

    var operationCount: Int { operations.count }

    mutating func add(_ step: SpecStep, caseName: String, spec: SpecFile) {
        let request = step.request
        guard case .path(let template) = request.target else {
            problems.append("\(spec.path):\(request.location.line): the case \"\(caseName)\" sends to a full `url:`; "
                            + "it is not part of the base URL's API and is left out")
            return
        }
        let (rawPath, pathQuery) = Self.pathAndQuery(template)
        let shape = Self.blanked(rawPath)
        let path = pathNames[shape] ?? rawPath
        pathNames[shape] = path
        let key = request.method + " " + shape
        let index: Int
        if let existing = byKey[key] {
            index = existing
        } else {
            index = operations.count
            byKey[key] = index
            operations.append(Operation(method: request.method.lowercased(), path: path, summary: spec.name))
        }
        var operation = operations[index]
        operation.cases.append("\(spec.path): \(caseName)")
        for tag in spec.tags where !operation.tags.contains(tag) { operation.tags.append(tag) }
        for name in Self.parameterNames(in: path) { Self.addParameter(&operation, "path", name, required: true, example: nil) }
        for name in pathQuery { Self.addParameter(&operation, "query", name, required: false, example: nil) }
        for (name, value) in request.query {
            guard name.isLiteral else {
                problems.append("\(spec.path):\(name.location.line): a query parameter named by a variable (`\(name.source)`) is left out")
                continue
            }
            Self.addParameter(&operation, "query", name.source, required: false, example: value.isLiteral ? value.source : nil)
        }
        for (name, value) in request.headers where name.isLiteral {
            let lowered = name.source.lowercased()
            // Content negotiation and credentials are described elsewhere (content, security).
            if ["accept", "content-type", "authorization", "cookie", "content-length"].contains(lowered) { continue }
            Self.addParameter(&operation, "header", name.source, required: false, example: value.isLiteral ? value.source : nil)
        }
        if let body = request.body { Self.addBody(&operation, body) }
        addResponses(&operation, step.expect, caseName: caseName)
        operations[index] = operation
    }

    private mutating func addResponses(_ operation: inout Operation, _ expect: Expectation, caseName: String) {
        let statuses: [String] = expect.status?.patterns.map { pattern in
            switch pattern {
            case .exact(let code): String(code)
            case .classOf(let hundreds): "\(hundreds)XX"
            }
        } ?? ["default"]
        let schema = expect.shape.map { bundler.bundle($0.schema, writtenIn: $0.documentPath) }
        let headers = expect.headers.filter { if case .present(false) = $0.rule { false } else { true } }.map(\.name)
        for status in statuses {
            if let position = operation.responses.firstIndex(where: { $0.status == status }) {
                if let schema, !operation.responses[position].schemas.contains(schema) { operation.responses[position].schemas.append(schema) }
                for header in headers where !operation.responses[position].headers.contains(where: { $0.lowercased() == header.lowercased() }) {
                    operation.responses[position].headers.append(header)
                }
                operation.responses[position].cases.append(caseName)
            } else {
                operation.responses.append((status, schema.map { [$0] } ?? [], headers, [caseName]))
            }
        }
    }

    /// `paths`: each path with its operations, in the order first seen.
    func paths() -> JSONValue {
        var byPath: [(path: String, operations: [(String, JSONValue)])] = []
        var usedIDs = Set<String>()
        for operation in operations {
            let value = Self.operationValue(operation, id: Self.operationID(operation, used: &usedIDs))
            if let position = byPath.firstIndex(where: { $0.path == operation.path }) {
                byPath[position].operations.append((operation.method, value))
            } else {
                byPath.append((operation.path, [(operation.method, value)]))
            }
        }
        return .object(JSONObject(byPath.map { ($0.path, .object(JSONObject($0.operations))) }))
    }

    private static func operationValue(_ operation: Operation, id: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(id)), ("summary", .string(operation.summary)),
            ("description", .string("Checked by:\n" + operation.cases.map { "- \($0)" }.joined(separator: "\n"))),
        ]
        if !operation.tags.isEmpty { members.append(("tags", .array(operation.tags.map { .string($0) }))) }
        if !operation.parameters.isEmpty {
            members.append(("parameters", .array(operation.parameters.map { parameter in
                var fields: [(String, JSONValue)] = [("name", .string(parameter.name)), ("in", .string(parameter.location))]
                if parameter.required { fields.append(("required", true)) }
                fields.append(("schema", OpenAPIExport.object([("type", "string")])))
                if let example = parameter.example { fields.append(("example", .string(example))) }
                return OpenAPIExport.object(fields)
            })))
        }
        if !operation.bodies.isEmpty {
            let content = operation.bodies.map { ($0.contentType, OpenAPIExport.object([("schema", $0.schema)])) }
            members.append(("requestBody", OpenAPIExport.object([("content", .object(JSONObject(content)))])))
        }
        var responses: [(String, JSONValue)] = []
        for response in operation.responses {
            var fields: [(String, JSONValue)] = [("description", .string("Expected by: " + response.cases.joined(separator: "; ")))]
            if !response.headers.isEmpty {
                fields.append(("headers", .object(JSONObject(response.headers.map {
                    ($0, OpenAPIExport.object([("schema", OpenAPIExport.object([("type", "string")]))]))
                }))))
            }
            if !response.schemas.isEmpty {
                let schema = response.schemas.count == 1 ? response.schemas[0] : OpenAPIExport.object([("anyOf", .array(response.schemas))])
                fields.append(("content", OpenAPIExport.object([("application/json", OpenAPIExport.object([("schema", schema)]))])))
            }
            responses.append((response.status, OpenAPIExport.object(fields)))
        }
        members.append(("responses", .object(JSONObject(responses))))
        return .object(JSONObject(members))
    }

    /// `getObjectsModelIdJson`, numbered when two operations would share one.
    private static func operationID(_ operation: Operation, used: inout Set<String>) -> String {
        var words = [operation.method]
        for part in operation.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { words.append(part.prefix(1).uppercased() + part.dropFirst()) }
        let base = words.joined()
        var candidate = base
        var counter = 2
        while !used.insert(candidate).inserted {
            candidate = "\(base)\(counter)"
            counter += 1
        }
        return candidate
    }

    private static func addParameter(_ operation: inout Operation, _ location: String, _ name: String, required: Bool, example: String?) {
        if operation.parameters.contains(where: { $0.location == location && $0.name.lowercased() == name.lowercased() }) { return }
        operation.parameters.append((location, name, required, example))
    }

    private static func addBody(_ operation: inout Operation, _ body: RequestTemplate.Body) {
        let (contentType, schema): (String, JSONValue) = switch body {
        case .json(let json): ("application/json", BodySchema.infer(json))
        case .form(let form): ("application/x-www-form-urlencoded", BodySchema.infer(form))
        case .raw(_, let contentType):
            (contentType.flatMap { $0.isLiteral ? $0.source : nil } ?? "text/plain", OpenAPIExport.object([("type", "string")]))
        }
        if !operation.bodies.contains(where: { $0.contentType == contentType }) { operation.bodies.append((contentType, schema)) }
    }

    /// The path as OpenAPI writes it (`${task_id}` → `{task_id}`), and the names of parameters
    /// a literal `?a=1&b` after it sends.
    static func pathAndQuery(_ template: Template) -> (path: String, query: [String]) {
        var path = ""
        var query = ""
        var inQuery = false
        for part in template.parts {
            switch part {
            case .literal(let text):
                if inQuery { query += text; continue }
                if let mark = text.firstIndex(of: "?") {
                    path += text[..<mark]
                    query += text[text.index(after: mark)...]
                    inQuery = true
                } else {
                    path += text
                }
            case .reference(let reference):
                if inQuery { query += "x"; continue }
                path += "{\(parameterName(reference))}"
            }
        }
        let names = query.split(separator: "&").compactMap { pair in pair.split(separator: "=", maxSplits: 1).first.map(String.init) }
        return (path.isEmpty ? "/" : path, names.filter { !$0.isEmpty })
    }

    static func parameterName(_ reference: Template.Reference) -> String {
        switch reference {
        case .variable(let name), .environment(let name), .target(let name), .function(let name): name
        }
    }

    static func parameterNames(in path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" { current = "" } else if character == "}", let name = current {
                if !names.contains(name) { names.append(name) }
                current = nil
            } else if current != nil { current?.append(character) }
        }
        return names
    }

    static func blanked(_ path: String) -> String {
        var result = ""
        var inside = false
        for character in path {
            if character == "{" { inside = true; result += "{}" } else if character == "}" { inside = false } else if !inside { result.append(character) }
        }
        return result
    }
}

/// A JSON Schema for a request body, from the body a spec sends: literal values give their
/// types, placeholders allow anything (their values are only known at run time).
enum BodySchema {
    static func infer(_ template: JSONTemplate) -> JSONValue {
        switch template {
        case .value(let value): infer(value)
        case .string(let text): text.isSingleReference ? OpenAPIExport.object([]) : OpenAPIExport.object([("type", "string")])
        case .array(let items): OpenAPIExport.object([("type", "array")] + (items.first.map { [("items", infer($0))] } ?? []))
        case .object(let members):
            {
                var properties: [(String, JSONValue)] = []
                var templatedKeys = false
                for (key, value) in members {
                    if key.isLiteral { properties.append((key.source, infer(value))) } else { templatedKeys = true }
                }
                var fields: [(String, JSONValue)] = [("type", "object")]
                if !properties.isEmpty { fields.append(("properties", .object(JSONObject(properties)))) }
                if templatedKeys { fields.append(("additionalProperties", OpenAPIExport.object([]))) }
                return OpenAPIExport.object(fields)
            }()
        }
    }

    static func infer(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: OpenAPIExport.object([("type", "null")])
        case .bool: OpenAPIExport.object([("type", "boolean")])
        case .integer: OpenAPIExport.object([("type", "integer")])
        case .string: OpenAPIExport.object([("type", "string")])
        case .array(let items): OpenAPIExport.object([("type", "array")] + (items.first.map { [("items", infer($0))] } ?? []))
        case .object(let object):
            OpenAPIExport.object([("type", "object"), ("properties", .object(JSONObject(object.map { ($0.0, infer($0.1)) })))])
        default: OpenAPIExport.object([("type", "number")])
        }
    }
}
