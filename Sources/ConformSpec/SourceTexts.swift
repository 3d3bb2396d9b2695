import ConformShape

/// The text of every file a run loaded (spec files and shape files), by the path diagnostics
/// name them with: what a renderer needs to draw the line a diagnostic points at.
public struct SourceTexts: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    public init(specs: [SpecFile], shapes: CompiledShapes) {
        for spec in specs where !spec.sourceText.isEmpty { texts[spec.path] = spec.sourceText }
        for (path, text) in shapes.fileTexts { texts[path] = text }
    }

    public mutating func record(_ text: String, for path: String) { texts[path] = text }

    /// Line `number` (1-based) of `file`, without its line break; nil when unknown.
    public func line(_ number: Int, of file: String) -> Substring? {
        guard number >= 1, let text = texts[file] else { return nil }
        var current = 1
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" || text[index] == "\r\n" {
                if current == number { return text[start..<index] }
                current += 1
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number && start < text.endIndex ? text[start...] : nil
    }
}
