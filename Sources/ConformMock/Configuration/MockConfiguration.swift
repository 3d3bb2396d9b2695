public import ConformDataModel

/// Everything a mock deployment is set up with. Add options here (with defaults) as the mock
/// grows; callers that use the defaults keep compiling.
public struct MockConfiguration: Sendable {
    /// The docs' example deployment ID (reference §1.1).
    public static let defaultDeploymentID = "533bda53027894f69b001055"
    /// The docs' example password from their curl examples (reference §1.2).
    public static let defaultPassword = "7Ajj5htRY1uzw7b4w23V"
    /// The API token the mock accepts as `Authorization: Bearer O:<token>` unless told otherwise.
    public static let defaultToken = "conform-mock-token"

    /// 24 lowercase hex digits: the path segment and the HTTP Basic user name.
    public let deploymentID: String
    /// The HTTP Basic password; `nil` turns Basic authentication off.
    public let password: String?
    /// The token for `Bearer O:<token>`; `nil` turns token authentication off.
    public let token: String?
    /// The models the deployment serves.
    public let dataModel: DataModel
    /// Where `updated_at` comes from.
    public let clock: MockClock
    /// How object and attachment IDs are made.
    public let idGenerator: MockIDGenerator
    /// Largest request body the HTTP adapter reads (bytes); larger bodies are refused.
    public let maximumBodySize: Int
    /// Whether a data model with an app-user model starts with the three seeded users of
    /// the users API (reference §15).
    public let seedUsers: Bool
    /// Objects the deployment starts with, created in order after the seeded users.
    public let seed: MockSeed?
    /// The token bucket for API requests; `nil` (the default) turns rate limiting off.
    public let rateLimit: RateLimit?
    /// The time the rate limiter reads.
    public let rateLimitTicker: RateLimitTicker
    /// The drift and fault profiles the deployment starts with (empty: faithful); switchable
    /// later with ``MockDeployment/setProfiles(_:)``.
    public let profiles: MockProfileSet

    /// Checks the values: the deployment ID must be 24 lowercase hex digits, and credentials,
    /// when given, must not be empty.
    public init(
        deploymentID: String = MockConfiguration.defaultDeploymentID,
        password: String? = MockConfiguration.defaultPassword,
        token: String? = MockConfiguration.defaultToken,
        dataModel: DataModel = .shipped,
        clock: MockClock = .system,
        idGenerator: MockIDGenerator = .random,
        maximumBodySize: Int = 64 * 1024 * 1024,
        seedUsers: Bool = true,
        seed: MockSeed? = nil,
        rateLimit: RateLimit? = nil,
        rateLimitTicker: RateLimitTicker = .continuous,
        profiles: MockProfileSet = .faithful
    ) throws(MockConfigurationError) {
        guard Self.isDeploymentID(deploymentID) else { throw .invalidDeploymentID(deploymentID) }
        if password?.isEmpty == true { throw .emptyCredential("password") }
        if token?.isEmpty == true { throw .emptyCredential("token") }
        guard maximumBodySize > 0 else { throw .invalidMaximumBodySize(maximumBodySize) }
        self.deploymentID = deploymentID
        self.password = password
        self.token = token
        self.dataModel = dataModel
        self.clock = clock
        self.idGenerator = idGenerator
        self.maximumBodySize = maximumBodySize
        self.seedUsers = seedUsers
        self.seed = seed
        self.rateLimit = rateLimit
        self.rateLimitTicker = rateLimitTicker
        self.profiles = profiles
    }

    /// Whether `text` has the form of a deployment ID: 24 lowercase hex digits.
    public static func isDeploymentID(_ text: String) -> Bool {
        text.unicodeScalars.count == 24 && text.unicodeScalars.allSatisfy(\.isLowerHexDigit)
    }
}

/// Why a ``MockConfiguration`` was refused.
public enum MockConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidDeploymentID(String)
    case emptyCredential(String)
    case invalidMaximumBodySize(Int)
    case invalidRateLimit(String)

    public var description: String {
        switch self {
        case .invalidDeploymentID(let id): "deployment ID '\(id)' is not 24 lowercase hex digits"
        case .emptyCredential(let name): "the \(name) must not be empty (leave it out to turn that scheme off)"
        case .invalidMaximumBodySize(let size): "maximum body size \(size) must be positive"
        case .invalidRateLimit(let problem): "invalid rate limit: \(problem)"
        }
    }
}
