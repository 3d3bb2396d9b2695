/// Writes ``YAMLNode`` documents the way the shipped suite is written by hand: block style
/// for the structure, flow style (`{ status: 200 }`) for short, shallow collections, two-space
/// indentation, comments above what they explain. The same node always gives the same text.
package struct YAMLEmitter {
    /// A flow collection is used only when its whole line fits in this many columns.
    var flowWidth = 100
    /// A flow collection nests at most this many levels (`{ task: { name: x } }` is 2).
    var flowDepth = 2

    /// The document: `header` lines as `#` comments, then the root (a block mapping or
    /// sequence), ending with one newline.
    package init() {}

    package func document(_ root: YAMLNode, header: [String] = []) -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# " + $0 }
        switch root {
        case .mapping(let entries, _): lines += blockMapping(entries, indent: 0)
        case .sequence(let items, _): lines += blockSequence(items, indent: 0)
        default: lines.append(YAMLScalar.text(root, flow: false))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Block style

    private func blockMapping(_ entries: [YAMLEntry], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for entry in entries {
            if entry.blankLineBefore { lines.append("") }
            lines += entry.comment.map { pad + ($0.isEmpty ? "#" : "# " + $0) }
            let key = pad + YAMLScalar.string(entry.key, flow: false) + ":"
            lines += valueLines(entry.value, lead: key, indent: indent)
        }
        return lines
    }

    private func blockSequence(_ items: [YAMLItem], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for item in items {
            if item.blankLineBefore { lines.append("") }
            lines += item.comment.map { pad + ($0.isEmpty ? "#" : "# " + $0) }
            switch item.value {
            case .mapping(let entries, let style) where !entries.isEmpty && !fitsFlow(item.value, style: style, column: indent + 2):
                // `- first: value` then the other keys under `first`.
                var nested = blockMapping(entries, indent: indent + 2)
                if let index = nested.firstIndex(where: { $0.hasPrefix(pad + "  ") && !$0.hasPrefix(pad + "  #") && !$0.isEmpty }) {
                    nested[index] = pad + "- " + nested[index].dropFirst(indent + 2)
                }
                lines += nested
            default:
                lines += valueLines(item.value, lead: pad + "-", indent: indent)
            }
        }
        return lines
    }

    /// `lead` (a `key:` or `-`) followed by the value: on the same line for scalars and flow
    /// collections, on the following lines for block collections.
    private func valueLines(_ value: YAMLNode, lead: String, indent: Int) -> [String] {
        switch value {
        case .mapping(let entries, let style):
            if entries.isEmpty { return [lead + " {}"] }
            if fitsFlow(value, style: style, column: lead.count + 1) { return [lead + " " + flow(value)] }
            return [lead] + blockMapping(entries, indent: indent + 2)
        case .sequence(let items, let style):
            if items.isEmpty { return [lead + " []"] }
            if fitsFlow(value, style: style, column: lead.count + 1) { return [lead + " " + flow(value)] }
            return [lead] + blockSequence(items, indent: indent + 2)
        case .string(let text) where lead.count + 1 + YAMLScalar.string(text, flow: false).count > flowWidth && YAMLScalar.canFold(text)
            && YAMLScalar.wrap(text, width: flowWidth - indent - 2).count > 1:
            // Long prose (descriptions) folds onto several lines, as a person would write it.
            let pad = String(repeating: " ", count: indent + 2)
            return [lead + " >-"] + YAMLScalar.wrap(text, width: flowWidth - indent - 2).map { pad + $0 }
        default:
            return [lead + " " + YAMLScalar.text(value, flow: false)]
        }
    }

    // MARK: - Flow style

    /// Whether `value` may be written in flow style starting at `column`.
    private func fitsFlow(_ value: YAMLNode, style: YAMLStyle, column: Int) -> Bool {
        guard style == .auto, !hasComments(value), depth(value) <= flowDepth else { return false }
        return column + flow(value).count <= flowWidth
    }

    private func flow(_ value: YAMLNode) -> String {
        switch value {
        case .mapping(let entries, _):
            if entries.isEmpty { return "{}" }
            let body = entries.map { YAMLScalar.string($0.key, flow: true) + ": " + flow($0.value) }
            return "{ " + body.joined(separator: ", ") + " }"
        case .sequence(let items, _):
            return "[" + items.map { flow($0.value) }.joined(separator: ", ") + "]"
        default:
            return YAMLScalar.text(value, flow: true)
        }
    }

    private func depth(_ value: YAMLNode) -> Int {
        switch value {
        case .mapping(let entries, _): 1 + (entries.map { depth($0.value) }.max() ?? 0)
        case .sequence(let items, _): 1 + (items.map { depth($0.value) }.max() ?? 0)
        default: 0
        }
    }

    private func hasComments(_ value: YAMLNode) -> Bool {
        switch value {
        case .mapping(let entries, let style):
            style == .block || entries.contains { !$0.comment.isEmpty || $0.blankLineBefore || hasComments($0.value) }
        case .sequence(let items, let style):
            style == .block || items.contains { !$0.comment.isEmpty || $0.blankLineBefore || hasComments($0.value) }
        default: false
        }
    }
}
