/// The common shape of API patterns, matched without a regex engine: `^`, a sequence of
/// single-character classes each with a count, `$`. The shipped shapes' UUID
/// (`^[0-9a-f]{8}-[0-9a-f]{4}-…$`), date-time (`^\d{4}-\d{2}-…Z$`), error-type and number
/// patterns are all of this form, and they are checked on every string of every response:
/// this matcher needs no allocation per match, the general engine a few arrays.
///
/// `CompiledPattern` only consults it after the ECMA-262 engine accepted the pattern, and
/// only for printable-ASCII inputs, where both read the same: literal characters, escaped
/// punctuation, `\d`, `.`, bracket classes of literals and ranges (optionally negated), and
/// the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. Anything else (groups,
/// alternation, lazy quantifiers, other escapes) makes `init` return `nil`, and the engine
/// decides. A differential test holds the two to the same answers.
struct AnchoredClassPattern: Sendable {
    /// A set of ASCII characters as a 128-bit mask.
    struct CharacterSet: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
        }

        mutating func insert(_ range: ClosedRange<UInt8>) { for byte in range { insert(byte) } }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }

        /// Every ASCII character not in the set.
        var inverted: CharacterSet { CharacterSet(low: ~low, high: ~high) }

        static let digits: CharacterSet = { var set = CharacterSet(); set.insert(UInt8(ascii: "0")...UInt8(ascii: "9")); return set }()
        /// What `.` matches in the inputs this matcher takes (printable ASCII).
        static let printable: CharacterSet = { var set = CharacterSet(); set.insert(0x20...0x7E); return set }()
    }

    struct Atom: Sendable, Equatable {
        var characters: CharacterSet
        var minimum: Int
        /// `nil`: no upper bound.
        var maximum: Int?
    }

    let atoms: [Atom]
    /// The length of every match when each atom has an exact count (the uuid and date-time
    /// patterns): those are checked in one pass, without the reachability table.
    let fixedLength: Int?

    /// Inputs longer than this go to the engine (this matcher is quadratic for unbounded counts).
    static let maximumInputLength = 256

    init?(_ source: String) {
        let bytes = Array(source.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "^"), bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var atoms: [Atom] = []
        var index = 1
        var anchoredAtEnd = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$") {
                guard index == bytes.count - 1 else { return nil }
                anchoredAtEnd = true
                break
            }
            var characters = CharacterSet()
            switch byte {
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count, let escaped = Self.escape(bytes[index + 1]) else { return nil }
                characters = escaped
                index += 2
            case UInt8(ascii: "["):
                guard let (set, next) = Self.bracketClass(bytes, from: index) else { return nil }
                characters = set
                index = next
            case UInt8(ascii: "."):
                characters = .printable
                index += 1
            case UInt8(ascii: "^"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "]"),
                UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                return nil
            default:
                characters.insert(byte)
                index += 1
            }
            guard let (minimum, maximum, next) = Self.quantifier(bytes, from: index) else { return nil }
            atoms.append(Atom(characters: characters, minimum: minimum, maximum: maximum))
            index = next
        }
        guard anchoredAtEnd else { return nil }
        self.atoms = atoms
        fixedLength = atoms.allSatisfy { $0.maximum == $0.minimum } ? atoms.reduce(0) { $0 + $1.minimum } : nil
    }

    /// Whether the whole string matches; `nil` when the string is not printable ASCII or too
    /// long, where the engine must decide (code point semantics, line terminators).
    func matches(_ string: String) -> Bool? {
        var string = string
        return string.withUTF8 { matches(bytes: $0) }
    }

    private func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count <= Self.maximumInputLength, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        if let fixedLength {
            guard bytes.count == fixedLength else { return false }
            var position = 0
            for atom in atoms {
                for _ in 0..<atom.minimum {
                    guard atom.characters.contains(bytes[position]) else { return false }
                    position += 1
                }
            }
            return true
        }
        // reachable[p]: the atoms so far can consume exactly the first p bytes.
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        reachable[0] = true
        var next = reachable
        for atom in atoms {
            for position in next.indices { next[position] = false }
            var any = false
            for start in reachable.indices where reachable[start] {
                var count = 0
                var position = start
                while true {
                    if count >= atom.minimum { next[position] = true; any = true }
                    if let maximum = atom.maximum, count == maximum { break }
                    guard position < bytes.count, atom.characters.contains(bytes[position]) else { break }
                    position += 1
                    count += 1
                }
            }
            guard any else { return false }
            swap(&reachable, &next)
        }
        return reachable[bytes.count]
    }

    /// `\d` and escaped punctuation; `nil` for every other escape (`\w`, `\s`, `\b`, `\u…` …).
    private static func escape(_ byte: UInt8) -> CharacterSet? {
        if byte == UInt8(ascii: "d") { return .digits }
        guard Self.isPunctuation(byte) else { return nil }
        var set = CharacterSet()
        set.insert(byte)
        return set
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// `[...]` starting at `start`: the set and the index after `]`.
    private static func bracketClass(_ bytes: [UInt8], from start: Int) -> (CharacterSet, Int)? {
        var index = start + 1
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { negated = true; index += 1 }
        var set = CharacterSet()
        var first = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") && !first {
                return (negated ? set.inverted : set, index + 1)
            }
            first = false
            // Left to the engine: `[` and doubled `&&` `--` `~~` (set operations in other dialects).
            if byte == UInt8(ascii: "[") { return nil }
            if index + 1 < bytes.count, bytes[index + 1] == byte,
                byte == UInt8(ascii: "&") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "~") { return nil }
            var low: UInt8
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                let escaped = bytes[index + 1]
                if escaped == UInt8(ascii: "d") {
                    set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
                    index += 2
                    continue
                }
                guard isPunctuation(escaped) else { return nil }
                low = escaped
                index += 2
            } else if byte == UInt8(ascii: "]") {
                return nil  // `[]` / `[^]`: left to the engine
            } else {
                low = byte
                index += 1
            }
            // A range `a-z`; a `-` before `]` is a literal.
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                let high = bytes[index + 1]
                guard high != UInt8(ascii: "\\"), high != UInt8(ascii: "["), low <= high else { return nil }
                set.insert(low...high)
                index += 2
            } else {
                set.insert(low)
            }
        }
        return nil  // unclosed
    }

    /// The count after an atom: `(minimum, maximum, index after it)`; `nil` for forms left to
    /// the engine (lazy `?` suffixes, malformed braces).
    private static func quantifier(_ bytes: [UInt8], from start: Int) -> (Int, Int?, Int)? {
        guard start < bytes.count else { return (1, 1, start) }
        var result: (Int, Int?, Int)
        switch bytes[start] {
        case UInt8(ascii: "?"): result = (0, 1, start + 1)
        case UInt8(ascii: "*"): result = (0, nil, start + 1)
        case UInt8(ascii: "+"): result = (1, nil, start + 1)
        case UInt8(ascii: "{"):
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let inside = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
            let parts = inside.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            guard let minimum = Int(parts[0]), minimum <= 1000, parts[0].allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            if parts.count == 1 {
                result = (minimum, minimum, close + 1)
            } else if parts[1].isEmpty {
                result = (minimum, nil, close + 1)
            } else {
                guard let maximum = Int(parts[1]), maximum >= minimum, maximum <= 1000,
                    parts[1].allSatisfy(\.isASCIIDigitCharacter) else { return nil }
                result = (minimum, maximum, close + 1)
            }
        default:
            return (1, 1, start)
        }
        if result.2 < bytes.count, bytes[result.2] == UInt8(ascii: "?") || bytes[result.2] == UInt8(ascii: "+")
            || bytes[result.2] == UInt8(ascii: "*") || bytes[result.2] == UInt8(ascii: "{") {
            return nil
        }
        return result
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
