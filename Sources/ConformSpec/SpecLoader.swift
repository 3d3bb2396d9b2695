public import Foundation
import ConformShape

/// Loads spec files into the model and checks them, reporting every problem at once.
public struct SpecLoader: Sendable {
    /// Variables the target and the command line define (their names are all the check needs).
    public var knownVariables: Set<String>
    public var environment: [String: String]

    public init(knownVariables: Set<String> = [], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.knownVariables = knownVariables
        self.environment = environment
    }

    /// Loads every spec under `paths`. Throws when any file has a problem; nothing is run then.
    public func load(paths: [String]) throws(SpecLoadFailure) -> [SpecFile] {
        try Self.collect(loadConcurrently(try SpecDiscovery.specFiles(in: paths)))
    }

    /// Loads every spec under `paths` and compiles their shapes (see `ShapeLibrary.compile`).
    /// Each file's shapes are compiled by the worker that read it, as soon as it has, so the
    /// compilation is done when the last file is (on one core after them all, it was ~4 ms of
    /// a 500-file run's start with every other core idle). Throws the files' problems first,
    /// as loading and then compiling would.
    public func loadCompilingShapes(paths: [String]) throws(SpecLoadFailure) -> (specs: [SpecFile], shapes: CompiledShapes) {
        let files = try SpecDiscovery.specFiles(in: paths)
        let compilation = ShapeCompilation(specPaths: files)
        let specs = try Self.collect(loadConcurrently(files) { index, spec in compilation.add(spec, index: index) })
        return (specs, try compilation.finish())
    }

    /// The specs, or every file's problems in file order.
    private static func collect(_ results: [(spec: SpecFile?, diagnostics: [Diagnostic])]) throws(SpecLoadFailure) -> [SpecFile] {
        var specs: [SpecFile] = []
        var problems: [Diagnostic] = []
        for result in results {
            problems += result.diagnostics
            if let spec = result.spec { specs.append(spec) }
        }
        if !problems.isEmpty { throw SpecLoadFailure(problems) }
        return specs
    }

    /// One file: the spec (when it could be built) and its problems.
    public func load(file path: String) -> (spec: SpecFile?, diagnostics: [Diagnostic]) {
        load(file: path, absolutePath: StandardizedPaths.standardized(path))
    }

    /// One file whose standardized path (`$ref`s resolve against it) is already known.
    func load(file path: String, absolutePath absolute: String) -> (spec: SpecFile?, diagnostics: [Diagnostic]) {
        let sink = DiagnosticSink()
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Diagnostic(.unreadableFile, "cannot read \(path)", at: nil)])
        }
        // The bytes go to the YAML reader as they are, so bad UTF-8 is reported at its line and column.
        let root: SourceNode
        do { root = try SourceNode.parse(yaml: [UInt8](data), file: path) } catch { return (nil, [error]) }
        var spec = SpecDecoder(sink: sink, displayPath: path, absolutePath: absolute).decode(root)
        spec?.sourceText = String(decoding: data, as: UTF8.self)
        if let spec {
            VariableCheck(knownFromTarget: knownVariables, environment: environment, sink: sink).check(spec)
        }
        return (sink.isEmpty ? spec : nil, sink.diagnostics)
    }

    /// Files are independent, so they are read on all cores; results keep the input order.
    /// `loaded` is called on the reading worker for each file read without a problem.
    func loadConcurrently(_ files: [String], loaded: (@Sendable (Int, SpecFile) -> Void)? = nil)
        -> [(spec: SpecFile?, diagnostics: [Diagnostic])]
    {
        let results = ResultSlots<(spec: SpecFile?, diagnostics: [Diagnostic])>(count: files.count)
        var standard = StandardizedPaths()
        let absolutePaths = files.map { standard.standardized($0) }
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = load(file: files[index], absolutePath: absolutePaths[index])
            if let spec = result.spec, let loaded { loaded(index, spec) }
            results.set(index, result)
        }
        return results.values
    }
}

/// Fixed slots written once each from concurrent workers (the spec loader's files, the
/// reports' parts).
package final class ResultSlots<T>: @unchecked Sendable {
    // Each index is written by exactly one worker and read only after all have finished.
    private var slots: [T?]
    private let lock = NSLock()

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    package var values: [T] { slots.compactMap { $0 } }
}
