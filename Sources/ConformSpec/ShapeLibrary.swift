public import ConformShape
import Foundation

/// The compiled `shape` of every case, by where it is written. Compiled once per run and
/// shared by every request that checks it.
public struct CompiledShapes: Sendable {
    /// Keyed by file path, then pointer, code point by code point (two files whose names differ
    /// only by Unicode normalisation are two files). Two levels, so that a spec's shapes are
    /// filed under its path once rather than under a `path#pointer` string built per case.
    private var schemas: [JSONName: [JSONName: CompiledSchema]] = [:]
    /// Source maps of inline shapes (by spec file, with the pointer they sit at) and of shape
    /// files, so a mismatch can name the line of the schema rule it broke.
    private var inlineMaps: [String: [(pointer: String, map: SourceMap)]] = [:]
    private var fileMaps: [String: SourceMap] = [:]
    /// The text of every shape file read, by the path diagnostics name it with.
    public private(set) var fileTexts: [String: String] = [:]

    public init() {}

    /// The `file:line:column` of a schema keyword, e.g. the `required` a response broke.
    public func sourceLocation(of location: SchemaLocation) -> SourceLocation? {
        let pointer = location.pointer.description
        if let map = fileMaps[location.document] { return map.location(of: pointer) }
        let candidates = inlineMaps[location.document] ?? []
        return candidates.first { pointer.hasPrefix($0.pointer) }.map { $0.map.location(of: pointer) }
    }

    /// The source maps and compiled schemas of a run of shapes of one document, filed under
    /// its path once (filing each case's hashed the path twice and built a `path#pointer` key).
    struct DocumentBatch {
        let documentPath: String
        var inline: [(pointer: String, map: SourceMap)] = []
        var schemas: [JSONName: CompiledSchema] = [:]
    }

    mutating func record(_ batch: DocumentBatch) {
        inlineMaps[batch.documentPath, default: []].append(contentsOf: batch.inline)
        guard !batch.schemas.isEmpty else { return }
        schemas[JSONName(batch.documentPath), default: [:]].merge(batch.schemas) { _, new in new }
    }

    mutating func recordFile(_ path: String, _ map: SourceMap) { fileMaps[path] = map }

    mutating func recordText(_ displayPath: String, _ text: String) { fileTexts[displayPath] = text }

    public subscript(source: ShapeSource) -> CompiledSchema? {
        get { schemas[JSONName(source.documentPath)]?[JSONName(source.pointer)] }
        set { schemas[JSONName(source.documentPath), default: [:]][JSONName(source.pointer)] = newValue }
    }

    public var count: Int { schemas.values.reduce(0) { $0 + $1.count } }
}

/// Compiles the shapes of loaded specs, reading shared shape files (`$ref: ../shapes/x.yaml`)
/// as YAML or JSON once each, and turns every schema problem into a `file:line:column`
/// diagnostic, in the spec or in the shape file where it was written.
public enum ShapeLibrary {
    public static func compile(_ specs: [SpecFile]) throws(SpecLoadFailure) -> CompiledShapes {
        let compilation = ShapeCompilation(specPaths: specs.map(\.path))
        for (index, spec) in specs.enumerated() { compilation.add(spec, index: index) }
        return try compilation.finish()
    }

    static func diagnostic(for error: SchemaCompileError, inline source: ShapeSource, files: ShapeFiles) -> Diagnostic {
        let pointer = error.location.pointer.description
        let location: SourceLocation
        if error.location.document == source.documentPath, pointer.hasPrefix(source.pointer) {
            location = source.sourceMap.location(of: pointer)
        } else if let map = files.sourceMap(for: error.location.document) {
            location = map.location(of: pointer)
        } else {
            location = source.location
        }
        let suggestion = error.suggestion.map { " (\($0))" } ?? ""
        let message = error.message.contains(error.suggestion ?? "\u{0}") ? error.message : error.message + suggestion
        return Diagnostic(.schemaError, "shape: \(message)", at: location)
    }
}

/// A compilation specs are added to one by one, from any thread (`SpecLoader` adds each file
/// from the worker that read it); `finish` gives what `ShapeLibrary.compile` gives for the
/// specs in index order, whatever order they were added in.
final class ShapeCompilation: @unchecked Sendable {
    // Everything below is only touched under `lock`, except `waiting` (under `waitingLock`).
    private let lock = NSLock()
    private let files: ShapeFiles
    private var registry: SchemaRegistry
    private var compiled = CompiledShapes()
    private var problemsBySpec: [Int: [Diagnostic]] = [:]
    /// Specs added while another thread compiled: that thread compiles them too.
    private let waitingLock = NSLock()
    private var waiting: [(spec: SpecFile, index: Int)] = []

