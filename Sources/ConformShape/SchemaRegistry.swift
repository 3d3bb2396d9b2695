/// Schema documents by identifier, and the place schemas are compiled.
///
/// Identifiers are URI references: usually absolute file paths such as
/// `/x/Specs/shapes/object.yaml`, or URLs/URNs from a document's `$id`. A `$ref` is resolved
/// against the identifier of the document it is written in (RFC 3986), so
/// `../shapes/object.yaml#/$defs/status` from `/x/Specs/objects/get.yaml` names
/// `/x/Specs/shapes/object.yaml`, JSON Pointer `/$defs/status`.
///
/// Documents that are not registered are fetched with the `loader` the first time a `$ref`
/// needs them (the caller reads the file and converts YAML or JSON to a `JSONValue`), and
/// kept for later compilations.
///
/// ```swift
/// var registry = SchemaRegistry { uri in try loadYAMLAsJSON(path: uri) }
/// let shape = try registry.compile(caseShape, embeddedIn: specPath, at: JSONPointer(["cases", "0", "expect", "shape"]))
/// let result = shape.check(responseBody)
/// ```
public struct SchemaRegistry: Sendable {
    /// Fetches a document by absolute identifier (no fragment). Return `nil` when there is no
    /// such document; throw to explain why it could not be read (the error's description
    /// becomes part of the compile error).
    public typealias Loader = @Sendable (_ uri: String) throws -> JSONValue?

    /// By identifier, code point by code point (like `compiledTargets`): files whose paths
    /// differ only by Unicode normalisation are two documents.
    private var documents: [JSONName: JSONValue] = [:]
    /// A document's root `$id` (resolved) -> the identifier it was registered under.
    private var aliases: [JSONName: String] = [:]
    private let loader: Loader?
    /// Compiled `$ref` targets by (folder of the referring document, reference text): most
    /// cases write `shape: { $ref: ../shapes/x.yaml }`, and each target is compiled once.
    /// Two levels, and the last document's folder kept: the cases of a spec share its folder,
    /// which is then neither worked out nor joined to the reference again for each of them.
    /// Keyed code point by code point: two folders (or references) whose names differ only by
    /// Unicode normalisation are two places, not one as `String ==` would have it.
    private var compiledTargets: [JSONName: [JSONName: CompiledSchema]] = [:]
    private var lastFolder: (document: String, folder: String)?

    public init(loader: Loader? = nil) {
        self.loader = loader
    }

    /// Adds (or replaces) a schema document. `uri` is how `$ref`s and errors name it.
    public mutating func register(_ document: JSONValue, as uri: String) {
        let key = URIReference(parsing: uri).withoutFragment.text
        // A replaced document must not keep its old compilation (new ones change nothing cached).
        if documents[JSONName(key)] != nil { compiledTargets = [:] }
        documents[JSONName(key)] = document
        if case .string(let id)? = document["$id"] {
            let resolved = URIReference(parsing: key).resolving(URIReference(parsing: id)).withoutFragment.text
            if !resolved.hasSameCodePoints(as: key) { aliases[JSONName(resolved)] = key }
        }
    }

    /// The identifiers of every document registered or loaded so far, sorted.
    public var documentIdentifiers: [String] { documents.keys.map(\.text).sorted() }

    /// The registered (or already loaded) document with this identifier.
    public func document(_ uri: String) -> JSONValue? {
        let key = URIReference(parsing: uri).withoutFragment.text
        return documents[JSONName(key)] ?? aliases[JSONName(key)].flatMap { documents[JSONName($0)] }
    }

    /// Compiles the schema at `uri`: a whole document (`/x/shapes/task.yaml`) or a part of one
    /// (`/x/shapes/task.yaml#/$defs/status`, or an `$anchor` name after the `#`).
    ///
    /// Every document involved is compiled in full, so an error in an unreferenced `$defs`
    /// entry is reported too. Throws every compile error found, not only the first.
    public mutating func compile(uri: String) throws(SchemaCompileFailure) -> CompiledSchema {
        var compiler = SchemaCompiler(registry: self)
        let root = compiler.compileReference(uri)
        let result = compiler.finish(root: root)
        absorbLoadedDocuments(from: compiler)
        return try result.get()
    }

