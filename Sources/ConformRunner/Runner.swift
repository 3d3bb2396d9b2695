import ConformHTTP
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
        // A unit runs its files one after another: a single file, or every file of a `group`.
        let units = Self.units(specs)
        let progress = RunProgress(count: specs.count, onSpecFinished: onSpecFinished, onSpecCompleted: onSpecCompleted)
        // `width` workers, each taking the next unit as soon as its last one ends: no task per
        // unit, and no hop through a coordinating task between one unit and the next.
        await withTaskGroup(of: Void.self) { taskGroup in
            for _ in 0..<min(width, units.count) {
                taskGroup.addTask(executorPreference: transport.preferredExecutor) { [dispatcher, builder] in
                    while let unit = progress.takeUnit(of: units.count) {
                        for index in units[unit] {
                            let executor = SpecExecutor(spec: specs[index], configuration: configuration, dispatcher: dispatcher,
                                                        shapes: shapes, builder: builder, redactor: redactor, targetFacts: targetFacts)
                            progress.record(await executor.run(), at: index)
                        }
                    }
                }
            }
        }
        let results = progress.results
        return RunResult(specs: results, startedAt: started, duration: (clock.now - start).seconds,
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

/// The files of a run as they finish, for the workers that run them: which unit comes next,
/// each result in its place, and the callbacks, called one at a time (under the lock), so
/// output never interleaves.
private final class RunProgress: @unchecked Sendable {
    // Everything below is only touched under `lock`.
    private let lock = NSLock()
    private var nextUnit = 0
    private var slots: [SpecResult?]
    private var nextToReport = 0
    private let onSpecFinished: @Sendable (SpecResult) -> Void
    private let onSpecCompleted: @Sendable (SpecResult) -> Void

    init(count: Int, onSpecFinished: @escaping @Sendable (SpecResult) -> Void, onSpecCompleted: @escaping @Sendable (SpecResult) -> Void) {
        slots = Array(repeating: nil, count: count)
        self.onSpecFinished = onSpecFinished
        self.onSpecCompleted = onSpecCompleted
    }

    /// The next unit to run, in order, or nil when every unit has been taken.
    func takeUnit(of count: Int) -> Int? {
        lock.withLock {
            guard nextUnit < count else { return nil }
            defer { nextUnit += 1 }
            return nextUnit
        }
    }

    func record(_ result: SpecResult, at index: Int) {
        lock.withLock {
            slots[index] = result
            onSpecCompleted(result)
            while nextToReport < slots.count, let ready = slots[nextToReport] {
                onSpecFinished(ready)
                nextToReport += 1
            }
        }
    }

    /// Every file's result, in the order the files were given (once all have been recorded).
    var results: [SpecResult] { lock.withLock { slots.compactMap { $0 } } }
}
