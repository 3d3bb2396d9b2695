/// Escapes (`\d`, `\u{1F600}`, `\k<name>` ...) and bracket classes, with unicode mode's rules:
/// an unknown escape such as `\a` is an error, not the letter.
extension ECMAPatternParser {
    /// What one escape or class member stands for.
    enum Atom {
        case codePoint(UInt32)
        case characterClass(ECMACharacterClass)
    }

    /// After `\` outside a class (`\b` and `\B` are read as assertions before this).
    mutating func parseAtomEscape() throws(ECMAPatternError) -> ECMAPatternNode {
        let start = index
        index += 1
        guard let character = peek() else { throw fail("`\\` at end of pattern", at: start) }
        if (0x31...0x39).contains(character) {
            let number = readDecimal()
            return try resolveReference(name: nil, number: number, at: start)
        }
        if character == UInt32(ascii: "k") {
            index += 1
            guard next(is: "<") else { throw fail("`\\k` must be followed by `<name>`", at: start) }
            index += 1
            let name = try parseGroupName(at: start)
            return try resolveReference(name: name, number: nil, at: start)
        }
        switch try parseEscapeBody(start: start, inClass: false) {
        case .codePoint(let value): return .codePoint(value)
        case .characterClass(let set): return .characterClass(set)
        }
    }

    /// The escape after `\` (at `start`), `index` on its first character.
    private mutating func parseEscapeBody(start: Int, inClass: Bool) throws(ECMAPatternError) -> Atom {
        guard let character = peek() else { throw fail("`\\` at end of pattern", at: start) }
        index += 1
        switch character {
        case UInt32(ascii: "d"): return .characterClass(.digit)
        case UInt32(ascii: "D"): return .characterClass(ECMACharacterClass(ranges: ECMACharacterClass.digit.ranges, negated: true))
        case UInt32(ascii: "w"): return .characterClass(.word)
        case UInt32(ascii: "W"): return .characterClass(ECMACharacterClass(ranges: ECMACharacterClass.word.ranges, negated: true))
        case UInt32(ascii: "s"): return .characterClass(.whiteSpace)
        case UInt32(ascii: "S"): return .characterClass(ECMACharacterClass(ranges: ECMACharacterClass.whiteSpace.ranges, negated: true))
        case UInt32(ascii: "p"), UInt32(ascii: "P"):
            return .characterClass(try parseProperty(negated: character == UInt32(ascii: "P"), start: start))
        case UInt32(ascii: "f"): return .codePoint(0x0C)
        case UInt32(ascii: "n"): return .codePoint(0x0A)
        case UInt32(ascii: "r"): return .codePoint(0x0D)
        case UInt32(ascii: "t"): return .codePoint(0x09)
        case UInt32(ascii: "v"): return .codePoint(0x0B)
        case UInt32(ascii: "b") where inClass: return .codePoint(0x08)
        case UInt32(ascii: "-") where inClass: return .codePoint(character)
        case UInt32(ascii: "c"):
            guard let letter = peek(), (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter) else {
                throw fail("`\\c` must be followed by an ASCII letter", at: start)
            }
            index += 1
            return .codePoint(letter % 32)
        case UInt32(ascii: "0"):
            if let following = peek(), (0x30...0x39).contains(following) {
                throw fail("invalid decimal escape (octal escapes are not allowed in unicode mode)", at: start)
            }
            return .codePoint(0)
        case UInt32(ascii: "x"):
            guard let value = readHex(count: 2) else { throw fail("`\\x` must be followed by two hex digits", at: start) }
            return .codePoint(value)
        case UInt32(ascii: "u"):
            return .codePoint(try parseUnicodeEscape(start: start))
        default:
            // Identity escapes in unicode mode: only syntax characters and `/`.
            if let scalar = Unicode.Scalar(character), "^$\\.*+?()[]{}|/".unicodeScalars.contains(scalar) {
                return .codePoint(character)
            }
            let shown = Unicode.Scalar(character).map { String(Character($0)) } ?? "?"
            throw fail("invalid escape `\\\(shown)`\(inClass ? " in a class" : "") (unicode mode allows `\\` only before syntax characters and known escapes)", at: start)
        }
    }

