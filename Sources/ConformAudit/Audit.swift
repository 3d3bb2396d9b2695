public import ConformDataModel
import ConformHTTP
public import ConformMock
public import ConformShape
import ConformRunner
public import ConformSpec
import Foundation

/// `conform audit`: how strong is a suite? It runs the suite against the mock deployment once
/// faithfully, once under additive drift (which must cause no failure: additions are not
/// breaking), and once under every breaking change the mock can make at every endpoint it
/// applies to (each must make at least one gating case fail: otherwise the suite would let
/// that change through).
public struct Audit: Sendable {
    public struct Options: Sendable {
        /// Suite variables (as `--var` and `conform.yaml` give them).
        public var variables: [String: JSONValue] = [:]
        public var concurrency = 8
        /// Only these breaking kinds (all when empty), e.g. to audit one class quickly.
        public var kinds: Set<ProfileKind> = []
        /// Only mutations at endpoints whose description contains this text.
        public var endpointFilter: String?
        public var dataModel: DataModel = .shipped

        public init() {}
    }

    /// One breaking change at one endpoint, and what caught it.
    public struct Finding: Sendable {
        public let profile: MockProfile
        /// Gating cases that failed or errored (spec path › case name), in run order.
        public let caughtBy: [String]
        /// Beta cases that failed: they report the change but do not gate.
        public let seenOnlyByBeta: [String]
        public var isCaught: Bool { !caughtBy.isEmpty }
    }

    public struct Report: Sendable {
        public let specCount: Int
        public let caseCount: Int
        /// Gating cases that failed against the faithful mock: the audit means nothing until they pass.
        public let baselineFailures: [String]
        /// Gating cases that failed under additive drift (false positives of the suite).
        public let additiveFailures: [String]
        public let additiveDriftCount: Int
        public let findings: [Finding]
        public let duration: Double

        public var missed: [Finding] { findings.filter { !$0.isCaught } }
        public var passed: Bool { baselineFailures.isEmpty && additiveFailures.isEmpty && missed.isEmpty }
    }

    public let specs: [SpecFile]
    public let shapes: CompiledShapes
    public let options: Options

    public init(specs: [SpecFile], shapes: CompiledShapes, options: Options) {
        self.specs = specs
        self.shapes = shapes
        self.options = options
    }

    /// The mutations this audit runs, in catalog order.
    public var mutations: [MockProfile] {
        ProfileCatalog.breakingMatrix.filter { profile in
            (options.kinds.isEmpty || options.kinds.contains(profile.kind))
                && (options.endpointFilter.map { profile.description.contains($0) } ?? true)
        }
    }

    /// Runs everything against one in-process mock; `progress` sees each finding as it comes.
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let token = "audit-" + UUID().uuidString.lowercased()
        let configuration = try MockConfiguration(token: token, dataModel: options.dataModel)
        let deployment = MockDeployment(configuration: configuration)
        let server = try await MockServer(deployment: deployment, logger: MockServer.quietLogger()).start()
        // The server and the client are stopped on every way out, errors included.
        let outcome: Result<Measured, any Error>
        do {
            let client = try HTTPClient(configuration: HTTPClientConfiguration(maxConnections: options.concurrency))
            do {
                outcome = .success(try await measure(server: server, deployment: deployment, client: client, token: token,
                                                     deploymentID: configuration.deploymentID, progress: progress))
            } catch {
                outcome = .failure(error)
            }
            await client.shutdown()
        } catch {
            outcome = .failure(error)
        }
        await server.shutdown()
        let (baselineFailures, additiveFailures, additive, findings) = try outcome.get()
        return Report(specCount: specs.count, caseCount: specs.reduce(0) { $0 + $1.cases.count },
                      baselineFailures: baselineFailures, additiveFailures: additiveFailures,
                      additiveDriftCount: additive.driftSummary.count, findings: findings,
                      duration: (clock.now - start).seconds)
    }

    private typealias Measured = (baselineFailures: [String], additiveFailures: [String], additive: RunResult, findings: [Finding])

    /// The suite faithfully, under additive drift, and under each mutation.
    private func measure(server: RunningMockServer, deployment: MockDeployment, client: HTTPClient, token: String,
                         deploymentID: String, progress: @escaping @Sendable (String) -> Void) async throws -> Measured {
        var run = RunConfiguration(baseURL: server.apiBaseURL(deploymentID: deploymentID),
                                   credentials: .namedToken(token))
        run.variables = options.variables
        run.concurrency = options.concurrency
        // A mutation must be caught by the checks, not hidden by a retry or a dead-target stop.
        run.retry = RetryPolicy.none
        run.maxTransportFailures = 0
        let runner = Runner(configuration: run, transport: client, shapes: shapes)

        func execute(_ profiles: MockProfileSet) async -> RunResult {
            deployment.reset(profiles: profiles)
            return await runner.run(specs)
        }

        let baseline = await execute([])
        let baselineFailures = Self.broken(baseline, gating: true)
        progress("faithful: \(baselineFailures.isEmpty ? "every gating case passes" : "\(baselineFailures.count) gating cases fail")")
        let additiveProfile = try MockProfileSet(parsing: ["additive"])
        let additive = await execute(additiveProfile)
        let additiveFailures = Self.broken(additive, gating: true)
        progress("additive: \(additiveFailures.isEmpty ? "no failures" : "\(additiveFailures.count) false positives"), \(additive.driftSummary.count) drift records")

        var findings: [Finding] = []
        let baselineBroken = Set(Self.broken(baseline, gating: false))
        let betaEndpoints = Self.betaEndpoints(specs)
        for profile in mutations {
            let result = await execute(MockProfileSet([profile]))
            // Only what broke because of the change counts (not what already failed without it).
            var caught = Self.broken(result, gating: true).filter { !baselineBroken.contains($0) }
            var beta = Self.broken(result, gating: false).filter { !baselineBroken.contains($0) && !caught.contains($0) }
            // Beta APIs may break: at an endpoint the suite only covers with beta specs, a beta
            // case reporting the change is all the suite promises.
            if caught.isEmpty, let endpoint = profile.endpoint?.description, betaEndpoints.contains(endpoint), !beta.isEmpty {
                caught = beta.map { $0 + " (beta)" }
                beta = []
            }
            let finding = Finding(profile: profile, caughtBy: caught, seenOnlyByBeta: beta)
            progress("\(profile): \(finding.isCaught ? "caught by \(caught[0])" : "MISSED")")
            findings.append(finding)
        }
        return (baselineFailures, additiveFailures, additive, findings)
    }

    /// Endpoints whose every spec is `stability: beta`.
    static func betaEndpoints(_ specs: [SpecFile]) -> Set<String> {
        var stable = Set<String>(), all = Set<String>()
        for spec in specs {
            all.insert(spec.endpoint.description)
            if spec.stability == .stable { stable.insert(spec.endpoint.description) }
        }
        return all.subtracting(stable)
    }

    /// `spec › case` of every case that failed or errored (only gating ones, or all).
    static func broken(_ result: RunResult, gating: Bool) -> [String] {
        result.specs.flatMap { spec in
            spec.cases.filter { ($0.status == .failed || $0.status == .error) && (!gating || $0.gates) }
                .map { "\(spec.path) › \($0.name)" }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
