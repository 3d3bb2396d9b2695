/// `$id`, `$anchor` and `$ref`: finding schema resources and resolving references to them.
///
/// Supported: `$ref` to the same document (`#`, `#/json/pointer`, `#anchor`), relative and
/// absolute references to other documents (registered or fetched by the loader), `$id` on
/// any subschema (it starts a new base URI, as 2020-12 says), and `$anchor`.
/// `$dynamicRef`/`$dynamicAnchor` are not supported (a compile error with a hint).
extension SchemaCompiler {
    /// Where subschemas sit under each applicator keyword.
    enum SubschemaShape {
        case single, map, list
    }

    static let subschemaKeywords: [String: SubschemaShape] = [
        "items": .single, "additionalProperties": .single, "contains": .single, "propertyNames": .single,
        "not": .single, "if": .single, "then": .single, "else": .single,
        "properties": .map, "patternProperties": .map, "$defs": .map, "definitions": .map, "dependentSchemas": .map,
        "prefixItems": .list, "allOf": .list, "anyOf": .list, "oneOf": .list,
    ]

    // MARK: - Indexing

    /// Records the unit's schema resources (`$id`) and anchors, walking only through
    /// keywords that hold subschemas (an `$id` inside an `enum` value is data, not an id).
    /// Malformed values are skipped here: the compile walk reports them.
    mutating func indexResources(unit: Int, value: JSONValue, pointer: JSONPointer, base: URIReference, depth: Int) {
        guard depth <= Self.maximumNesting, case .object(let object) = value else { return }
        var base = base
        if case .string(let id)? = object["$id"] {
            base = base.resolving(URIReference(parsing: id)).withoutFragment
            if resources[base.text] == nil { resources[base.text] = NodeKey(unit: unit, pointer: pointer) }
        }
        if pointer.isRoot || object["$id"] != nil { units[unit].resourceBases.append((pointer, base)) }
        if case .string(let anchor)? = object["$anchor"] {
            let key = base.text + "#" + anchor
            if anchors[key] == nil { anchors[key] = NodeKey(unit: unit, pointer: pointer) }
        }
        for (keyword, child) in object {
            switch Self.subschemaKeywords[keyword] {
            case .single?:
                indexResources(unit: unit, value: child, pointer: pointer.appending(keyword), base: base, depth: depth + 1)
            case .map?:
                for (name, schema) in child.objectValue ?? JSONObject() {
                    indexResources(unit: unit, value: schema, pointer: pointer.appending(keyword).appending(name),
                        base: base, depth: depth + 1)
                }
            case .list?:
                for (index, schema) in (child.arrayValue ?? []).enumerated() {
                    indexResources(unit: unit, value: schema, pointer: pointer.appending(keyword).appending(index),
                        base: base, depth: depth + 1)
                }
            case nil:
                continue
            }
        }
    }

    // MARK: - Resolving

    /// The unit for an absolute document identifier, adding (and, if needed, loading) it.
    mutating func unit(for absolute: String) -> Result<Int, SchemaRegistry.LoadError> {
        if let key = resources[absolute], key.pointer.isRoot { return .success(key.unit) }
        if let index = unitByURI[absolute] { return .success(index) }
        switch registry.lookUpOrLoad(absolute) {
        case .failure(let error):
            return .failure(error)
        case .success(let found):
            if let index = unitByURI[found.key] { return .success(index) }
            if registry.document(found.key) == nil { loadedDocuments.append((found.key, found.document)) }
            let index = addUnit(found.document, name: found.key, pointerPrefix: .root,
                retrievalURI: URIReference(parsing: found.key))
            return .success(index)
        }
    }

