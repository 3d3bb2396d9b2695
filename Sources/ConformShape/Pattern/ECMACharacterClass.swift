/// A set of code points: sorted, merged ranges plus Unicode property tests, optionally negated.
///
/// Property escapes (`\p{L}`) stay tests on `Unicode.Scalar.Properties` rather than expanded
/// ranges: expanding one would mean visiting all 1.1 million code points at compile time.
struct ECMACharacterClass: Sendable {
    /// Sorted, non-overlapping, non-adjacent.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    /// Members by property; `negated` for `\P{...}`.
    private(set) var properties: [(property: ECMAUnicodeProperty, negated: Bool)] = []
    /// `[^...]`: the class is every code point not described above.
    var negated = false

    static let maximumCodePoint: UInt32 = 0x10FFFF

    init(ranges: [ClosedRange<UInt32>] = [], negated: Bool = false) {
        for range in ranges { insert(range) }
        self.negated = negated
    }

    func contains(_ codePoint: UInt32) -> Bool {
        negated != (rangesContain(codePoint) || propertiesContain(codePoint))
    }

    private func rangesContain(_ codePoint: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < codePoint {
                low = middle + 1
            } else if ranges[middle].lowerBound > codePoint {
                high = middle
            } else {
                return true
            }
        }
        return false
    }

    private func propertiesContain(_ codePoint: UInt32) -> Bool {
        guard !properties.isEmpty, let scalar = Unicode.Scalar(codePoint) else { return false }
        return properties.contains { $0.property.contains(scalar) != $0.negated }
    }

    mutating func insert(_ codePoint: UInt32) { insert(codePoint...codePoint) }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        var low = range.lowerBound
        var high = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        var placed = false
        for existing in ranges {
            if existing.upperBound &+ 1 < low {
                kept.append(existing)
            } else if high &+ 1 < existing.lowerBound {
                if !placed { kept.append(low...high); placed = true }
                kept.append(existing)
            } else {
                low = min(low, existing.lowerBound)
                high = max(high, existing.upperBound)
            }
        }
        if !placed { kept.append(low...high) }
        ranges = kept
    }

    /// Adds every member of `other` (which must not itself be negated with properties, or is
    /// resolved here: a negated class of plain ranges is inverted into ranges).
    mutating func formUnion(_ other: ECMACharacterClass) {
        if other.negated {
            // `\D`, `\W`, `\S`, `\P{..}` inside a class: plain ranges invert exactly; a negated
            // property set only ever holds one property, which negates in place.
            precondition(other.properties.count <= 1 && (other.properties.isEmpty || other.ranges.isEmpty))
            if let only = other.properties.first {
                properties.append((only.property, !only.negated))
            } else {
                for range in Self.complement(of: other.ranges) { insert(range) }
            }
        } else {
            for range in other.ranges { insert(range) }
            properties += other.properties
        }
    }

    static func property(_ property: ECMAUnicodeProperty, negated: Bool) -> ECMACharacterClass {
        var result = ECMACharacterClass()
        result.properties = [(property, false)]
        result.negated = negated
        return result
    }

    static func complement(of ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            guard range.upperBound < maximumCodePoint else { return result }
            next = range.upperBound + 1
        }
        result.append(next...maximumCodePoint)
        return result
    }

    // MARK: - The classes ECMA-262 names

    /// `\d`: ASCII digits only.
    static let digit = ECMACharacterClass(ranges: [0x30...0x39])
    /// `\w`: `[A-Za-z0-9_]` (without the `i` flag, no Unicode case folding widens it).
    static let word = ECMACharacterClass(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// `\s`: ECMA-262 WhiteSpace and LineTerminator — ASCII tab to carriage return, space,
    /// U+00A0, U+FEFF and the Space_Separator category, U+2028, U+2029.
    static let whiteSpace = ECMACharacterClass(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// The line terminators `.` does not match: `\n`, `\r`, U+2028, U+2029.
    static let lineTerminators = ECMACharacterClass(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])
    /// `.` without the `s` flag.
    static let dot = ECMACharacterClass(ranges: lineTerminators.ranges, negated: true)

    /// Whether `codePoint` is in `\w` (for `\b`).
    static func isWordCharacter(_ codePoint: UInt32) -> Bool {
        (0x30...0x39).contains(codePoint) || (0x41...0x5A).contains(codePoint) || codePoint == 0x5F
            || (0x61...0x7A).contains(codePoint)
    }
}
