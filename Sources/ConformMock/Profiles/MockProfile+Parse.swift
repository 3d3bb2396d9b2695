import ConformShape

extension MockProfile {
    /// Reads `KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE]`:
    ///
    /// - `KIND`: a ``ProfileKind`` name, e.g. `additive`, `breaking.field-dropped`, `fault.503`;
    /// - `=VALUE`: the kind's parameter (``ProfileKind/parameterHelp``), e.g. `fault.slow=2`;
    /// - `@ENDPOINT`: `GET /objects/{model}/{id}.json` (one endpoint), `/objects/{model}/{id}.json`
    ///   (every method on the path) or `all` (the default);
    /// - `#FIELD`: for field changes, a field of the endpoint's records (`#updated_at`) or a
    ///   locator from the body's root (`#$.entries[*].object.updated_at`);
    /// - `%SCHEDULE`: `%2` acts on the 1st, 3rd, 5th ... targeted request, `%first:3` on the
    ///   first three only (the default: every one).
    ///
    /// The parts are taken from the end: `%` last, then `#`, then the first `@`.
    public static func parse(_ text: String) throws(ProfileError) -> MockProfile {
        func fail(_ message: String) -> ProfileError { ProfileError(profile: text, message: message) }
        var rest = Substring(text.trimmedWhitespaceAndNewlines)
        guard !rest.isEmpty else { throw fail("the profile is empty; try faithful, additive, breaking.field-dropped or fault.503") }
        guard rest.count <= 1000 else { throw fail("the profile is longer than 1000 characters") }

        var schedule = ProfileSchedule.always
        if let percent = rest.lastIndex(of: "%") {
            let written = String(rest[rest.index(after: percent)...])
            guard let parsed = ProfileSchedule(parsing: written) else {
                throw fail("'%\(written)' is not a schedule; use %N (one request in N, starting with the first) or %first:N")
            }
            schedule = parsed
            rest = rest[..<percent]
        }
        var field: String?
        if let hash = rest.lastIndex(of: "#") {
            field = String(rest[rest.index(after: hash)...]).trimmedWhitespaceAndNewlines
            rest = rest[..<hash]
        }
        var endpoint: EndpointPattern?
        if let at = rest.firstIndex(of: "@") {
            let written = String(rest[rest.index(after: at)...]).trimmedWhitespaceAndNewlines
            if written != "all" && written != "*" {
                guard let pattern = EndpointPattern(parsing: written) else {
                    throw fail("'\(written)' is not an endpoint; write it as in the specs, e.g. @GET /objects/{model}/{id}.json, or @all")
                }
                endpoint = pattern
            }
            rest = rest[..<at]
        }
        var parameter: String?
        if let equals = rest.firstIndex(of: "=") {
            parameter = String(rest[rest.index(after: equals)...]).trimmedWhitespaceAndNewlines
            rest = rest[..<equals]
        }
        let name = String(rest).trimmedWhitespaceAndNewlines
        guard let kind = ProfileKind(rawValue: name) else { throw fail(unknownKindMessage(name)) }
        return try MockProfile(kind, parameter: parameter, endpoint: endpoint, field: field, schedule: schedule)
    }

    private static func unknownKindMessage(_ name: String) -> String {
        let names = ProfileKind.allCases.map(\.name)
        var message = "unknown kind '\(name)'"
        if let guess = names.first(where: { $0.hasSuffix("." + name) }) ?? Suggestion.closest(to: name, in: names) {
            message += "; did you mean '\(guess)'?"
        } else if name == "breaking" || name == "fault" {
            message += "; name one kind of the family."
        } else {
            message += "."
        }
        return message + " Kinds: " + names.joined(separator: ", ") + "."
    }
}

/// The profiles a deployment answers under, in the order they apply. Empty is the faithful
/// mock; `faithful` entries contribute nothing and are dropped.
public struct MockProfileSet: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public let profiles: [MockProfile]

    public init(_ profiles: [MockProfile]) {
        self.profiles = profiles.filter { $0.kind != .faithful }
    }

    public init(arrayLiteral elements: MockProfile...) { self.init(elements) }

    /// Reads each text with ``MockProfile/parse(_:)``; the first bad one throws.
    public init(parsing texts: [String]) throws(ProfileError) {
        var profiles: [MockProfile] = []
        for text in texts { profiles.append(try MockProfile.parse(text)) }
        self.init(profiles)
    }

    /// The faithful mock: no profiles.
    public static let faithful = MockProfileSet([])

    /// Whether no profile is active.
    public var isFaithful: Bool { profiles.isEmpty }

    /// `faithful`, or the profiles joined by `, `.
    public var description: String { isFaithful ? "faithful" : profiles.map(\.description).joined(separator: ", ") }

    /// Whether the additive endpoint exists under this set.
    var addsEndpoint: Bool {
        profiles.contains { $0.kind == .additive && $0.targets(ProfileCatalog.additiveEndpoint) }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines.
    fileprivate var trimmedWhitespaceAndNewlines: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