    /// Resolves `reference` (a `$ref` value, or the identifier given to `compile(uri:)`)
    /// against `base` and reserves the node it names. Reports an error at `location` and
    /// returns `nil` when it names nothing.
    mutating func resolve(_ reference: String, against base: URIReference?, at location: SchemaLocation) -> NodeID? {
        let parsed = URIReference(parsing: reference)
        let target = base.map { $0.resolving(parsed) } ?? parsed
        let absolute = target.withoutFragment.text
        let fragment = target.fragment ?? ""

        // A resource (document or `$id`) with exactly this URI, else a document to load.
        let resource: NodeKey
        if let known = resources[absolute] {
            resource = known
        } else {
            switch unit(for: absolute) {
            case .failure(let error):
                report(.unresolvableReference, at: location, "cannot resolve `$ref` `\(reference)`: \(error.reason)")
                return nil
            case .success(let index):
                resource = resources[absolute] ?? NodeKey(unit: index, pointer: .root)
            }
        }

        guard let decoded = URIReference.percentDecoded(fragment) else {
            report(.unresolvableReference, at: location, "cannot resolve `$ref` `\(reference)`: malformed %-escape in the fragment")
            return nil
        }
        if decoded.isEmpty {
            return reserve(unit: resource.unit, pointer: resource.pointer)
        }
        if decoded.hasPrefix("/") {
            let relative: JSONPointer
            do {
                relative = try JSONPointer(parsing: decoded)
            } catch {
                report(.unresolvableReference, at: location, "cannot resolve `$ref` `\(reference)`: \(error.message)")
                return nil
            }
            let pointer = resource.pointer.appending(relative)
            guard pointer.resolve(in: units[resource.unit].root) != nil else {
                report(.unresolvableReference, at: location,
                    "cannot resolve `$ref` `\(reference)`: `\(units[resource.unit].name)` has nothing at `\(pointer)`")
                return nil
            }
            return reserve(unit: resource.unit, pointer: pointer)
        }
        let anchorKey = absolute + "#" + decoded
        guard let anchored = anchors[anchorKey] else {
            report(.unresolvableReference, at: location,
                "cannot resolve `$ref` `\(reference)`: no `$anchor` named `\(decoded)` in `\(absolute)`")
            return nil
        }
        return reserve(unit: anchored.unit, pointer: anchored.pointer)
    }

    /// The root of `compile(uri:)`: the identifier is resolved like a `$ref` with no base.
    mutating func compileReference(_ uri: String) -> NodeID? {
        resolve(uri, against: nil, at: SchemaLocation(document: URIReference(parsing: uri).withoutFragment.text, pointer: .root))
    }

    // MARK: - Loops that never consume the instance

    /// Finds cycles of in-place applications (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`,
    /// `if`/`then`/`else`, `dependentSchemas`) that never move to a child of the instance,
    /// such as `$defs: {a: {$ref: "#/$defs/a"}}`. Checking would recurse forever, so each is
    /// a compile error at one of its `$ref`s. Iterative, so a long chain cannot overflow.
    mutating func detectLoopsWithoutProgress() {
        let edges: [[NodeID]] = nodes.map { $0.map(Self.inPlaceChildren) ?? [] }
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on stack, 2 done
        var reported = Set<NodeID>()
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: NodeID, next: Int)] = [(start, 0)]
            state[start] = 1
            while let top = stack.last {
                if top.next < edges[top.node].count {
                    stack[stack.count - 1].next += 1
                    let child = edges[top.node][top.next]
                    if state[child] == 0 {
                        state[child] = 1
                        stack.append((child, 0))
                    } else if state[child] == 1 {
                        let cycle = stack.map(\.node).drop { $0 != child }
                        reportLoop(Array(cycle), reported: &reported)
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
    }

    private mutating func reportLoop(_ cycle: [NodeID], reported: inout Set<NodeID>) {
        guard let start = cycle.first, !cycle.contains(where: reported.contains) else { return }
        reported.formUnion(cycle)
        // Blame a `$ref` in the loop: a loop without one cannot be written.
        let blamed = cycle.first { id in
            nodes[id]?.keywords.contains { if case .reference = $0 { true } else { false } } ?? false
        } ?? start
        guard let node = nodes[blamed] else { return }
        let text = node.referenceText ?? "#"
        report(.referenceCycle, at: node.location.appending("$ref"),
            "`$ref` `\(text)` leads back to this schema without moving into the instance; checking would never end")
    }

    static func inPlaceChildren(_ node: SchemaNode) -> [NodeID] {
        var children: [NodeID] = []
        for keyword in node.keywords {
            switch keyword {
            case .allOf(let ids), .anyOf(let ids), .oneOf(let ids): children += ids
            case .not(let id): children.append(id)
            case .conditional(let condition, let then, let otherwise):
                children.append(condition)
                if let then { children.append(then) }
                if let otherwise { children.append(otherwise) }
            case .dependentSchemas(let pairs): children += pairs.map(\.schema)
            case .reference(let id): children.append(id)
            default: break
            }
        }
        return children
    }
}
