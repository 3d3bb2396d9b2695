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
    let bucket: TokenBucket?
    private let apiRoutes: RouteTable
    /// Routes that exist only under the `additive` profile.
    private let additiveRouteTable: RouteTable
    private let publicRoutes: RouteTable
    /// The profiles in force, switchable at runtime.
    let profileState: ProfileState

    /// A deployment holding the seeded users (when the data model has an app-user model and
    /// `seedUsers` is on), then the seed file's objects, in that order, answering under the
    /// configuration's profiles.
    public init(configuration: MockConfiguration) {
        self.configuration = configuration
        deployedAt = configuration.clock.initialReading
        store = Mutex(Self.initialStore(configuration))
        bucket = configuration.rateLimit.map { TokenBucket(limit: $0, ticker: configuration.rateLimitTicker) }
        authentication = Authentication(
            deploymentID: configuration.deploymentID, password: configuration.password, token: configuration.token)
        // Each endpoint group lives in its own Routes+Group.swift and adds its table here.
        apiRoutes = RouteTable(
            Self.objectRoutes + Self.countRoutes + Self.oplogRoutes + Self.batchRoutes + Self.dataModelRoutes
                + Self.metadataRoutes + Self.userRoutes + Self.searchRoutes)
        additiveRouteTable = RouteTable(Self.additiveRoutes)
        publicRoutes = RouteTable(Self.mediaRoutes)
        profileState = ProfileState(configuration.profiles)
    }

    /// The store a deployment starts with: the seeded users, then the seed's objects, with the
    /// clock and the ID generator at their first reading.
    static func initialStore(_ configuration: MockConfiguration) -> ObjectStore {
        let deployedAt = configuration.clock.initialReading
        var initial = ObjectStore(
            clock: configuration.clock, idGenerator: configuration.idGenerator, appUserModel: configuration.dataModel.appUser)
        if configuration.seedUsers, let name = configuration.dataModel.appUser, let model = configuration.dataModel.model(named: name) {
            SeededUsers.add(to: &initial, model: model, time: deployedAt, skipping: configuration.seed?.ids(of: name) ?? [])
        }
        if let seed = configuration.seed { seed.apply(to: &initial, dataModel: configuration.dataModel) }
        return initial
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
    ///
    /// Under drift or fault profiles (``profiles``) the answer is then changed as they say;
    /// with none (the default) nothing else is done.
    public func respond(to request: MockRequest) -> MockResponse {
        var addsEndpoint = false
        let plan = profileState.plan { set in
            addsEndpoint = set.addsEndpoint
            return endpoint(of: request, addsEndpoint: addsEndpoint)
        }
        guard let plan else { return answer(request) }
        return respond(to: request, endpoint: plan.endpoint, profiles: plan.profiles, addsEndpoint: addsEndpoint)
    }

    /// What profiles may change about how a request is routed.
    struct RoutingChanges {
        /// Also route to the endpoints the `additive` profile adds.
        var addsEndpoint = false
        /// Answer `ROUTE_ERROR` where the route would have answered (`breaking.endpoint-removed`).
        var removesEndpoint = false
    }

    /// The faithful answer, or the one routing changes make; always an answer, never a throw.
    func answer(_ request: MockRequest, changes: RoutingChanges = RoutingChanges()) -> MockResponse {
        do {
            return try route(request, changes)
        } catch {
            return .error(error)
        }
    }

    private func route(_ request: MockRequest, _ changes: RoutingChanges) throws(APIError) -> MockResponse {
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
        let path = Array(segments.dropFirst(3))
        // A removed endpoint answers like any path the API does not have, after authentication.
        guard !changes.removesEndpoint,
            let (route, parameters) = (changes.addsEndpoint ? additiveRouteTable.route(method: request.method, path: path) : nil)
                ?? apiRoutes.route(method: request.method, path: path)
        else { throw noRoute }
        return try route.handler(RouteContext(request: request, parameters: parameters, deployment: self))
    }

    /// The endpoint a request addresses, found as routing would find it but before any check:
    /// an API path under any deployment ID names its route's endpoint (so profiles act on the
    /// 401, 404 and 429 answers of that endpoint too), an unrouted one `METHOD /{unknown}`.
    /// `nil` for the public attachment routes, which no profile touches.
    func endpoint(of request: MockRequest, addsEndpoint: Bool) -> MockEndpoint? {
        let unknown = MockEndpoint.unknownRoute(method: request.method)
        guard let segments = Self.decodedSegments(request.path) else { return unknown }
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v4" else {
            return publicRoutes.route(method: request.method, path: segments) == nil ? unknown : nil
        }
        let path = Array(segments.dropFirst(3))
        if addsEndpoint, let (route, _) = additiveRouteTable.route(method: request.method, path: path) { return route.endpoint }
        return apiRoutes.route(method: request.method, path: path)?.0.endpoint ?? unknown
    }

    /// The endpoints of the API routes, for the catalog's consistency check.
    var apiEndpoints: [MockEndpoint] { apiRoutes.routes.map(\.endpoint) }

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