    /// `\uHHHH` (joining a `\uD83D\uDE00` surrogate pair into one code point) or `\u{H...}`.
    private mutating func parseUnicodeEscape(start: Int) throws(ECMAPatternError) -> UInt32 {
        if next(is: "{") {
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while let character = peek(), let digit = Self.hexValue(character) {
                value = min(value * 16 + digit, 0x110000)
                digits += 1
                index += 1
            }
            guard digits > 0, next(is: "}"), value <= ECMACharacterClass.maximumCodePoint else {
                throw fail("invalid `\\u{...}` escape (1 or more hex digits, at most 10FFFF)", at: start)
            }
            index += 1
            return value
        }
        guard let lead = readHex(count: 4) else { throw fail("`\\u` must be followed by four hex digits or `{...}`", at: start) }
        if (0xD800...0xDBFF).contains(lead), next(is: "\\"), next(is: "u", ahead: 1) {
            let save = index
            index += 2
            if let trail = readHex(count: 4), (0xDC00...0xDFFF).contains(trail) {
                return 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)
            }
            index = save
        }
        return lead
    }

    private mutating func readHex(count: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let character = peek(offset), let digit = Self.hexValue(character) else { return nil }
            value = value * 16 + digit
        }
        index += count
        return value
    }

    private static func hexValue(_ character: UInt32) -> UInt32? {
        switch character {
        case 0x30...0x39: character - 0x30
        case 0x41...0x46: character - 0x41 + 10
        case 0x61...0x66: character - 0x61 + 10
        default: nil
        }
    }

    /// `{Name}` or `{Name=Value}` after `\p` / `\P`.
    private mutating func parseProperty(negated: Bool, start: Int) throws(ECMAPatternError) -> ECMACharacterClass {
        guard next(is: "{") else { throw fail("`\\p` must be followed by `{property}`", at: start) }
        index += 1
        var text = ""
        while let character = peek(), character != UInt32(ascii: "}") {
            guard let scalar = Unicode.Scalar(character), scalar.isASCII,
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "="
            else { throw fail("invalid character in `\\p{...}`") }
            text.unicodeScalars.append(scalar)
            index += 1
        }
        guard next(is: "}") else { throw fail("unterminated `\\p{`", at: start) }
        index += 1
        do {
            return .property(try ECMAUnicodeProperty.named(text), negated: negated)
        } catch {
            throw fail(error.message, at: start)
        }
    }

    // MARK: - Classes

    /// `[...]` or `[^...]`, `index` on the `[`.
    mutating func parseClass() throws(ECMAPatternError) -> ECMACharacterClass {
        let start = index
        index += 1
        var result = ECMACharacterClass()
        if next(is: "^") {
            result.negated = true
            index += 1
        }
        while true {
            guard !atEnd else { throw fail("unterminated character class", at: start) }
            if next(is: "]") {
                index += 1
                return result
            }
            let atomStart = index
            let first = try parseClassAtom()
            guard next(is: "-"), let after = peek(1), after != UInt32(ascii: "]") else {
                add(first, to: &result)
                continue
            }
            index += 1
            let second = try parseClassAtom()
            guard case .codePoint(let low) = first, case .codePoint(let high) = second else {
                throw fail("a class escape such as `\\d` cannot be a range bound", at: atomStart)
            }
            guard low <= high else { throw fail("range out of order in character class", at: atomStart) }
            result.insert(low...high)
        }
    }

    private mutating func parseClassAtom() throws(ECMAPatternError) -> Atom {
        let character = scalars[index]
        guard character == UInt32(ascii: "\\") else {
            index += 1
            return .codePoint(character)
        }
        let start = index
        index += 1
        if let following = peek(), (0x31...0x39).contains(following) || following == UInt32(ascii: "k")
            || following == UInt32(ascii: "B") {
            throw fail("invalid escape in a class", at: start)
        }
        return try parseEscapeBody(start: start, inClass: true)
    }

    private func add(_ atom: Atom, to result: inout ECMACharacterClass) {
        switch atom {
        case .codePoint(let value): result.insert(value)
        case .characterClass(let set): result.formUnion(set)
        }
    }
}
