/// Reads an ECMA-262 pattern with the `u` flag's syntax (JSON Schema patterns are ECMA-262,
/// and Conform reads them in unicode mode: code points, strict escapes).
///
/// One deliberate leniency: a `]` outside a class is a literal, as ECMA-262's Annex B reads it
/// (strict unicode mode refuses it). That keeps `[[:alpha:]]` what JavaScript validators
/// without the `u` flag make of it: the class `[[:alph]` followed by a literal `]`.
///
/// The text is read twice: the first pass counts capture groups and collects their names, so
/// the second can check `\3` and `\k<name>` that refer to groups later in the pattern.
struct ECMAPatternParser {
    /// The largest count a quantifier may name: `{n,m}` is expanded into copies of its atom,
    /// so this bounds the compiled program.
    static let maximumRepetition = 1000

    let scalars: [UInt32]
    var index = 0
    /// Capture groups seen so far.
    private(set) var groupCount = 0
    private(set) var groupNames: [String: Int] = [:]
    /// From the first pass; `nil` during it (references are not checked then).
    private let known: (count: Int, names: [String: Int])?

    private init(_ scalars: [UInt32], known: (count: Int, names: [String: Int])?) {
        self.scalars = scalars
        self.known = known
    }

    /// The tree for `source` and its number of capture groups.
    static func parse(_ source: String) throws(ECMAPatternError) -> (node: ECMAPatternNode, groupCount: Int) {
        let scalars = source.unicodeScalars.map(\.value)
        var first = ECMAPatternParser(scalars, known: nil)
        _ = try first.parsePattern()
        var second = ECMAPatternParser(scalars, known: (first.groupCount, first.groupNames))
        let node = try second.parsePattern()
        return (node, second.groupCount)
    }

    private mutating func parsePattern() throws(ECMAPatternError) -> ECMAPatternNode {
        let node = try parseDisjunction()
        if index < scalars.count {
            // Only an unmatched `)` stops a top-level disjunction early.
            throw fail("unmatched `)`")
        }
        return node
    }

    // MARK: - Reading

    var atEnd: Bool { index >= scalars.count }

    func peek(_ ahead: Int = 0) -> UInt32? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    func next(is character: Unicode.Scalar, ahead: Int = 0) -> Bool { peek(ahead) == character.value }

    func fail(_ reason: String, at offset: Int? = nil) -> ECMAPatternError {
        ECMAPatternError(offset: offset ?? index, reason: reason)
    }

    // MARK: - Disjunction, alternative, term

