/// Everything that stopped specs from loading, in file order. Exit code 2: nothing was sent.
public struct SpecLoadFailure: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sortedByLocation() }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension SpecLoadFailure {
    /// Problems printed per file and in all; the rest are counted. A spec with 100,000
    /// duplicate names must not print 14 MB.
    public static let shownPerFile = 50
    public static let shownInAll = 200
    /// Characters of one message shown (a 5 MB value echoed in a message is cut).
    public static let messageLimit = 400

    /// What to print: at most `shownPerFile` lines per file and `shownInAll` in all, each at
    /// most `messageLimit` characters, then one line that says how many were left out.
    public var summarisedLines: [String] {
        var lines: [String] = []
        var perFile: [String: Int] = [:]
        var hidden = 0
        for diagnostic in diagnostics {
            let file = diagnostic.location?.file ?? ""
            let shownForFile = perFile[file, default: 0]
            guard shownForFile < Self.shownPerFile, lines.count < Self.shownInAll else {
                hidden += 1
                continue
            }
            perFile[file] = shownForFile + 1
            lines.append(Self.cut(diagnostic.description))
        }
        if hidden > 0 {
            lines.append("… \(hidden) more error\(hidden == 1 ? "" : "s") not shown (at most \(Self.shownPerFile) per file, \(Self.shownInAll) in all)")
        }
        return lines
    }

    static func cut(_ text: String) -> String {
        var count = 0
        var end = text.startIndex
        while end < text.endIndex, count < messageLimit {
            end = text.index(after: end)
            count += 1
        }
        guard end < text.endIndex else { return text }
        return String(text[..<end]) + "… (cut; \(text.utf8.count - text[..<end].utf8.count) more bytes)"
    }
}
