public import ConformShape
public import ConformSpec

/// `conform export openapi`: an OpenAPI 3.1 document of what a suite exercises — each path
/// and method its requests use, the parameters seen in them, the request bodies they send,
/// the statuses they expect and the shapes they check, as response schemas. It describes the
/// contract the suite holds the API to, not everything the API does.
public enum OpenAPIExport {
    public struct Options: Sendable {
        public var title: String
        public var version: String
        public var servers: [String]
        /// How the target authenticates (a security scheme), or `nil` for none.
        public var auth: AuthScheme?

        public init(title: String, version: String, servers: [String], auth: AuthScheme?) {
            self.title = title
            self.version = version
            self.servers = servers
            self.auth = auth
        }
    }

    public struct Output: Sendable {
        public let document: JSONValue
        public let operationCount: Int
        /// What could not be carried over (a request by full URL, an identifier in a shape),
        /// each with where it was written. Never dropped silently.
        public let problems: [String]
    }

    public static func document(for specs: [SpecFile], documents: ShapeDocuments, options: Options) -> Output {
        var collector = OperationCollector(bundler: SchemaBundler(documents: documents))
        for spec in specs {
            for specCase in spec.cases {
                collector.add(specCase.step, caseName: specCase.name, spec: spec)
            }
        }
        var document: [(String, JSONValue)] = [
            ("openapi", "3.1.0"),
            ("info", object([
                ("title", .string(options.title)), ("version", .string(options.version)),
                ("description", .string("Exported by `conform export openapi` from \(specs.count) spec file\(specs.count == 1 ? "" : "s"): "
                                        + "the paths, parameters, statuses and response shapes the suite checks.")),
            ])),
        ]
        if !options.servers.isEmpty {
            document.append(("servers", .array(options.servers.map { object([("url", .string($0))]) })))
        }
        document.append(("paths", collector.paths()))
        var components: [(String, JSONValue)] = []
        if !collector.bundler.components.isEmpty {
            components.append(("schemas", object(collector.bundler.components.map { ($0.name, $0.schema) })))
        }
        if let auth = options.auth, let scheme = securityScheme(for: auth) {
            components.append(("securitySchemes", object([("conform", scheme)])))
            document.append(("security", .array([object([("conform", .array([]))])])))
        }
        if !components.isEmpty { document.append(("components", object(components))) }
        return Output(document: object(document), operationCount: collector.operationCount,
                      problems: collector.problems + collector.bundler.problems)
    }

    /// The security scheme a target's `auth:` amounts to.
    static func securityScheme(for auth: AuthScheme) -> JSONValue? {
        switch auth {
        case .journeyAppsToken:
            object([("type", "http"), ("scheme", "bearer"),
                    ("description", "A JourneyApps API token, sent as `Authorization: Bearer O:<token>` (or HTTP Basic with the deployment's credentials).")])
        case .bearer:
            object([("type", "http"), ("scheme", "bearer")])
        case .basic:
            object([("type", "http"), ("scheme", "basic")])
        case .header(let name, _):
            object([("type", "apiKey"), ("in", "header"), ("name", .string(name))])
        case .query(let name, _):
            object([("type", "apiKey"), ("in", "query"), ("name", .string(name))])
        case .none:
            nil
        }
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
}