    init(specPaths: [String]) {
        let files = ShapeFiles(specPaths: specPaths)
        self.files = files
        registry = SchemaRegistry { uri in try files.load(uri) }
    }

    /// Compiles the shapes of every case and teardown step of `spec`, the `index`-th spec, now
    /// or, when another thread is compiling, by that thread. Never waits: a shape file compiled
    /// for the first time takes milliseconds, and the caller has files to read meanwhile
    /// (waiting, the other core idled ~2 ms at the start of every run).
    func add(_ spec: SpecFile, index: Int) {
        waitingLock.withLock { waiting.append((spec, index)) }
        while lock.try() {
            while let next = waitingLock.withLock({ waiting.popLast() }) { compileLocked(next.spec, index: next.index) }
            lock.unlock()
            // A spec left here after the last look, while the lock was still held, is taken now.
            if waitingLock.withLock({ waiting.isEmpty }) { return }
        }
    }

    private func compileLocked(_ spec: SpecFile, index: Int) {
        var problems: [Diagnostic] = []
        var batch: CompiledShapes.DocumentBatch?
        // Shapes are reached in place (copying every step of a 500-file suite to list them
        // cost more than compiling the shapes they share).
        for caseIndex in spec.cases.indices {
            if let source = spec.cases[caseIndex].step.expect.shape { add(source, to: &batch, problems: &problems) }
        }
        for stepIndex in spec.teardown.indices {
            if let source = spec.teardown[stepIndex].expect.shape { add(source, to: &batch, problems: &problems) }
        }
        if let batch { compiled.record(batch) }
        if !problems.isEmpty { problemsBySpec[index] = problems }
    }

    /// Compiles one shape into `batch`, which holds the shapes of one document (every shape
    /// of a spec is written in it); a shape of another document first files the batch.
    private func add(_ source: ShapeSource, to batch: inout CompiledShapes.DocumentBatch?, problems: inout [Diagnostic]) {
        if let current = batch, !current.documentPath.hasSameCodePoints(as: source.documentPath) {
            compiled.record(current)
            batch = nil
        }
        if batch == nil { batch = CompiledShapes.DocumentBatch(documentPath: source.documentPath) }
        batch!.inline.append((source.pointer, source.sourceMap))
        // The pointer is parsed only for a schema compiled in place.
        if let shared = registry.compileSharedReference(source.schema, embeddedIn: source.documentPath) {
            batch!.schemas[JSONName(source.pointer)] = shared
            return
        }
        do {
            let pointer = try JSONPointer(parsing: source.pointer)
            batch!.schemas[JSONName(source.pointer)] = try registry.compile(source.schema, embeddedIn: source.documentPath, at: pointer)
        } catch let failure as SchemaCompileFailure {
            for error in failure.errors {
                problems.append(ShapeLibrary.diagnostic(for: error, inline: source, files: files))
            }
        } catch {
            problems.append(Diagnostic(.schemaError, "shape: \(error)", at: source.location))
        }
    }

    /// The compiled shapes, or every problem: the specs' in index order, then the shape files'.
    func finish() throws(SpecLoadFailure) -> CompiledShapes {
        let result: Result<CompiledShapes, SpecLoadFailure> = lock.withLock {
            while let next = waitingLock.withLock({ waiting.popLast() }) { compileLocked(next.spec, index: next.index) }
            // Shape files are read in the order specs were added: sorted, so that any order of
            // adding reports their problems alike.
            let fileProblems = files.problems.sorted { left, right in
                let (l, r) = (left.location, right.location)
                return (l?.file ?? "", l?.line ?? 0, l?.column ?? 0, left.message)
                    < (r?.file ?? "", r?.line ?? 0, r?.column ?? 0, right.message)
            }
            let problems = problemsBySpec.keys.sorted().flatMap { problemsBySpec[$0] ?? [] } + fileProblems
            for (path, map) in files.allMaps { compiled.recordFile(path, map) }
            for (path, text) in files.allTexts { compiled.recordText(path, text) }
            guard problems.isEmpty else {
                // The same shared-file error is found once per spec that refers to it: report it once.
                var seen = Set<String>()
                return .failure(SpecLoadFailure(problems.filter { seen.insert($0.description).inserted }))
            }
            return .success(compiled)
        }
        return try result.get()
    }
}

