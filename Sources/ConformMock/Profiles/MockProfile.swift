import ConformDataModel

/// One drift or fault profile: what changes (``kind`` and its ``parameter``), where (``endpoint``
/// and, for field changes, ``field``), and how often (``schedule``).
///
/// Written `KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE]`, e.g.
/// `breaking.field-renamed=modified_at@GET /objects/{model}/{id}.json#updated_at` or
/// `fault.503=2@GET /objects/{model}.json%2`; see ``parse(_:)`` and `docs/mock-profiles.md`.
/// ``description`` writes that form back, so a profile round-trips through text.
public struct MockProfile: Sendable, Hashable, CustomStringConvertible {
    /// What the profile changes.
    public let kind: ProfileKind
    /// The `=VALUE` parameter as written (``ProfileKind/parameterHelp`` says what it means).
    public let parameter: String?
    /// The endpoints it applies to; `nil` for every endpoint the kind applies to.
    public let endpoint: EndpointPattern?
    /// For field changes: a field name of the endpoint's records (`updated_at`) or a locator
    /// from the body's root (`$.entries[*].object.updated_at`); `nil` for the kind's default
    /// field on each endpoint (see ``ProfileCatalog/defaultField(for:at:)``).
    public let field: String?
    /// Which targeted requests it acts on.
    public let schedule: ProfileSchedule

    /// The parameter, read.
    let options: ProfileOptions
    /// The field target, read.
    let fieldTarget: FieldTarget?

    /// Checks that the parts fit the kind: a parameter only where the kind takes one and in its
    /// form, a field only for field changes, an endpoint the kind applies to.
    public init(
        _ kind: ProfileKind, parameter: String? = nil, endpoint: EndpointPattern? = nil, field: String? = nil,
        schedule: ProfileSchedule = .always
    ) throws(ProfileError) {
        let text = Self.text(kind, parameter, endpoint, field, schedule)
        func fail(_ message: String) -> ProfileError { ProfileError(profile: text, message: message) }
        if kind == .faithful, parameter != nil || endpoint != nil || field != nil || schedule != .always {
            throw fail("faithful takes no parameter, target or schedule")
        }
        if let parameter, kind.parameterHelp == nil { throw fail("\(kind) takes no =VALUE parameter (found '\(parameter)')") }
        do {
            options = try ProfileOptions(kind: kind, parameter: parameter)
        } catch {
            throw fail(error.message)
        }
        if let field {
            guard kind.takesField else { throw fail("\(kind) takes no #FIELD target; only field changes do") }
            guard let target = FieldTarget(parsing: field) else {
                throw fail("'\(field)' is not a field name (letters, digits, _ and -) or a locator such as $.entries[*].object.updated_at")
            }
            fieldTarget = target
        } else {
            fieldTarget = nil
        }
        if let endpoint {
            let applicable = ProfileCatalog.endpoints(for: kind)
            if !ProfileCatalog.accepts(kind, at: endpoint) {
                let known = ProfileCatalog.allEndpoints + [ProfileCatalog.additiveEndpoint, MockEndpoint.unknownRoute(method: "GET")]
                guard endpoint.path == MockEndpoint.unknownRoutePath || known.contains(where: endpoint.matches) else {
                    throw fail("no endpoint '\(endpoint)'; endpoints are: " + ProfileCatalog.allEndpoints.map(\.description).joined(separator: ", "))
                }
                throw fail("\(kind) does not apply to \(endpoint) (\(ProfileCatalog.reasonNotApplicable(kind, at: endpoint))); it applies to: "
                    + applicable.map(\.description).joined(separator: ", "))
            }
        }
        self.kind = kind
        self.parameter = parameter
        self.endpoint = endpoint
        self.field = field
        self.schedule = schedule
    }

    /// `KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE]`.
    public var description: String { Self.text(kind, parameter, endpoint, field, schedule) }

    private static func text(
        _ kind: ProfileKind, _ parameter: String?, _ endpoint: EndpointPattern?, _ field: String?, _ schedule: ProfileSchedule
    ) -> String {
        var text = kind.name
        if let parameter { text += "=" + parameter }
        if let endpoint { text += "@" + (endpoint.method.map { "\($0) " } ?? "") + endpoint.path }
        if let field { text += "#" + field }
        return text + schedule.description
    }

    /// Whether the profile targets requests to `endpoint` (whether it acts on one also depends
    /// on the schedule): the endpoints the kind applies to, narrowed by ``endpoint``. Requests
    /// to other endpoints are not counted for the schedule.
    func targets(_ endpoint: MockEndpoint) -> Bool {
        (self.endpoint?.matches(endpoint) ?? true) && ProfileCatalog.applies(kind, to: endpoint)
    }
}

/// Why a profile was refused, naming the profile as written.
public struct ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The profile text.
    public let profile: String
    /// What is wrong with it.
    public let message: String

    public init(profile: String, message: String) {
        self.profile = profile
        self.message = message
    }

    /// `invalid profile 'fault.teapot': unknown kind ...`.
    public var description: String { "invalid profile '\(profile)': \(message)" }
}

/// A `#FIELD` target: a name looked up in each record of the answer, or a locator from the root.
enum FieldTarget: Sendable, Hashable {
    case name(String)
    case locator(parent: JSONLocator, member: String)

    init?(parsing text: String) {
        if text.hasPrefix("$") {
            guard let locator = JSONLocator(parsing: text), let (parent, member) = locator.parentAndMember else { return nil }
            self = .locator(parent: parent, member: member)
        } else {
            guard !text.isEmpty, text.count <= 200,
                text.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-" })
            else { return nil }
            self = .name(text)
        }
    }
}
