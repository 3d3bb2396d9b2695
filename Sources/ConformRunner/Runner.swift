public import ConformHTTP
public import ConformSpec
import Foundation

/// Runs spec files against a target: files side by side (up to `concurrency`), cases within
/// a file in order. Results come back in the order the files were given, and the
/// `onSpecFinished` callback sees them in that order too, so output never interleaves.
public struct Runner: Sendable {
    public let configuration: RunConfiguration
    public let transport: any HTTPTransport
    public let shapes: CompiledShapes

    public init(configuration: RunConfiguration, transport: any HTTPTransport, shapes: CompiledShapes) {
        self.configuration = configuration
        self.transport = transport
        self.shapes = shapes
    }

    public func run(_ specs: [SpecFile], onSpecFinished: @escaping @Sendable (SpecResult) -> Void = { _ in }) async -> RunResult {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let redactor = configuration.redactor
        let builder = RequestBuilder(baseURL: configuration.baseURL, credentials: configuration.credentials,
                                     allowInsecureHTTP: configuration.allowInsecureHTTP, defaultTimeout: configuration.timeout)
        let width = max(1, configuration.concurrency)
        let dispatcher = RequestDispatcher(transport: transport, retry: configuration.retry,
                                           health: TargetHealth(threshold: configuration.deadTargetThreshold),
                                           pacer: configuration.rate.map { RequestPacer(requestsPerSecond: $0) })
        var results = [SpecResult?](repeating: nil, count: specs.count)
        var nextToReport = 0
        await withTaskGroup(of: (Int, SpecResult).self) { group in
            var nextToStart = 0
            func startNext() {
                guard nextToStart < specs.count else { return }
                let index = nextToStart
                let executor = SpecExecutor(spec: specs[index], configuration: configuration, dispatcher: dispatcher,
                                            shapes: shapes, builder: builder, redactor: redactor)
                group.addTask { (index, await executor.run()) }
                nextToStart += 1
            }
            for _ in 0..<width { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                while nextToReport < results.count, let ready = results[nextToReport] {
                    onSpecFinished(ready)
                    nextToReport += 1
                }
                startNext()
            }
        }
        return RunResult(specs: results.compactMap { $0 }, startedAt: started, duration: (clock.now - start).seconds,
                         targetDescription: configuration.baseURL)
    }
}
