internal import CYAML
import ConformShape

/// Builds one `SourceNode` tree from libyaml's event parser in a single pass.
///
/// Why events and not a node tree: a tree-building loader expands aliases before Conform sees
/// them, so a few hundred bytes of nested aliases ("billion laughs") grow memory until the
/// process dies. Here an alias is refused at its `*name` event and nothing is ever copied.
/// Duplicate keys are found as keys arrive, compared by code point (`JSONName`), because JSON
/// and YAML keys are equal only when their code points are (`é` is not `e` + U+0301).
/// Nesting is kept on an explicit stack and bounded, so `[[[[…` cannot overflow anything.
struct YAMLEventReader {
    /// Deeper nesting is refused: no spec or shape needs it, and every later pass over the
    /// tree (conversion to JSON, the schema compiler) recurses once per level.
    static let maximumDepth = 256

    let file: String

    /// An open mapping or sequence. One struct for both so the stack's top is mutated in
    /// place (`stack[i].entries.append`), never copied.
    private struct Frame {
        let isMapping: Bool
        let location: SourceLocation
        var elements: [SourceNode] = []
        var entries: [SourceNode.Entry] = []
        /// Key names beyond `linearLimit` entries; smaller mappings are searched linearly.
        var index: [JSONName: SourceLocation] = [:]
        var indexed = 0
        var pendingKey: (text: String, location: SourceLocation)?
    }

    /// Up to this many keys, a duplicate is looked for by scanning: cheaper than hashing for
    /// the small mappings specs are made of.
    private static let linearLimit = 12

    /// Reads `bytes` (UTF-8) as exactly one YAML document.
    func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> SourceNode {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw Diagnostic(.yamlSyntax, "cannot start the YAML reader (out of memory)", at: start)
        }
        defer { yaml_parser_delete(parser) }
        // libyaml needs a pointer even for no bytes; an empty file is reported below.
        let empty: [UInt8] = [0]
        return try empty.withUnsafeBufferPointer { fallback in
            yaml_parser_set_input_string(parser, bytes.baseAddress ?? fallback.baseAddress!, bytes.count)
            // Never guess UTF-16 from a byte-order mark: spec files are UTF-8.
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            return Result { () throws(Diagnostic) in try readEvents(parser, bytes: bytes) }
        }.get()
    }

    private var start: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    private func readEvents(_ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> SourceNode {
        var stack: [Frame] = []
        var root: SourceNode?
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxDiagnostic(parser.pointee, bytes: bytes) }
            defer { yaml_event_delete(&event) }
            let here = location(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Diagnostic(.yamlSyntax, "YAML syntax: expected a single document in the stream: but found another document",
                                     at: here)
                }
            case YAML_STREAM_END_EVENT:
                guard let root else { throw Diagnostic(.yamlSyntax, "the file is empty", at: start) }
                return root
            case YAML_ALIAS_EVENT:
                throw Diagnostic(.invalidValue, "YAML aliases (`*name`) are not supported in specs; repeat the value or use a shared shape file",
                                 at: here)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                try refuseAnchor(scalar.anchor, at: here)
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: SourceNode.Scalar.Style = switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
                default: .plain
                }
                try add(.scalar(SourceNode.Scalar(text: text, style: style, location: here)), to: &stack, root: &root)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                try refuseAnchor(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor, at: here)
                if let top = stack.last, top.isMapping, top.pendingKey == nil {
                    throw Diagnostic(.wrongType(expected: "a string key", actual: "a complex key"), "mapping keys must be plain strings", at: here)
                }
                guard stack.count < Self.maximumDepth else {
                    throw Diagnostic(.invalidValue, "YAML nesting is deeper than \(Self.maximumDepth) levels", at: here)
                }
                stack.append(Frame(isMapping: isMapping, location: here))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node: SourceNode = frame.isMapping ? .mapping(frame.entries, frame.location) : .sequence(frame.elements, frame.location)
                try add(node, to: &stack, root: &root)
            default:
                // STREAM-START, DOCUMENT-END, NO-EVENT: nothing to build.
                break
            }
        }
    }

    /// Hands a finished node to the open collection, or makes it the document's root.
    private func add(_ node: SourceNode, to stack: inout [Frame], root: inout SourceNode?) throws(Diagnostic) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        guard stack[top].isMapping else {
            stack[top].elements.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].entries.append(SourceNode.Entry(key: key.text, keyLocation: key.location, value: node))
            stack[top].pendingKey = nil
            return
        }
        // A key. Collections as keys are refused when they start; only scalars arrive here.
        guard case .scalar(let scalar) = node else { return }
        if scalar.isPlain, scalar.text == "<<" {
            throw Diagnostic(.invalidValue, "YAML merge keys (`<<`) are not supported in specs (they need aliases); write the keys out, "
                + "or quote it (\"<<\") for a key named <<", at: scalar.location)
        }
        if let first = firstLocation(of: scalar.text, in: &stack[top]) {
            throw Diagnostic(.duplicateName(scalar.text), "key `\(scalar.text)` is written more than once in this mapping", at: first)
        }
        stack[top].pendingKey = (scalar.text, scalar.location)
    }

    /// Where `key` was first written in this mapping, or nil.
    private func firstLocation(of key: String, in frame: inout Frame) -> SourceLocation? {
        let count = frame.entries.count
        if count < Self.linearLimit {
            return frame.entries.first { $0.key.hasSameCodePoints(as: key) }?.keyLocation
        }
        // Large mapping: index the entries added since the last look, then hash.
        for entry in frame.entries[frame.indexed...] { frame.index[JSONName(entry.key)] = entry.keyLocation }
        frame.indexed = count
        return frame.index[JSONName(key)]
    }

    /// Anchors are harmless alone, but aliases are refused, so an anchor has no use in a
    /// spec: refusing it says so at once instead of at a later `*name`.
    private func refuseAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation) throws(Diagnostic) {
        guard let anchor else { return }
        let name = String(cString: anchor)
        throw Diagnostic(.invalidValue, "YAML anchors (`&\(name)`) are not supported in specs, because aliases are not; "
            + "repeat the value or use a shared shape file", at: location)
    }

    /// libyaml's marks count from 0; Conform's from 1 (column in characters, as libyaml counts).
    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }
}