    private mutating func parseDisjunction() throws(ECMAPatternError) -> ECMAPatternNode {
        var alternatives = [try parseAlternative()]
        while next(is: "|") {
            index += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(ECMAPatternError) -> ECMAPatternNode {
        var terms: [ECMAPatternNode] = []
        while let character = peek(), character != UInt32(ascii: "|"), character != UInt32(ascii: ")") {
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .sequence(terms)
        }
    }

    private mutating func parseTerm() throws(ECMAPatternError) -> ECMAPatternNode {
        let start = index
        let character = scalars[index]
        let atom: ECMAPatternNode
        switch character {
        case UInt32(ascii: "^"):
            index += 1
            return try unquantifiable(.assertion(.start), "`^`")
        case UInt32(ascii: "$"):
            index += 1
            return try unquantifiable(.assertion(.end), "`$`")
        case UInt32(ascii: "\\") where next(is: "b", ahead: 1) || next(is: "B", ahead: 1):
            let boundary: ECMAAssertion = next(is: "b", ahead: 1) ? .wordBoundary : .notWordBoundary
            index += 2
            return try unquantifiable(.assertion(boundary), "`\\b` or `\\B`")
        case UInt32(ascii: "("):
            if let look = try parseLookaround() { return try unquantifiable(look, "a lookaround") }
            atom = try parseGroup()
        case UInt32(ascii: ")"):
            throw fail("unmatched `)`")
        case UInt32(ascii: "."):
            index += 1
            atom = .characterClass(.dot)
        case UInt32(ascii: "["):
            atom = .characterClass(try parseClass())
        case UInt32(ascii: "*"), UInt32(ascii: "+"), UInt32(ascii: "?"):
            throw fail("nothing to repeat before `\(Character(Unicode.Scalar(character)!))`")
        case UInt32(ascii: "{"):
            if (try? parseQuantifier()) != nil { throw fail("nothing to repeat before `{`", at: start) }
            throw fail("lone `{` (write `\\{` for a literal brace)", at: start)
        case UInt32(ascii: "}"):
            throw fail("lone `}` (write `\\}` for a literal brace)")
        case UInt32(ascii: "\\"):
            atom = try parseAtomEscape()
        default:
            index += 1
            atom = .codePoint(character)
        }
        guard let (minimum, maximum, greedy) = try parseQuantifier() else { return atom }
        return .quantified(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    /// Assertions take no quantifier in unicode mode.
    private mutating func unquantifiable(_ node: ECMAPatternNode, _ what: String) throws(ECMAPatternError) -> ECMAPatternNode {
        if let character = peek(), [UInt32(ascii: "*"), UInt32(ascii: "+"), UInt32(ascii: "?"), UInt32(ascii: "{")].contains(character) {
            throw fail("\(what) cannot be repeated")
        }
        return node
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and the lazy forms; `nil` when none follows.
    private mutating func parseQuantifier() throws(ECMAPatternError) -> (Int, Int?, Bool)? {
        guard let character = peek() else { return nil }
        let start = index
        var bounds: (Int, Int?)
        switch character {
        case UInt32(ascii: "*"): bounds = (0, nil); index += 1
        case UInt32(ascii: "+"): bounds = (1, nil); index += 1
        case UInt32(ascii: "?"): bounds = (0, 1); index += 1
        case UInt32(ascii: "{"):
            index += 1
            guard let minimum = readDecimal() else { throw fail("incomplete quantifier `{`", at: start) }
            var maximum: Int? = minimum
            if next(is: ",") {
                index += 1
                maximum = readDecimal()
            }
            guard next(is: "}") else { throw fail("incomplete quantifier `{`", at: start) }
            index += 1
            if let maximum, maximum < minimum {
                throw fail("numbers out of order in quantifier `{\(minimum),\(maximum)}`", at: start)
            }
            let largest = max(minimum, maximum ?? 0)
            guard largest <= Self.maximumRepetition else {
                throw fail("quantifier count \(largest) exceeds Conform's limit of \(Self.maximumRepetition)", at: start)
            }
            bounds = (minimum, maximum)
        default:
            return nil
        }
        var greedy = true
        if next(is: "?") {
            greedy = false
            index += 1
        }
        return (bounds.0, bounds.1, greedy)
    }

    /// Decimal digits; saturates instead of overflowing (anything that large is refused anyway).
    mutating func readDecimal() -> Int? {
        var value: Int?
        while let character = peek(), (0x30...0x39).contains(character) {
            value = min((value ?? 0) * 10 + Int(character - 0x30), 1_000_000_000)
            index += 1
        }
        return value
    }

    // MARK: - Groups

    /// `(?=`, `(?!`, `(?<=`, `(?<!` with their contents; `nil` for other groups.
    private mutating func parseLookaround() throws(ECMAPatternError) -> ECMAPatternNode? {
        guard next(is: "?", ahead: 1) else { return nil }
        let behind = next(is: "<", ahead: 2)
        let signAt = behind ? 3 : 2
        guard next(is: "=", ahead: signAt) || next(is: "!", ahead: signAt) else { return nil }
        let negated = next(is: "!", ahead: signAt)
        let start = index
        index += signAt + 1
        let inner = try parseDisjunction()
        guard next(is: ")") else { throw fail("unterminated group", at: start) }
        index += 1
        return .lookaround(inner, behind: behind, negated: negated)
    }

    /// `( )`, `(?: )`, `(?<name> )`.
    private mutating func parseGroup() throws(ECMAPatternError) -> ECMAPatternNode {
        let start = index
        index += 1
        var capture: Int?
        if next(is: "?") {
            if next(is: ":", ahead: 1) {
                index += 2
            } else if next(is: "<", ahead: 1) {
                index += 2
                let name = try parseGroupName(at: start)
                groupCount += 1
                guard groupNames[name] == nil else { throw fail("duplicate group name `\(name)`", at: start) }
                groupNames[name] = groupCount
                capture = groupCount
            } else {
                throw fail("invalid group `(?` (supported: `(?:`, `(?<name>`, `(?=`, `(?!`, `(?<=`, `(?<!`)", at: start)
            }
        } else {
            groupCount += 1
            capture = groupCount
        }
        let inner = try parseDisjunction()
        guard next(is: ")") else { throw fail("unterminated group", at: start) }
        index += 1
        return .group(inner, capture: capture)
    }

    /// An identifier and the closing `>` (the `<` is already read).
    mutating func parseGroupName(at start: Int) throws(ECMAPatternError) -> String {
        var name = ""
        while let character = peek(), character != UInt32(ascii: ">") {
            guard let scalar = Unicode.Scalar(character) else { break }
            let allowed = name.isEmpty
                ? scalar.properties.isIDStart || scalar == "$" || scalar == "_"
                : scalar.properties.isIDContinue || scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}"
            guard allowed else { throw fail("invalid character in group name") }
            name.unicodeScalars.append(scalar)
            index += 1
        }
        guard !name.isEmpty, next(is: ">") else { throw fail("invalid group name (expected `<name>`)", at: start) }
        index += 1
        return name
    }

    /// The group number for `\k<name>` or `\N`, checked in the second pass.
    mutating func resolveReference(name: String?, number: Int?, at start: Int) throws(ECMAPatternError) -> ECMAPatternNode {
        guard let known else { return .backreference(0) }
        if let name {
            guard let group = known.names[name] else { throw fail("no group named `\(name)`", at: start) }
            return .backreference(group)
        }
        let number = number ?? 0
        guard number >= 1, number <= known.count else {
            throw fail("backreference `\\\(number)` names a group that does not exist (the pattern has \(known.count))", at: start)
        }
        return .backreference(number)
    }
}
