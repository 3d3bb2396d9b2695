import ConformShape

/// Swagger 2.0 rearranged into OpenAPI 3.0's layout, so one importer reads both.
enum SwaggerTwo {
    static func rearrange(_ root: JSONValue) -> JSONValue {
        let document = rewriteReferences(root)
        var result: [(String, JSONValue)] = [("openapi", "3.0.3")]
        if let info = document["info"] { result.append(("info", info)) }
        if case .string(let host)? = document["host"] {
            let schemes: [String] = document["schemes"]?.arrayValue?.compactMap { $0.stringValue } ?? ["https"]
            let basePath = document["basePath"]?.stringValue ?? ""
            let scheme = schemes.contains("https") ? "https" : (schemes.first ?? "https")
            result.append(("servers", .array([object([("url", .string("\(scheme)://\(host)\(basePath)"))])])))
        } else if case .string(let basePath)? = document["basePath"] {
            result.append(("servers", .array([object([("url", .string(basePath))])])))
        }
        let produces = document["produces"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        let consumes = document["consumes"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        var paths: [(String, JSONValue)] = []
        if case .object(let pathItems)? = document["paths"] {
            for (path, item) in pathItems {
                guard case .object(let operations) = item else { continue }
                var converted: [(String, JSONValue)] = []
                for (key, operation) in operations {
                    if key == "parameters", case .array(let parameters) = operation {
                        converted.append((key, .array(parameters.compactMap { parameter($0) })))
                    } else if case .object = operation, OpenAPIMethods.all.contains(key) {
                        converted.append((key, self.operation(operation, produces: produces, consumes: consumes)))
                    } else {
                        converted.append((key, operation))
                    }
                }
                paths.append((path, object(converted)))
            }
        }
        result.append(("paths", object(paths)))
        var components: [(String, JSONValue)] = []
        if let definitions = document["definitions"] { components.append(("schemas", definitions)) }
        if case .object(let parameters)? = document["parameters"] {
            components.append(("parameters", object(parameters.compactMap { name, value in parameter(value).map { (name, $0) } })))
        }
        if case .object(let responses)? = document["responses"] {
            components.append(("responses", object(responses.map { ($0, response($1, produces: produces)) })))
        }
        if case .object(let schemes)? = document["securityDefinitions"] {
            components.append(("securitySchemes", object(schemes.map { ($0, securityScheme($1)) })))
        }
        if !components.isEmpty { result.append(("components", object(components))) }
        if let security = document["security"] { result.append(("security", security)) }
        return object(result)
    }

    static func operation(_ operation: JSONValue, produces: [String], consumes: [String]) -> JSONValue {
        guard case .object(let fields) = operation else { return operation }
        let produces = fields["produces"]?.arrayValue?.compactMap { $0.stringValue } ?? produces
        let consumes = fields["consumes"]?.arrayValue?.compactMap { $0.stringValue } ?? consumes
        var result: [(String, JSONValue)] = []
        var formProperties: [(String, JSONValue)] = []
        var formRequired: [JSONValue] = []
        var body: JSONValue?
        for (key, value) in fields {
            switch key {
            case "parameters":
                var kept: [JSONValue] = []
                for item in value.arrayValue ?? [] {
                    switch item["in"]?.stringValue {
                    case "body":
                        let mediaType = consumes.first { $0.contains("json") } ?? consumes.first ?? "application/json"
                        body = object([("content", object([(mediaType, object([("schema", item["schema"] ?? object([]))]))]))]
                                      + (item["required"] == true ? [("required", true)] : []))
                    case "formData":
                        if let name = item["name"]?.stringValue {
                            formProperties.append((name, schema(of: item)))
                            if item["required"] == true { formRequired.append(.string(name)) }
                        }
                    default:
                        if let converted = parameter(item) { kept.append(converted) }
                    }
                }
                if !kept.isEmpty { result.append(("parameters", .array(kept))) }
            case "responses":
                if case .object(let responses) = value {
                    result.append(("responses", object(responses.map { ($0, response($1, produces: produces)) })))
                }
            case "produces", "consumes", "schemes":
                break
            default:
                result.append((key, value))
            }
        }
        if !formProperties.isEmpty {
            let mediaType = consumes.contains("multipart/form-data") ? "multipart/form-data" : "application/x-www-form-urlencoded"
            var schema: [(String, JSONValue)] = [("type", "object"), ("properties", object(formProperties))]
            if !formRequired.isEmpty { schema.append(("required", .array(formRequired))) }
            body = object([("content", object([(mediaType, object([("schema", object(schema))]))]))])
        }
        if let body { result.append(("requestBody", body)) }
        return object(result)
    }

    /// A 2.0 parameter (type, format, items… beside `in` and `name`) as a 3.0 one (under `schema`).
    static func parameter(_ value: JSONValue) -> JSONValue? {
        guard case .object(let fields) = value else { return nil }
        if fields["$ref"] != nil { return value }
        var result: [(String, JSONValue)] = []
        for key in ["name", "in", "description", "required"] { if let member = fields[key] { result.append((key, member)) } }
        result.append(("schema", schema(of: value)))
        if let example = fields["x-example"] { result.append(("example", example)) }
        return object(result)
    }

    static let schemaKeys = ["type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                             "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf"]

    static func schema(of parameter: JSONValue) -> JSONValue {
        if let schema = parameter["schema"] { return schema }
        return object(schemaKeys.compactMap { key in parameter[key].map { (key, $0) } })
    }

    static func response(_ value: JSONValue, produces: [String]) -> JSONValue {
        guard case .object(let fields) = value, fields["$ref"] == nil else { return value }
        var result: [(String, JSONValue)] = [("description", fields["description"] ?? "")]
        if case .object(let headers)? = fields["headers"] {
            result.append(("headers", object(headers.map { name, header in
                (name, object([("description", header["description"] ?? ""), ("schema", schema(of: header))]))
            })))
        }
        if let schema = fields["schema"] {
            let mediaType = produces.first { $0.contains("json") } ?? produces.first ?? "application/json"
            var media: [(String, JSONValue)] = [("schema", schema)]
            if let example = fields["examples"]?[mediaType] { media.append(("example", example)) }
            result.append(("content", object([(mediaType, object(media))])))
        }
        return object(result)
    }

    static func securityScheme(_ value: JSONValue) -> JSONValue {
        switch value["type"]?.stringValue {
        case "basic": object([("type", "http"), ("scheme", "basic")])
        default: value  // apiKey has the same fields; oauth2 is not a scheme Conform can send
        }
    }

    /// `#/definitions/X` → `#/components/schemas/X`, and the same for parameters and responses.
    static func rewriteReferences(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.map { key, member in
                if key == "$ref", case .string(let reference) = member {
                    for (old, new) in [("#/definitions/", "#/components/schemas/"), ("#/parameters/", "#/components/parameters/"),
                                       ("#/responses/", "#/components/responses/")] where reference.hasPrefix(old) {
                        return (key, .string(new + reference.dropFirst(old.count)))
                    }
                }
                return (key, rewriteReferences(member))
            }))
        case .array(let items):
            return .array(items.map(rewriteReferences))
        default:
            return value
        }
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
}

enum OpenAPIMethods {
    static let all = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
}