/// Shared shape files, read on demand by the schema registry; keeps each file's source map
/// so errors inside it point at its lines.
final class ShapeFiles: @unchecked Sendable {
    // The registry calls `load` synchronously from one thread; the lock keeps it honest.
    private let lock = NSLock()
    private var maps: [String: SourceMap] = [:]
    private var texts: [String: String] = [:]
    private(set) var problems: [Diagnostic] = []

    struct Unreadable: Error, CustomStringConvertible { let description: String }

    /// Folders a `$ref` may read from (real paths, no symlinks, no `..`). Worked out on the
    /// first shape file read (under the lock): a suite with only inline shapes never pays for it.
    private let specPaths: [String]
    private lazy var roots: [String] = Self.roots(for: specPaths).map(Self.realPath)

    init(specPaths: [String]) { self.specPaths = specPaths }

    /// The spec tree: the working folder, each spec file's folder, and the nearest folder
    /// above a spec that holds `conform.yaml` (so `../shapes/x.yaml` works from a subfolder).
    /// Each folder is looked at once, however many specs it holds.
    static func roots(for specPaths: [String]) -> [String] {
        var roots = [FileManager.default.currentDirectoryPath]
        var seenFolders = Set<String>()
        for spec in specPaths {
            // The folder as written, by a byte search (NSString path methods cost ~10,000
            // instructions a call, and this runs once per spec file before the first request).
            let slash = spec.utf8.lastIndex(of: UInt8(ascii: "/"))
            guard seenFolders.insert(slash.map { String(spec[...$0]) } ?? "").inserted else { continue }
            var folder = URL(fileURLWithPath: spec).standardizedFileURL.deletingLastPathComponent()
            roots.append(folder.path)
            while folder.path != "/" {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("conform.yaml").path) {
                    roots.append(folder.path)
                    break
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return Array(Set(roots)).sorted()
    }

    /// `path` with `.`, `..` and symlinks resolved: by realpath(3) when it exists (Foundation's
    /// URL resolution costs ~800,000 instructions a path here), else by Foundation, which also
    /// resolves what it can of a path that does not exist.
    static func realPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `path` lies inside one of the roots, after `..` and symlinks are resolved.
    func isInsideSpecTree(_ path: String) -> Bool {
        let real = Self.realPath(path)
        let roots = lock.withLock { self.roots }
        return roots.contains { root in root == "/" || real == root || real.hasPrefix(root + "/") }
    }

    func load(_ uri: String) throws -> JSONValue? {
        let path = uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
        guard path.hasPrefix("/") else { return nil }
        // A `$ref` must not read the machine's files (`/etc/shadow`) and echo them in errors:
        // only the spec tree is readable, and nothing of a refused file is shown.
        guard isInsideSpecTree(path) else {
            throw Unreadable(description: "\(Self.displayPath(path)) is outside the spec tree (shape files must live in the working folder, "
                + "beside the specs or under the folder that holds conform.yaml)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let display = Self.displayPath(path)
        // YAML is a superset of JSON, so one reader handles both kinds of shape file.
        let root: SourceNode
        do { root = try SourceNode.parse(yaml: [UInt8](data), file: display) } catch {
            lock.withLock { problems.append(error) }
            throw Unreadable(description: error.message)
        }
        var map = SourceMap(file: display)
        let value = root.jsonValue(map: &map)
        lock.withLock {
            maps[path] = map
            texts[display] = String(decoding: data, as: UTF8.self)
        }
        return value
    }

    var allMaps: [String: SourceMap] { lock.withLock { maps } }
    var allTexts: [String: String] { lock.withLock { texts } }

    func sourceMap(for document: String) -> SourceMap? {
        let path = document.hasPrefix("file://") ? String(document.dropFirst(7)) : document
        return lock.withLock { maps[path] }
    }

    /// Paths under the working folder are shown relative to it, as the user typed them.
    static func displayPath(_ absolute: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
    }
}

/// Shape files read as `$ref`s read them (YAML or JSON, confined to the spec tree), for tools
/// that work on the schemas themselves rather than checking responses (`conform export openapi`).
public struct ShapeDocuments: Sendable {
    private let files: ShapeFiles

    public init(specs: [SpecFile]) { files = ShapeFiles(specPaths: specs.map(\.path)) }

    /// The document at an absolute path; `nil` when it does not exist. Throws when it lies
    /// outside the spec tree or is not YAML/JSON.
    public func document(at absolutePath: String) throws -> JSONValue? { try files.load(absolutePath) }
}
