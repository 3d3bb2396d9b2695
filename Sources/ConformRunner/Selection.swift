import Foundation
public import ConformSpec

/// Which specs and cases a run includes: `--tags` and `--filter` expressions and `--shard K/N`.
public struct Selection: Sendable {
    /// Each expression is a comma-separated list of tags, any of which selects (`smoke,read`);
    /// `!tag` excludes. All expressions must hold (repeat `--tags` for AND).
    public var tagExpressions: [[TagTerm]] = []
    /// `--filter`: like `--tags`, each expression a comma-separated list of alternatives
    /// (`!text` excludes), all expressions must hold; a term matches a case when its name or
    /// its file's path contains the text, ignoring case (pytest's `-k`, without its grammar).
    public var filterExpressions: [[TagTerm]] = []
    /// Run only the files of shard `index` (1-based) out of `count`.
    public var shard: (index: Int, count: Int)?

    public enum TagTerm: Sendable, Equatable {
        case include(String)
        case exclude(String)
    }

    public init() {}

    public struct ParseError: Error, CustomStringConvertible { public let description: String }

    public static func parseTags(_ text: String) throws(ParseError) -> [TagTerm] {
        try terms(text, else: "--tags expects tags separated by commas, e.g. --tags smoke,read or --tags '!slow', found \"\(text)\"")
    }

    /// `a,b,!c` as terms; `problem` when a term is empty.
    static func terms(_ text: String, else problem: String) throws(ParseError) -> [TagTerm] {
        let terms = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !terms.isEmpty, terms.allSatisfy({ !$0.isEmpty && $0 != "!" }) else { throw ParseError(description: problem) }
        return terms.map { $0.hasPrefix("!") ? .exclude(String($0.dropFirst())) : .include($0) }
    }

    /// Every expression holds: none of its excluded terms matches, and one of its included
    /// terms does (or it includes nothing).
    static func holds(_ expressions: [[TagTerm]], _ matches: (String) -> Bool) -> Bool {
        expressions.allSatisfy { terms in
            let includes = terms.compactMap { if case .include(let t) = $0 { t } else { nil } }
            let excludes = terms.compactMap { if case .exclude(let t) = $0 { t } else { nil } }
            if excludes.contains(where: matches) { return false }
            return includes.isEmpty || includes.contains(where: matches)
        }
    }

    public static func parseFilter(_ text: String) throws(ParseError) -> [TagTerm] {
        try terms(text, else: "--filter expects text to find in case names or file paths, alternatives separated by commas, "
            + "e.g. --filter create,delete or --filter '!slow', found \"\(text)\"")
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

    /// Why a case is left out (`"--tags"` or `"--filter"`), or nil when it runs.
    public func deselection(ofCase name: String, tags: Set<String>, inFile path: String) -> String? {
        if !includes(tags: tags) { return "--tags" }
        if !matchesFilter(caseName: name, filePath: path) { return "--filter" }
        return nil
    }

    /// Whether a case with this name, in this file, passes every `--filter` expression.
    public func matchesFilter(caseName: String, filePath: String) -> Bool {
        let haystacks = [caseName.lowercased(), filePath.lowercased()]
        return Self.holds(filterExpressions) { text in haystacks.contains { $0.contains(text.lowercased()) } }
    }

    /// Whether a case with these tags (its own and its spec's) runs.
    public func includes(tags: Set<String>) -> Bool {
        Self.holds(tagExpressions, tags.contains)
    }
}