    /// Compiles a schema that is written inside another file, e.g. the `shape:` of a case in
    /// a spec file. `document` is that file's identifier: relative `$ref`s resolve against it,
    /// and compile errors name it with `pointer` (where the schema sits in the file) prefixed
    /// to their JSON Pointer. Fragment-only references (`#/$defs/x`) resolve inside `schema`
    /// itself, since the file around it is not a schema.
    public mutating func compile(_ schema: JSONValue, embeddedIn document: String, at pointer: JSONPointer = .root)
        throws(SchemaCompileFailure) -> CompiledSchema
    {
        if let shared = compileSharedReference(schema, embeddedIn: document) { return shared }
        var compiler = SchemaCompiler(registry: self)
        let unit = compiler.addUnit(schema, name: document, pointerPrefix: pointer,
            retrievalURI: URIReference(parsing: document).withoutFragment)
        let root = compiler.reserve(unit: unit, pointer: .root)
        let result = compiler.finish(root: root)
        absorbLoadedDocuments(from: compiler)
        return try result.get()
    }

    /// The compilation a schema shares when it is only a `$ref` to another document
    /// (`shape: { $ref: ../shapes/x.yaml }`, the commonest shape of all): such a schema adds
    /// no rule of its own (every mismatch already points into the target), so each target is
    /// compiled once for every schema naming it from the same folder. `nil` for any other
    /// schema, and when the target does not compile (compile it in place then, so the errors
    /// point at the `$ref`). Fragment-only references resolve inside the schema itself.
    public mutating func compileSharedReference(_ schema: JSONValue, embeddedIn document: String) -> CompiledSchema? {
        guard case .object(let members) = schema, members.count == 1, case .string(let reference)? = members["$ref"],
            !reference.hasPrefix("#"), !reference.isEmpty, !reference.hasPrefix("?")  // those name the referring file itself
        else { return nil }
        let folder: String
        if let last = lastFolder, last.document.hasSameCodePoints(as: document) {
            folder = last.folder
        } else {
            folder = Self.folder(of: document)
            lastFolder = (document, folder)
        }
        if let cached = compiledTargets[JSONName(folder)]?[JSONName(reference)] { return cached }
        let target = URIReference(parsing: document).withoutFragment.resolving(URIReference(parsing: reference)).text
        guard let compiled = try? compile(uri: target) else { return nil }
        compiledTargets[JSONName(folder), default: [:]][JSONName(reference)] = compiled
        return compiled
    }

    /// `document` up to its last `/` (empty without one).
    static func folder(of document: String) -> String {
        // In ASCII every `/` byte is a `/` Character: a byte search from the end, instead of
        // a Character one (~6,000 instructions for an absolute path).
        let slash = document.utf8.allSatisfy { $0 < 0x80 }
            ? document.utf8.lastIndex(of: UInt8(ascii: "/")) : document.lastIndex(of: "/")
        return slash.map { String(document[..<$0]) } ?? ""
    }

    // MARK: - Used by the compiler

    /// The document for an absolute identifier: registered, aliased by `$id`, or loaded.
    func lookUpOrLoad(_ key: String) -> Result<(key: String, document: JSONValue), LoadError> {
        if let document = documents[JSONName(key)] { return .success((key, document)) }
        if let registered = aliases[JSONName(key)], let document = documents[JSONName(registered)] {
            return .success((registered, document))
        }
        guard let loader else { return .failure(LoadError(reason: "no document is registered as `\(key)`")) }
        do {
            guard let document = try loader(key) else {
                return .failure(LoadError(reason: "no document found at `\(key)`"))
            }
            return .success((key, document))
        } catch {
            return .failure(LoadError(reason: "could not load `\(key)`: \(error)"))
        }
    }

    struct LoadError: Error {
        let reason: String
    }

    private mutating func absorbLoadedDocuments(from compiler: SchemaCompiler) {
        for (key, document) in compiler.loadedDocuments where documents[JSONName(key)] == nil {
            register(document, as: key)
        }
    }
}
