import Testing
@testable import ConformShape

/// The direct matcher for simple anchored patterns must answer exactly what the ECMA-262 engine
/// answers; the engine is the oracle, on strings built to match and on their one-character
/// mutations.
@Suite struct AnchoredClassPatternTests {
    static let simple = [
        "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#,
        "^[A-Z][A-Z0-9_]*$", "^[0-9a-f]{24}$", "^[0-9]+$", "^[1-9][0-9]*$",
        "^a?b*c+$", "^[^0-9]{2,3}x$", "^.{1,4}$", #"^[-a]\.[a-]$"#, #"^[\]\-]+$"#, "^[0-9]*0$",
        "^x{2,}y{0,2}$", "^$", "^ab$", #"^[\d.]+ ?\/$"#, "^[ -~]*$",
    ]

    static let notSimple = [
        "[0-9]+", "^[0-9]+", "^(a|b)$", "^a|b$", "^a+?$", "^a++$", #"^\w+$"#, #"^\s$"#, "^[[:alpha:]]$",
        "^[a&&b]$", "^[a--b]$", "^a{,3}$", #"^\$"#, "^a$b$", "^[]a]$", "^é$", "a$", "^a{2}{3}$", "^[a$", "^*$",
    ]

    @Test(arguments: notSimple)
    func leavesOtherFormsToTheEngine(source: String) {
        #expect(AnchoredClassPattern(source) == nil)
    }

    @Test(arguments: simple)
    func answersWhatTheEngineAnswers(source: String) throws {
        let matcher = try #require(AnchoredClassPattern(source))
        let pattern = try CompiledPattern(source)
        var random = SplitMix64(state: UInt64(source.utf8.count) &* 0x9E37_79B9)
        var matched = 0
        for _ in 0..<300 {
            let fitting = Self.fittingString(matcher, &random)
            for input in [fitting] + Self.mutations(of: fitting, &random) {
                let engine = try #require(pattern.engineEvaluate(input).outcome.matched as Bool?)
                #expect(matcher.matches(input) == engine, "\(source) on \"\(input)\"")
                #expect(pattern.matches(input) == engine)
                if engine { matched += 1 }
            }
        }
        #expect(matched >= 300, "the generated strings that should match do")
    }

    @Test func exactCountsMakeAFixedLength() {
        #expect(AnchoredClassPattern(Self.simple[0])?.fixedLength == 36)
        #expect(AnchoredClassPattern(Self.simple[1])?.fixedLength == 20)
        #expect(AnchoredClassPattern("^$")?.fixedLength == 0)
        #expect(AnchoredClassPattern("^[0-9]+$")?.fixedLength == nil)
        #expect(AnchoredClassPattern("^a?b$")?.fixedLength == nil)
    }

    @Test func inputsOutsidePrintableASCIIGoToTheEngine() throws {
        let pattern = try CompiledPattern("^[a-c]+$")
        let matcher = try #require(AnchoredClassPattern("^[a-c]+$"))
        for input in ["abc\n", "ab\u{0}c", "abé", "a\tb", String(repeating: "a", count: 300)] {
            #expect(matcher.matches(input) == nil)
            #expect(pattern.evaluate(input) == pattern.engineEvaluate(input).outcome)
        }
    }

    // MARK: - Generating inputs

    /// A string the pattern should match: each atom repeated a count it allows.
    static func fittingString(_ matcher: AnchoredClassPattern, _ random: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for atom in matcher.atoms {
            let members = (0x20...0x7E).map(UInt8.init).filter { atom.characters.contains($0) }
            let most = atom.maximum ?? atom.minimum + 3
            let count = atom.minimum + Int(random.next() % UInt64(most - atom.minimum + 1))
            for _ in 0..<count where !members.isEmpty {
                bytes.append(members[Int(random.next() % UInt64(members.count))])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Variants one edit away: a character replaced, dropped or added.
    static func mutations(of text: String, _ random: inout SplitMix64) -> [String] {
        let alphabet = Array("0aAfgzZ9-_:.T] ~x".utf8)
        var bytes = Array(text.utf8)
        var variants: [String] = []
        let pick = { (random: inout SplitMix64) in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        if !bytes.isEmpty {
            let position = Int(random.next() % UInt64(bytes.count))
            var replaced = bytes
            replaced[position] = pick(&random)
            variants.append(String(decoding: replaced, as: UTF8.self))
            var dropped = bytes
            dropped.remove(at: position)
            variants.append(String(decoding: dropped, as: UTF8.self))
        }
        bytes.insert(pick(&random), at: bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1)))
        variants.append(String(decoding: bytes, as: UTF8.self))
        return variants
    }
}
