/// Every profile kind, the endpoints each applies to, and its defaults: what `conform audit`
/// iterates, what `conform mock --list-profiles` prints, and what `docs/mock-profiles.md` lists.
public enum ProfileCatalog {
    /// The API's endpoints in the order of the reference's endpoint index (§1.4), spelled as
    /// the specs' `endpoint:` lines. A test checks this against the mock's route tables.
    public static let allEndpoints: [MockEndpoint] = [
        MockEndpoint("GET", "/objects/{model}.json"),
        MockEndpoint("POST", "/objects/{model}/search.json"),
        MockEndpoint("POST", "/objects/{model}/query.json"),
        MockEndpoint("GET", "/objects/{model}/count.json"),
        MockEndpoint("POST", "/objects/{model}.json"),
        MockEndpoint("GET", "/objects/{model}/{id}.json"),
        MockEndpoint("PATCH", "/objects/{model}/{id}.json"),
        MockEndpoint("PUT", "/objects/{model}/{id}.json"),
        MockEndpoint("DELETE", "/objects/{model}/{id}.json"),
        MockEndpoint("POST", "/batch.json"),
        MockEndpoint("GET", "/oplog.json"),
        MockEndpoint("GET", "/datamodel.json"),
        MockEndpoint("GET", "/datamodel.xml"),
        MockEndpoint("GET", "/info.json"),
        MockEndpoint("GET", "/indexes.json"),
        MockEndpoint("GET", "/users"),
        MockEndpoint("GET", "/users/{user-id}"),
        MockEndpoint("GET", "/users/{user-id}/sessions/{session-id}"),
        MockEndpoint("POST", "/users/{user-id}/lock"),
        MockEndpoint("POST", "/users/{user-id}/unlock"),
        MockEndpoint("POST", "/users/{user-id}/sessions/{session-id}/wipe"),
        MockEndpoint("POST", "/users/{user-id}/sessions/{session-id}/re-authenticate"),
        MockEndpoint("POST", "/users/{user-id}/authentication-token"),
    ]

    /// The endpoint only the `additive` profile adds.
    public static let additiveEndpoint = MockEndpoint("GET", "/objects/{model}/changes.json")

    /// The unknown-route pseudo-endpoint as the catalog lists it (it stands for every method).
    static let unknownRoute = MockEndpoint.unknownRoute(method: "GET")

    /// Whether `kind` changes anything on answers of `endpoint`.
    public static func applies(_ kind: ProfileKind, to endpoint: MockEndpoint) -> Bool {
        if endpoint.isUnknownRoute {
            switch kind.family {
            case .additive, .fault: return true
            case .breaking: return kind == .statusChanged || kind == .errorEnvelopeChanged
            case .faithful: return false
            }
        }
        if endpoint == additiveEndpoint { return kind == .additive }
        guard allEndpoints.contains(endpoint) else { return false }
        let anatomy = ResponseAnatomy.of(endpoint)
        switch kind {
        case .faithful: return false
        case .fieldDropped, .fieldRenamed, .fieldTypeChanged: return anatomy.recordKind != nil
        case .fieldNulled: return anatomy.recordKind?.nulledField != nil
        case .choiceFlattened: return anatomy.objects != nil
        case .listWrapperChanged: return anatomy.listKey != nil
        default: return true
        }
    }

    /// Whether a profile of `kind` may target `pattern`: it names at least one endpoint the kind
    /// applies to (`/{unknown}` stands for every method).
    static func accepts(_ kind: ProfileKind, at pattern: EndpointPattern) -> Bool {
        if pattern.path == MockEndpoint.unknownRoutePath { return applies(kind, to: MockEndpoint.unknownRoute(method: pattern.method ?? "GET")) }
        return endpoints(for: kind).contains(where: pattern.matches)
    }

    /// The endpoints `kind` applies to, in index order; `GET /{unknown}` stands for requests that
    /// match no route (any method).
    public static func endpoints(for kind: ProfileKind) -> [MockEndpoint] {
        let candidates = (kind == .additive ? allEndpoints + [additiveEndpoint] : allEndpoints) + [unknownRoute]
        return candidates.filter { applies(kind, to: $0) }
    }

    /// The field a field change mutates at `endpoint` when the profile names none; `nil` when
    /// the kind takes no field, or (for `breaking.choice-flattened`) every choice field.
    public static func defaultField(for kind: ProfileKind, at endpoint: MockEndpoint) -> String? {
        guard applies(kind, to: endpoint), let record = ResponseAnatomy.of(endpoint).recordKind else { return nil }
        switch kind {
        case .fieldDropped: return record.droppedField
        case .fieldRenamed: return record.renamedField.from
        case .fieldTypeChanged: return record.retypedField
        case .fieldNulled: return record.nulledField
        default: return nil
        }
    }

    /// The new name `breaking.field-renamed` gives `field` at `endpoint` without a parameter:
    /// the endpoint's default pair for its default field, else `snake_case` → `camelCase`, else
    /// the name with `_v2`.
    public static func defaultNewName(for field: String, at endpoint: MockEndpoint?) -> String {
        if let record = endpoint.flatMap({ ResponseAnatomy.of($0).recordKind }), record.renamedField.from == field {
            return record.renamedField.to
        }
        let parts = field.split(separator: "_", omittingEmptySubsequences: true)
        guard parts.count > 1 else { return field + "_v2" }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Where the records of `endpoint`'s answers are, e.g. `$.objects[*]`; `nil` if it has none.
    public static func recordLocation(at endpoint: MockEndpoint) -> String? {
        ResponseAnatomy.of(endpoint).records?.description
    }

    /// One catalog line: a kind, what it does, its parameter, and where it applies.
    public struct Entry: Sendable, Hashable {
        public let kind: ProfileKind
        public let summary: String
        public let parameter: String?
        public let takesField: Bool
        public let endpoints: [MockEndpoint]
    }

    /// Every kind, in the order of ``ProfileKind/allCases``.
    public static var entries: [Entry] {
        ProfileKind.allCases.map { kind in
            Entry(kind: kind, summary: kind.summary, parameter: kind.parameterHelp, takesField: kind.takesField,
                  endpoints: kind == .faithful ? [] : endpoints(for: kind))
        }
    }

    /// Every breaking kind at every endpoint it applies to, with its defaults (the unknown
    /// route left out: it is not an endpoint a suite is written for). A correct suite fails
    /// under each; `conform audit` runs them one at a time.
    public static var breakingMatrix: [MockProfile] {
        ProfileKind.breaking.flatMap { kind in
            endpoints(for: kind).filter { !$0.isUnknownRoute }.compactMap { try? MockProfile(kind, endpoint: EndpointPattern($0)) }
        }
    }

    /// Why `kind` does not apply to the endpoints `pattern` names, for error messages.
    static func reasonNotApplicable(_ kind: ProfileKind, at pattern: EndpointPattern) -> String {
        if pattern.matches(additiveEndpoint) { return "\(additiveEndpoint) exists only under additive" }
        return switch kind {
        case .fieldDropped, .fieldRenamed, .fieldTypeChanged: "its answers hold no JSON records"
        case .fieldNulled: "its answers hold no field that always has a value"
        case .choiceFlattened: "its answers hold no app objects"
        case .listWrapperChanged: "its answers are not a list wrapper"
        case .endpointRemoved: "only endpoints of the API can be removed"
        default: "faithful changes nothing"
        }
    }
}
