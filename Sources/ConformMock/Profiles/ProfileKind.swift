/// Every kind of profile the mock has, by the name `conform mock --profile` takes.
///
/// Three families: `additive` (changes the stability rule allows: a correct suite passes),
/// `breaking.*` (one per class of breaking change: a correct suite fails) and `fault.*`
/// (the network or the deployment misbehaving: the runner must classify it). `faithful` is
/// the mock as it is, and the default.
public enum ProfileKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case faithful
    case additive

    case fieldDropped = "breaking.field-dropped"
    case fieldRenamed = "breaking.field-renamed"
    case fieldTypeChanged = "breaking.field-type-changed"
    case fieldNulled = "breaking.field-nulled"
    case choiceFlattened = "breaking.choice-flattened"
    case listWrapperChanged = "breaking.list-wrapper-changed"
    case statusChanged = "breaking.status-changed"
    case errorEnvelopeChanged = "breaking.error-envelope-changed"
    case endpointRemoved = "breaking.endpoint-removed"

    case fault500 = "fault.500"
    case fault502 = "fault.502"
    case fault503 = "fault.503"
    case fault429 = "fault.429"
    case reset = "fault.reset"
    case slow = "fault.slow"
    case truncated = "fault.truncated"
    case nonJSON = "fault.non-json"
    case large = "fault.large"

    /// The name as `--profile` takes it.
    public var name: String { rawValue }
    public var description: String { rawValue }

    /// The family a kind belongs to.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case faithful, additive, breaking, fault
    }

    public var family: Family {
        switch self {
        case .faithful: .faithful
        case .additive: .additive
        case .fieldDropped, .fieldRenamed, .fieldTypeChanged, .fieldNulled, .choiceFlattened, .listWrapperChanged,
            .statusChanged, .errorEnvelopeChanged, .endpointRemoved:
            .breaking
        case .fault500, .fault502, .fault503, .fault429, .reset, .slow, .truncated, .nonJSON, .large: .fault
        }
    }

    /// Every breaking kind, in catalog order.
    public static var breaking: [ProfileKind] { allCases.filter { $0.family == .breaking } }
    /// Every fault kind, in catalog order.
    public static var faults: [ProfileKind] { allCases.filter { $0.family == .fault } }

    /// Whether a `#FIELD` target means something for this kind.
    public var takesField: Bool {
        switch self {
        case .fieldDropped, .fieldRenamed, .fieldTypeChanged, .fieldNulled, .choiceFlattened: true
        default: false
        }
    }

    /// What the `=VALUE` parameter means, or `nil` when the kind takes none.
    public var parameterHelp: String? {
        switch self {
        case .fieldRenamed: "the new name (default: a name chosen per endpoint, see the catalog)"
        case .fieldTypeChanged: "the new JSON type: string, integer, number, boolean, array or object (default: string → integer, anything else → string, objects → array)"
        case .listWrapperChanged: "bare (the list as a bare array, the default) or a new name for the list's key (e.g. items)"
        case .statusChanged: "TO (every status becomes TO) or FROM:TO (only FROM becomes TO), statuses 200-599; default 200→201, other 2xx and 3xx→200, 400→422, 401→403, 404→400, 422→400, 429→503, other 4xx→400, 500→502, other 5xx→500"
        case .errorEnvelopeChanged: "flat ({\"error\": detail}, the default) or code (type renamed to code)"
        case .fault503: "Retry-After in seconds (default: no Retry-After header)"
        case .fault429: "Retry-After in seconds (default 1)"
        case .slow: "the delay in seconds (default 35, past conform run's default --timeout of 30)"
        case .large: "the body size in bytes, k or M suffix allowed (default 50M)"
        default: nil
        }
    }

    /// One line on what the kind does.
    public var summary: String {
        switch self {
        case .faithful: "the mock as the reference describes it (the default)"
        case .additive: "unknown fields on every object, wrapper, error body, batch result and oplog entry; extra headers; a new endpoint GET /objects/{model}/changes.json"
        case .fieldDropped: "a field is left out of every record of the answer"
        case .fieldRenamed: "a field appears under another name, same value and position"
        case .fieldTypeChanged: "a field's value changes JSON type (e.g. an ISO time becomes Unix seconds, a boolean becomes a string)"
        case .fieldNulled: "a field that always has a value is answered as null"
        case .choiceFlattened: "choice and boolean values lose their {key, display} form and become the bare key"
        case .listWrapperChanged: "the list wrapper {objects, count, total, more} becomes a bare array, or its list key is renamed"
        case .statusChanged: "the HTTP status changes (200 → 201, 404 → 400, ...)"
        case .errorEnvelopeChanged: "the error envelope {type, title, detail, see} becomes {\"error\": detail}, or type is renamed to code"
        case .endpointRemoved: "the endpoint answers 404 ROUTE_ERROR as if it did not exist"
        case .fault500: "500 with the INTERNAL_SERVER_ERROR envelope, instead of running the request"
        case .fault502: "502 with a proxy's HTML page (text/html), instead of running the request"
        case .fault503: "503 SERVICE_UNAVAILABLE, with or without Retry-After, instead of running the request"
        case .fault429: "429 TOO_MANY_REQUESTS with Retry-After, instead of running the request"
        case .reset: "the request runs; the status line, headers and half the body are sent, then the connection is reset (TCP RST)"
        case .slow: "the request runs; the answer is held back for a delay longer than a client's timeout"
        case .truncated: "the request runs; Content-Length promises the whole body, half is sent, then the connection is closed"
        case .nonJSON: "the request runs; the body is replaced by an HTML error page, still labelled application/json"
        case .large: "the request runs; the JSON body is padded with insignificant whitespace to a large size (default 50 MB)"
        }
    }
}
