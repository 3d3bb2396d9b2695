import ConformDataModel

/// One endpoint of the API, spelled as the reference's endpoint index and the specs' `endpoint:`
/// lines spell it: a method and a path template relative to `/api/v4/{deployment-id}`, e.g.
/// `GET /objects/{model}/{id}.json` or `POST /users/{user-id}/lock`.
///
/// Requests that match no route belong to the pseudo-endpoint `METHOD /{unknown}` (the spelling
/// of `Specs/errors/unknown-route.yaml`), so profiles can target the `ROUTE_ERROR` answers too.
public struct MockEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The method in upper case.
    public let method: String
    /// The path template, starting with `/`.
    public let path: String

    public init(_ method: String, _ path: String) {
        self.method = method.uppercased()
        self.path = path
    }

    /// `GET /objects/{model}.json`.
    public var description: String { "\(method) \(path)" }

    /// The path of the pseudo-endpoint of requests no route answers.
    public static let unknownRoutePath = "/{unknown}"

    /// The pseudo-endpoint of a request with this method that matches no route.
    public static func unknownRoute(method: String) -> MockEndpoint { MockEndpoint(method, unknownRoutePath) }

    /// Whether this is the pseudo-endpoint of unrouted requests.
    public var isUnknownRoute: Bool { path == Self.unknownRoutePath }
}

/// The endpoints a profile applies to: one method and path, every method on a path, or (as
/// `nil` in ``MockProfile/endpoint``) every endpoint.
///
/// Written `GET /objects/{model}/{id}.json`, or just the path for every method on it. A query
/// suffix is ignored, so a spec's `endpoint: GET /objects/{model}.json?query[field]=value` line
/// can be pasted as it is; so is a leading `/api/v4/{deployment-id}`.
public struct EndpointPattern: Sendable, Hashable, CustomStringConvertible {
    /// `nil` for every method.
    public let method: String?
    /// The path template, starting with `/`.
    public let path: String

    public init(method: String?, path: String) {
        self.method = method?.uppercased()
        self.path = path
    }

    /// Exactly this endpoint.
    public init(_ endpoint: MockEndpoint) {
        self.init(method: endpoint.method, path: endpoint.path)
    }

    /// Reads `METHOD /path` or `/path`; `nil` when the text has neither form.
    public init?(parsing text: String) {
        let trimmed = text.trimmedWhitespace
        let parts = trimmed.split(separator: " ", maxSplits: 1).map { $0.trimmedWhitespace }
        var method: String?
        var path: String
        switch parts.count {
        case 1: path = parts[0]
        case 2:
            guard parts[0].unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "*" }) else { return nil }
            method = parts[0] == "*" ? nil : parts[0]
            path = parts[1]
        default: return nil
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        for prefix in ["/api/v4/{deployment-id}", "/api/v4/{backend-deployment-id}"] where path.hasPrefix(prefix + "/") {
            path = String(path.dropFirst(prefix.count))
        }
        guard path.hasPrefix("/"), !path.contains(" ") else { return nil }
        self.init(method: method, path: path)
    }

    /// `GET /objects/{model}.json`, or `* /objects/{model}.json` for every method.
    public var description: String { "\(method ?? "*") \(path)" }

    /// Whether `endpoint` is one this pattern names.
    public func matches(_ endpoint: MockEndpoint) -> Bool {
        endpoint.path == path && (method == nil || method == endpoint.method)
    }
}

extension Route {
    /// The endpoint this route answers, in the reference's spelling.
    var endpoint: MockEndpoint { MockEndpoint(method, "/" + pattern.description) }
}
