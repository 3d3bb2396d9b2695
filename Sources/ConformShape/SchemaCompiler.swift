/// Turns schema documents into a `SchemaProgram`, collecting every error on the way.
///
/// One compilation works on "units": the documents it touches (the root schema, and every
/// document a `$ref` leads to). Each subschema location `(unit, pointer)` gets one node id,
/// reserved before it is compiled, so a `$ref` can name a node that is still being built
/// (that is how recursive schemas close their loops).
struct SchemaCompiler {
    /// A document taking part in this compilation.
    struct Unit {
        /// How errors and mismatches name the document (the caller's identifier).
        let name: String
        /// Where the unit's root sits inside that document (non-empty for embedded schemas).
        let pointerPrefix: JSONPointer
        let root: JSONValue
        /// The identifier relative references resolve against (before any `$id`).
        let retrievalURI: URIReference
        /// Every schema resource in the unit (the root, and each subschema with `$id`), with
        /// its resolved base URI. Used to find the base URI of a node compiled out of order.
        var resourceBases: [(pointer: JSONPointer, base: URIReference)] = []
    }

    struct NodeKey: Hashable {
        let unit: Int
        let pointer: JSONPointer
    }

    /// Deeper than this many nested subschemas is refused (a hostile or generated schema
    /// must not exhaust the stack while compiling).
    static let maximumNesting = 200

    let registry: SchemaRegistry
    var units: [Unit] = []
    var unitByURI: [String: Int] = [:]
    /// Absolute URI of a schema resource (no fragment) -> where it is.
    var resources: [String: NodeKey] = [:]
    /// `absolute-uri#anchor` -> the subschema carrying that `$anchor`.
    var anchors: [String: NodeKey] = [:]
    var nodeIDs: [NodeKey: NodeID] = [:]
    var nodeKeys: [NodeKey] = []
    var nodes: [SchemaNode?] = []
    /// Reserved nodes in reservation order; those from `nextPending` on may not be compiled
    /// yet (document roots, and `$ref` targets outside the normal walk).
    var pending: [NodeID] = []
    var nextPending = 0
    var errors: [SchemaCompileError] = []
    /// Documents fetched through the loader during this compilation, for the registry to keep.
    var loadedDocuments: [(String, JSONValue)] = []

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    // MARK: - Units and nodes

    /// Adds a document and indexes its `$id`s and `$anchor`s. The whole document will be
    /// compiled (its root is reserved), so every error in it is reported.
    mutating func addUnit(_ root: JSONValue, name: String, pointerPrefix: JSONPointer, retrievalURI: URIReference) -> Int {
        let index = units.count
        units.append(Unit(name: name, pointerPrefix: pointerPrefix, root: root, retrievalURI: retrievalURI))
        unitByURI[retrievalURI.text] = index
        resources[retrievalURI.text] = NodeKey(unit: index, pointer: .root)
        indexResources(unit: index, value: root, pointer: .root, base: retrievalURI, depth: 0)
        _ = reserve(unit: index, pointer: .root)
        return index
    }

    /// The node id for a subschema location, reserving one (and queueing its compilation)
    /// the first time. The location must exist in the unit.
    mutating func reserve(unit: Int, pointer: JSONPointer) -> NodeID {
        let key = NodeKey(unit: unit, pointer: pointer)
        if let id = nodeIDs[key] { return id }
        let id = nodes.count
        nodes.append(nil)
        nodeKeys.append(key)
        nodeIDs[key] = id
        pending.append(id)
        return id
    }

    func location(unit: Int, pointer: JSONPointer) -> SchemaLocation {
        SchemaLocation(document: units[unit].name, pointer: units[unit].pointerPrefix.appending(pointer))
    }

    /// The base URI in effect for the parent of the subschema at `pointer`: that of the
    /// innermost resource (document root or `$id`) strictly containing it.
    func parentBase(unit: Int, pointer: JSONPointer) -> URIReference {
        var best: (pointer: JSONPointer, base: URIReference)?
        for resource in units[unit].resourceBases
        where resource.pointer.tokens.count < pointer.tokens.count && pointer.hasPrefix(resource.pointer) {
            if resource.pointer.tokens.count >= (best?.pointer.tokens.count ?? -1) { best = resource }
        }
        return best?.base ?? units[unit].retrievalURI
    }

    // MARK: - Errors

    mutating func report(_ kind: SchemaCompileError.Kind, at location: SchemaLocation, _ message: String,
        suggestion: String? = nil)
    {
        errors.append(SchemaCompileError(kind: kind, location: location, message: message, suggestion: suggestion))
    }

    // MARK: - Finishing

    /// Compiles everything still pending, checks for loops that never consume the instance,
    /// and freezes the nodes.
    mutating func finish(root: NodeID?) -> Result<CompiledSchema, SchemaCompileFailure> {
        // First in, first out: documents compile in the order they were met, so errors come
        // out in document order.
        while nextPending < pending.count {
            let id = pending[nextPending]
            nextPending += 1
            guard nodes[id] == nil else { continue }
            let key = nodeKeys[id]
            guard let value = key.pointer.resolve(in: units[key.unit].root) else { continue }
            compileNode(id: id, value: value, base: parentBase(unit: key.unit, pointer: key.pointer), depth: 0)
        }
        detectLoopsWithoutProgress()
        guard errors.isEmpty, let root else {
            return .failure(SchemaCompileFailure(errors: errors))
        }
        // Every reserved node is compiled by now; an empty `true` node stands in for the
        // impossible gap rather than a crash.
        let frozen = nodes.enumerated().map { index, node in
            node ?? SchemaNode(location: location(unit: nodeKeys[index].unit, pointer: nodeKeys[index].pointer))
        }
        return .success(CompiledSchema(program: SchemaProgram(nodes: frozen, root: root), root: root))
    }
}
