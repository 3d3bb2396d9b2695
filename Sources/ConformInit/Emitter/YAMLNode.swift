/// A YAML value as `conform init` writes it: JSON's types, ordered mappings, and the
/// comments and blank lines that make a generated file pleasant to read.
///
/// Built by the spec and shape builders, turned into text by ``YAMLEmitter``. Mapping keys
/// keep the order they were added in, so the output is the same on every run.
package indirect enum YAMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case sequence([YAMLItem], style: YAMLStyle = .auto)
    case mapping([YAMLEntry], style: YAMLStyle = .auto)

    /// A mapping from pairs, keys in the given order.
    package static func map(_ pairs: [(String, YAMLNode)], style: YAMLStyle = .auto) -> YAMLNode {
        .mapping(pairs.map { YAMLEntry($0.0, $0.1) }, style: style)
    }

    /// A sequence of plain items.
    package static func list(_ values: [YAMLNode], style: YAMLStyle = .auto) -> YAMLNode {
        .sequence(values.map { YAMLItem($0) }, style: style)
    }

    /// A sequence of strings, e.g. `tags` or `required`.
    package static func strings(_ values: [String]) -> YAMLNode {
        .list(values.map(YAMLNode.string))
    }

    var isCollection: Bool {
        switch self {
        case .sequence, .mapping: true
        default: false
        }
    }
}

/// Whether a collection is written in flow style (`{ a: 1 }`) or block style.
package enum YAMLStyle: Sendable, Equatable {
    /// Flow when it is short and shallow enough (``YAMLEmitter/flowWidth``), else block.
    case auto
    /// Always block style (the top of a spec, `cases`, `teardown`).
    case block
}

/// One `key: value` of a mapping, with the comment lines written above it.
package struct YAMLEntry: Sendable, Equatable {
    package var key: String
    package var value: YAMLNode
    /// Lines written as `# line` just above the key (a block mapping is forced).
    var comment: [String]
    /// An empty line before the entry (and its comment).
    var blankLineBefore: Bool

    package init(_ key: String, _ value: YAMLNode, comment: [String] = [], blankLineBefore: Bool = false) {
        self.key = key
        self.value = value
        self.comment = comment
        self.blankLineBefore = blankLineBefore
    }
}

/// One item of a sequence, with the comment lines written above its `-`.
package struct YAMLItem: Sendable, Equatable {
    package var value: YAMLNode
    var comment: [String]
    var blankLineBefore: Bool

    package init(_ value: YAMLNode, comment: [String] = [], blankLineBefore: Bool = false) {
        self.value = value
        self.comment = comment
        self.blankLineBefore = blankLineBefore
    }
}
