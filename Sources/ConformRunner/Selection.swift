import Foundation
public import ConformSpec

/// Which specs and cases a run includes: `--tags` expressions and `--shard K/N`.
public struct Selection: Sendable {
    /// Each expression is a comma-separated list of tags, any of which selects (`smoke,read`);
    /// `!tag` excludes. All expressions must hold (repeat `--tags` for AND).
    public var tagExpressions: [[TagTerm]] = []
    /// Run only the files of shard `index` (1-based) out of `count`.
    public var shard: (index: Int, count: Int)?

    public enum TagTerm: Sendable, Equatable {
        case include(String)
        case exclude(String)
    }

    public init() {}

    public struct ParseError: Error, CustomStringConvertible { public let description: String }

    public static func parseTags(_ text: String) throws(ParseError) -> [TagTerm] {
        let terms = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !terms.isEmpty, terms.allSatisfy({ !$0.isEmpty && $0 != "!" }) else {
            throw ParseError(description: "--tags expects tags separated by commas, e.g. --tags smoke,read or --tags '!slow', found \"\(text)\"")
        }
        return terms.map { $0.hasPrefix("!") ? .exclude(String($0.dropFirst())) : .include($0) }
    }

    public static func parseShard(_ text: String) throws(ParseError) -> (index: Int, count: Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ParseError(description: "--shard expects K/N with 1 <= K <= N, e.g. --shard 2/4, found \"\(text)\"")
        }
        return (index, count)
    }

    /// The files of this shard: every N-th unit in path order (a unit is one file, or all the
    /// files of one `group`, which must never run at the same time, so never in two parallel
    /// shards), so shards are disjoint, cover everything, and are the same on every machine.
    public func files(_ specs: [SpecFile]) -> [SpecFile] {
        guard let shard else { return specs }
        let units = Runner.units(specs).enumerated().filter { $0.offset % shard.count == shard.index - 1 }
        return units.flatMap(\.element).sorted().map { specs[$0] }
    }

    /// Whether a case with these tags (its own and its spec's) runs.
    public func includes(tags: Set<String>) -> Bool {
        tagExpressions.allSatisfy { terms in
            let includes = terms.compactMap { if case .include(let t) = $0 { t } else { nil } }
            let excludes = terms.compactMap { if case .exclude(let t) = $0 { t } else { nil } }
            if excludes.contains(where: tags.contains) { return false }
            return includes.isEmpty || includes.contains(where: tags.contains)
        }
    }
}
