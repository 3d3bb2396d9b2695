/// One endpoint: a method, a path pattern relative to `/api/v4/{deployment-id}/` (or to the
/// server root for public routes), and the handler that answers it.
struct Route: Sendable {
    typealias Handler = @Sendable (RouteContext) throws(APIError) -> MockResponse

    let method: String
    let pattern: RoutePattern
    let handler: Handler

    init(_ method: String, _ pattern: String, handler: @escaping Handler) {
        self.method = method
        self.pattern = RoutePattern(pattern)
        self.handler = handler
    }
}

/// A path pattern such as `objects/{model}/{id}.json`: literal segments, and parameters that
/// may carry a literal suffix (`{id}.json`).
struct RoutePattern: Sendable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(name: String, suffix: String)
    }

    let segments: [Segment]
    let description: String

    init(_ text: String) {
        description = text
        segments = text.split(separator: "/", omittingEmptySubsequences: false).map { piece in
            guard piece.hasPrefix("{"), let close = piece.firstIndex(of: "}") else { return .literal(String(piece)) }
            let name = piece[piece.index(after: piece.startIndex)..<close]
            return .parameter(name: String(name), suffix: String(piece[piece.index(after: close)...]))
        }
    }

    /// How many segments are literal: a more literal pattern wins over a more general one,
    /// so `objects/{model}/count.json` is tried before `objects/{model}/{id}.json`.
    var specificity: Int {
        segments.reduce(0) { count, segment in if case .literal = segment { count + 1 } else { count } }
    }

    /// The parameters if `path` (decoded segments) matches, else `nil`. A parameter never
    /// matches an empty value.
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, piece) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                guard piece == literal else { return nil }
            case .parameter(let name, let suffix):
                guard piece.hasSuffix(suffix), piece.count > suffix.count else { return nil }
                parameters[name] = String(piece.dropLast(suffix.count))
            }
        }
        return parameters
    }
}

/// A table of routes, most specific first.
struct RouteTable: Sendable {
    let routes: [Route]

    init(_ routes: [Route]) {
        // A stable sort keeps registration order among equally specific patterns.
        self.routes = routes.enumerated()
            .sorted { ($0.element.pattern.specificity, -$0.offset) > ($1.element.pattern.specificity, -$1.offset) }
            .map(\.element)
    }

    /// The route for this method and path with its parameters; `nil` when none matches the
    /// pair (a path known under another method is also `nil`: the API's ROUTE_ERROR covers
    /// "the method + path combination is not valid", reference §14).
    func route(method: String, path: [String]) -> (Route, [String: String])? {
        for route in routes where route.method == method {
            if let parameters = route.pattern.match(path) { return (route, parameters) }
        }
        return nil
    }
}
