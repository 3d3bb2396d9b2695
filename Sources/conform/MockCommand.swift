import ArgumentParser
import ConformDataModel
import ConformMock
import ConformRunner
import Foundation

struct MockCommand: ConformCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve the JourneyApps Backend API v4 mock deployment.",
        discussion: """
        The first line on stdout is `listening on http://HOST:PORT` (or https:// with \
        --tls-cert and --tls-key), flushed, so scripts can read the port. Stops gracefully on \
        SIGINT or SIGTERM.

        Profiles change the answers on purpose (repeat --profile to combine; \
        --list-profiles prints each with the endpoints it applies to):
          additive              allowed drift: a correct suite passes
          breaking.field-dropped, breaking.field-renamed,
          breaking.field-type-changed, breaking.field-nulled,
          breaking.choice-flattened, breaking.list-wrapper-changed,
          breaking.status-changed, breaking.error-envelope-changed,
          breaking.endpoint-removed
                                one breaking change each: a correct suite fails
          fault.500, fault.502, fault.503, fault.429, fault.reset, fault.slow,
          fault.truncated, fault.non-json, fault.large
                                a sick deployment or network
        Syntax: KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE], for example
          'breaking.field-renamed@GET /objects/{model}/{id}.json#updated_at'
          'fault.503=2@GET /objects/{model}.json%2' (every other request)
        See docs/mock-profiles.md.
        """)

    @Option(help: "The address to bind (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one.")
    var port: Int = 0

    @Option(help: "A JourneyApps data model XML or datamodel.json file (default: the shipped one, Specs/datamodel.xml).")
    var datamodel: String?

    @Option(name: .customLong("deployment-id"), help: "The backend deployment ID (24 lowercase hex digits): the path segment and the HTTP Basic user name.")
    var deploymentID: String = MockConfiguration.defaultDeploymentID

    @Option(help: "The API token accepted as `Authorization: Bearer O:<token>`.")
    var token: String = MockConfiguration.defaultToken

    @Option(help: "The HTTP Basic password (the user name is the deployment ID).")
    var password: String = MockConfiguration.defaultPassword

    @Option(name: .customLong("seed-ids"), help: "Make object IDs from this seed, the same on every run.")
    var seedIDs: UInt64?

    @Option(help: "A JSON file of objects to start with: { \"model\": [ {field: value, ...}, ... ] }, values as in a JSON create.")
    var seed: String?

    @Option(name: .customLong("fixed-time"), help: "Freeze the clock at this ISO 8601 time (e.g. 2015-02-05T08:17:01Z) for reproducible updated_at values.")
    var fixedTime: String?

    @Option(name: .customLong("time-step"), help: "With --fixed-time: advance the clock this many seconds at every write.")
    var timeStep: Int64 = 0

    @Option(name: .customLong("rate-limit"), help: "Limit API requests with a token bucket refilled at this rate, e.g. 10/s or 600/m (off by default).")
    var rateLimit: String?

    @Option(help: "With --rate-limit: how many requests may come at once (default: the rate per second, rounded up).")
    var burst: Int?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "A drift or fault profile, KIND[=VALUE][@ENDPOINT][#FIELD][%SCHEDULE] (repeat to combine; default faithful).",
        valueName: "profile"))
    var profiles: [String] = []

    @Flag(name: .customLong("list-profiles"), help: "Print every profile kind with its parameter and the endpoints it applies to, then exit.")
    var listProfiles = false

    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate (chain); needs --tls-key.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Flag(name: .customLong("http2"), help: "With --tls-cert: offer HTTP/2 (ALPN h2) besides HTTP/1.1, so clients can multiplex.")
    var http2 = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard MockConfiguration.isDeploymentID(deploymentID) else {
            throw ValidationError("--deployment-id must be 24 lowercase hex digits, e.g. \(MockConfiguration.defaultDeploymentID)")
        }
        if let fixedTime, MockClock.starting(at: fixedTime) == nil {
            throw ValidationError("--fixed-time must be an ISO 8601 datetime such as 2015-02-05T08:17:01Z")
        }
        if timeStep != 0 && fixedTime == nil { throw ValidationError("--time-step needs --fixed-time") }
        if let rateLimit, RateLimit.parseRate(rateLimit) == nil {
            throw ValidationError("--rate-limit must be a positive rate up to \(Int(RateLimit.maximumRate))/s, such as 10/s, 0.5/s or 600/m")
        }
        if let burst {
            guard rateLimit != nil else { throw ValidationError("--burst needs --rate-limit") }
            guard burst >= 1 else { throw ValidationError("--burst must be at least 1") }
        }
        if (tlsCertificate == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if http2 && tlsCertificate == nil { throw ValidationError("--http2 needs --tls-cert and --tls-key (HTTP/2 is offered in the TLS handshake)") }
        _ = try profileSet()
    }

    /// The profiles the flags name; a bad one is a usage error that names it.
    func profileSet() throws -> MockProfileSet {
        do {
            return try MockProfileSet(parsing: profiles)
        } catch {
            throw ValidationError("--profile: \(error)")
        }
    }

    /// Reads and checks a seed file; a file that cannot be read is reported like a bad one.
    static func readSeed(_ path: String, dataModel: DataModel) throws -> MockSeed {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MockSeedError(file: path, issues: [.init(path: "$", message: "cannot read the file")])
        }
        return try MockSeed.parse(json: Array(data), file: path, dataModel: dataModel)
    }

    /// The token bucket the flags ask for, or `nil`.
    func bucket() throws(MockConfigurationError) -> RateLimit? {
        guard let rate = rateLimit.flatMap(RateLimit.parseRate) else { return nil }
        return try RateLimit(rate: rate, burst: burst ?? max(1, Int(rate.rounded(.up))))
    }

    mutating func execute() async throws {
        if listProfiles {
            print(ProfileCatalog.text, terminator: "")
            return
        }
        let configuration: MockConfiguration
        let tls: MockTLS?
        do {
            let model = try datamodel.map { path throws(DataModelError) in try DataModel.load(path: path) } ?? .shipped
            configuration = try MockConfiguration(
                deploymentID: deploymentID, password: password, token: token, dataModel: model,
                clock: fixedTime.flatMap { MockClock.starting(at: $0, step: timeStep) } ?? .system,
                idGenerator: seedIDs.map { .seeded($0) } ?? .random, seed: try seed.map { try Self.readSeed($0, dataModel: model) },
                rateLimit: try bucket(), profiles: try profileSet())
            tls = try tlsCertificate.map { path throws(MockTLSError) in
                var settings = try MockTLS(certificatePath: path, keyPath: tlsKey ?? "")
                settings.offersHTTP2 = http2
                return settings
            }
        } catch {
            // Data model and seed errors already read `file: error: …`, one line per problem.
            let located = error is DataModelError || error is MockSeedError
            StandardError.write((located ? "" : "error: ") + "\(error)\n")
            throw CommandExit(code: ExitCode.specError)
        }
        let server = MockServer(deployment: MockDeployment(configuration: configuration), host: host, port: port, tls: tls)
        do {
            try await server.run { address in
                // Written unbuffered: a script waits for this line before it sends anything.
                FileHandle.standardOutput.write(Data("listening on \(address.baseURL)\n".utf8))
                // For the person watching; stdout's first line stays the address alone.
                if !configuration.profiles.isFaithful { StandardError.write("profiles: \(configuration.profiles)\n") }
            }
        } catch {
            StandardError.write("error: the mock could not serve on \(host):\(port): \(error)\n")
            throw CommandExit(code: ExitCode.transport)
        }
    }
}
