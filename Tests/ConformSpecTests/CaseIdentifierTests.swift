import Testing
@testable import ConformSpec

/// ASCII case names get their identifier by bytes; it must be the one the scalar rule gives.
@Test func asciiCaseIdentifiersMatchTheScalarRule() {
    let names = ["", "reads it back", "Creates a TASK — no", "GET /objects/{id}.json (2xx)", "  --  ", "a1 B2_c3", "ÉTÉ", "x\ty\nz",
                 "already-kebab-case", "Trailing punctuation!!", "123", "MiXeD 42 Words"]
    for name in names where name.utf8.allSatisfy({ $0 < 0x80 }) {
        #expect(SpecDecoder.identifier(for: name) == SpecDecoder.identifierByScalars(name), "\(name)")
    }
    // Every printable ASCII character, alone and between letters.
    for value in UInt8(0x20)..<0x7F {
        let character = String(UnicodeScalar(value))
        for name in [character, "a\(character)b", "\(character)Z9\(character)"] {
            #expect(SpecDecoder.identifier(for: name) == SpecDecoder.identifierByScalars(name), "\(name)")
        }
    }
    #expect(SpecDecoder.identifier(for: "Été 2 Fois") == SpecDecoder.identifierByScalars("Été 2 Fois"))
}
