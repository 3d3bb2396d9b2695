public import ConformHTTP
public import ConformSpec
import Foundation

/// Runs spec files against a target: files side by side (up to `concurrency`), cases within
/// a file in order. Results come back in the order the files were given, and the
/// `onSpecFinished` callback sees them in that order too; `onSpecCompleted` sees each file the
/// moment it finishes (the live console), whatever its place. Both are called from one task
/// at a time, so output never interleaves.
public struct Runner: Sendable {
    public let configuration: RunConfiguration
    public let transport: any HTTPTransport
    public let shapes: CompiledShapes

    public init(configuration: RunConfiguration, transport: any HTTPTransport, shapes: CompiledShapes) {
        self.configuration = configuration
        self.transport = transport
        self.shapes = shapes
    }

    public func run(_ specs: [SpecFile], onSpecFinished: @escaping @Sendable (SpecResult) -> Void = { _ in },
                    onSpecCompleted: @escaping @Sendable (SpecResult) -> Void = { _ in }) async -> RunResult {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let redactor = configuration.redactor
        var builder = RequestBuilder(baseURL: configuration.baseURL, credentials: configuration.credentials,
                                     allowInsecureHTTP: configuration.allowInsecureHTTP, defaultTimeout: configuration.timeout)
        builder.connectTimeout = configuration.connectTimeout
        builder.defaultHeaders = configuration.defaultHeaders
        let width = max(1, configuration.concurrency)
        let health = TargetHealth(limit: configuration.maxTransportFailures)
        var dispatcher = RequestDispatcher(transport: transport, retry: configuration.retry, health: health,
                                           pacer: configuration.rate.map { RequestPacer(requestsPerSecond: $0) })
        dispatcher.interruption = configuration.interruption
        let targetFacts = VariableScope.facts(forBaseURL: configuration.baseURL)
        var results = [SpecResult?](repeating: nil, count: specs.count)
        var nextToReport = 0
        // A unit runs its files one after another: a single file, or every file of a `group`.
        let units = Self.units(specs)
        await withTaskGroup(of: [(Int, SpecResult)].self) { taskGroup in
            var nextUnit = 0
            func startNext() {
                guard nextUnit < units.count else { return }
                let executors = units[nextUnit].map { index in
                    (index, SpecExecutor(spec: specs[index], configuration: configuration, dispatcher: dispatcher,
                                         shapes: shapes, builder: builder, redactor: redactor, targetFacts: targetFacts))
                }
                taskGroup.addTask {
                    var finished: [(Int, SpecResult)] = []
                    for (index, executor) in executors { finished.append((index, await executor.run())) }
                    return finished
                }
                nextUnit += 1
            }
            for _ in 0..<width { startNext() }
            while let finished = await taskGroup.next() {
                for (index, result) in finished {
                    results[index] = result
                    onSpecCompleted(result)
                }
                while nextToReport < results.count, let ready = results[nextToReport] {
                    onSpecFinished(ready)
                    nextToReport += 1
                }
                startNext()
            }
        }
        return RunResult(specs: results.compactMap { $0 }, startedAt: started, duration: (clock.now - start).seconds,
                         targetDescription: configuration.baseURL, abandonedTargets: health.abandonedTargets)
    }

    /// Indices of the files to run together, in path order: each ungrouped file alone, each
    /// group's files in one unit (placed where its first file is).
    static func units(_ specs: [SpecFile]) -> [[Int]] {
        var units: [[Int]] = []
        var unitOfGroup: [String: Int] = [:]
        for (index, spec) in specs.enumerated() {
            if let group = spec.group {
                if let unit = unitOfGroup[group] { units[unit].append(index); continue }
                unitOfGroup[group] = units.count
            }
            units.append([index])
        }
        return units
    }
}
