import Synchronization

/// A mock JourneyApps backend deployment: routing, authentication and an in-memory store,
/// answering plain ``MockRequest`` values with plain ``MockResponse`` values. No server
/// framework is involved, so tests call ``respond(to:)`` directly; ``MockServer`` puts it on
/// a socket.
///
/// Safe to call from many tasks at once: the store sits behind a mutex, and each request
/// reads and writes it in one critical section, so every write is atomic and ordered.
public final class MockDeployment: Sendable {
    /// What the deployment was set up with.
    public let configuration: MockConfiguration
    let store: Mutex<ObjectStore>
    /// When this deployment started, by its clock (`last_deployed_at` in `info.json`).
    let deployedAt: Int64
    private let authentication: Authentication
    private let bucket: TokenBucket?
    private let apiRoutes: RouteTable
    private let publicRoutes: RouteTable

    /// A deployment holding the seeded users (when the data model has an app-user model and
    /// `seedUsers` is on), then the seed file's objects, in that order.
    public init(configuration: MockConfiguration) {
        self.configuration = configuration
        let deployedAt = configuration.clock.initialReading
        var initial = ObjectStore(
            clock: configuration.clock, idGenerator: configuration.idGenerator, appUserModel: configuration.dataModel.appUser)
        if configuration.seedUsers, let name = configuration.dataModel.appUser, let model = configuration.dataModel.model(named: name) {
            SeededUsers.add(to: &initial, model: model, time: deployedAt, skipping: configuration.seed?.ids(of: name) ?? [])
        }
        if let seed = configuration.seed { seed.apply(to: &initial, dataModel: configuration.dataModel) }
        store = Mutex(initial)
        self.deployedAt = deployedAt
        bucket = configuration.rateLimit.map { TokenBucket(limit: $0, ticker: configuration.rateLimitTicker) }
        authentication = Authentication(
            deploymentID: configuration.deploymentID, password: configuration.password, token: configuration.token)
        // Each endpoint group lives in its own Routes+Group.swift and adds its table here.
        apiRoutes = RouteTable(
            Self.objectRoutes + Self.countRoutes + Self.oplogRoutes + Self.batchRoutes + Self.dataModelRoutes
                + Self.metadataRoutes + Self.userRoutes + Self.searchRoutes)
        publicRoutes = RouteTable(Self.mediaRoutes)
    }

    /// The path prefix of every API route, e.g. `/api/v4/533bda53027894f69b001055`.
    public var apiPathPrefix: String { "/api/v4/" + configuration.deploymentID }

    /// Answers one request. Never throws and never traps: every failure is an error envelope.
    ///
    /// Order of checks: the path must lie under `/api/v4/{deployment-id}/` (else
    /// `ROUTE_ERROR`); the deployment must be this one (else `ACCOUNT_NOT_FOUND`, before
    /// authentication, since credentials belong to a deployment); the rate limit, when on,
    /// must have a token (else `TOO_MANY_REQUESTS` with `Retry-After`); credentials must be valid
    /// (else `AUTHENTICATION_FAILED`); then the method and path must name a route (else
    /// `ROUTE_ERROR`), and the handler runs.
    public func respond(to request: MockRequest) -> MockResponse {
        do {
            return try route(request)
        } catch {
            return .error(error)
        }
    }

    private func route(_ request: MockRequest) throws(APIError) -> MockResponse {
        let noRoute = APIError.noRoute(method: request.method, path: request.path)
        guard let segments = Self.decodedSegments(request.path) else { throw noRoute }
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v4" else {
            guard let (route, parameters) = publicRoutes.route(method: request.method, path: segments) else { throw noRoute }
            return try route.handler(RouteContext(request: request, parameters: parameters, deployment: self))
        }
        guard segments[2] == configuration.deploymentID else { throw .accountNotFound(segments[2]) }
        // Every request to this deployment counts, before authentication, so guessing
        // credentials is rate limited too.
        if let bucket, let wait = bucket.take() {
            var response = MockResponse.error(.tooManyRequests(retryAfter: wait, limit: configuration.rateLimit))
            response.headers.add("Retry-After", String(wait))
            return response
        }
        guard authentication.isAuthorized(request.headers) else { throw .authenticationFailed }
        guard let (route, parameters) = apiRoutes.route(method: request.method, path: Array(segments.dropFirst(3))) else {
            throw noRoute
        }
        return try route.handler(RouteContext(request: request, parameters: parameters, deployment: self))
    }

    /// `/a/b%20c/d` → `["a", "b c", "d"]`; `nil` if the path is not absolute or an escape is
    /// malformed. Empty segments (`//`, a trailing `/`) stay, so they match no route.
    static func decodedSegments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for piece in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            // In a path `+` is a literal plus, not a space.
            guard let decoded = try? QueryString.decode(Substring(piece.replacingPlus())) else { return nil }
            segments.append(decoded)
        }
        return segments
    }
}

extension Substring {
    /// Escapes `+` so the form decoder keeps it as a plus sign.
    fileprivate func replacingPlus() -> String {
        split(separator: "+", omittingEmptySubsequences: false).joined(separator: "%2B")
    }
}
