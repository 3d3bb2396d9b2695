import Foundation
import Testing
import ConformShape
@testable import ConformSpec

/// The YAML reader refuses what could hurt (aliases, deep nesting, bad bytes) where it is
/// written, and compares keys by code point.
@Suite struct YAMLReaderSafetyTests {
    /// The classic "billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
    static let billionLaughs = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

    """

    /// The bomb without its anchors: every alias is refused at the first `*`.
    static let aliasesOnly = billionLaughs.replacing(#/&[a-i] /#, with: "")

    func message(_ yaml: String, file: String = "t.yaml") -> String? {
        do {
            _ = try SourceNode.parse(yaml: yaml, file: file)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func billionLaughsIsRefusedAtOnceWhereItStarts() {
        let clock = ContinuousClock()
        var result: String?
        let elapsed = clock.measure { result = message(Self.billionLaughs) }
        #expect(result == "t.yaml:1:4: error: YAML anchors (`&a`) are not supported in specs, because aliases are not; "
            + "repeat the value or use a shared shape file")
        #expect(elapsed < .seconds(1))
    }

    @Test func aliasesAreRefusedAtTheAliasNeverExpanded() {
        #expect(message(Self.aliasesOnly) == "t.yaml:2:5: error: YAML aliases (`*name`) are not supported in specs; "
            + "repeat the value or use a shared shape file")
        #expect(message("a: 1\nb: *a\n") == "t.yaml:2:4: error: YAML aliases (`*name`) are not supported in specs; "
            + "repeat the value or use a shared shape file")
    }

    @Test func anAliasBombUnderAnUnknownKeyOfASpecStopsTheSpec() throws {
        let fixture = try SpecFixture(["bomb.yaml": validSpec + "\nx:\n" + Self.aliasesOnly.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"])
        defer { fixture.remove() }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("bomb.yaml:") == true)
        #expect(diagnostics.first?.contains("YAML aliases (`*name`) are not supported") == true)
    }

    @Test func anAliasBombInConformYAMLStopsTheTargetConfig() throws {
        let fixture = try SpecFixture(["conform.yaml": "conform: 1\n" + Self.billionLaughs])
        defer { fixture.remove() }
        do {
            _ = try TargetConfig.load(path: fixture.path("conform.yaml"))
            Issue.record("an alias bomb in conform.yaml loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                fixture.path("conform.yaml") + ":2:4: error: YAML anchors (`&a`) are not supported in specs, because aliases are not; "
                    + "repeat the value or use a shared shape file",
            ])
        }
    }

    @Test func mergeKeysAreRefusedButAQuotedKeyIsAKey() throws {
        #expect(message("a: 1\nb:\n  <<: { c: 2 }\n") == "t.yaml:3:3: error: YAML merge keys (`<<`) are not supported in specs "
            + "(they need aliases); write the keys out, or quote it (\"<<\") for a key named <<")
        let node = try SourceNode.parse(yaml: "\"<<\": 1\n", file: "t.yaml")
        guard case .mapping(let entries, _) = node else { Issue.record("not a mapping"); return }
        #expect(entries.map(\.key) == ["<<"])
    }

    @Test func keysCompareByCodePoint() throws {
        let node = try SourceNode.parse(yaml: "\u{E9}: 1\ne\u{301}: 2\n", file: "t.yaml")
        guard case .mapping(let entries, _) = node else { Issue.record("not a mapping"); return }
        #expect(entries.map { Array($0.key.unicodeScalars) } == [["\u{E9}"], ["e", "\u{301}"]])
        #expect(message("a: 1\n\u{E9}: 2\nb: 3\n\u{E9}: 4\n") == "t.yaml:2:1: error: key `\u{E9}` is written more than once in this mapping")
    }

    @Test func duplicatesInLargeMappingsAreFoundToo() {
        let keys = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n")
        #expect(message(keys + "\nk17: again\n") == "t.yaml:18:1: error: key `k17` is written more than once in this mapping")
        #expect(message(keys + "\nk40: new\n") == nil)
    }

    @Test func nestingIsBounded() {
        let deepest = YAMLEventReader.maximumDepth
        #expect(message(String(repeating: "[", count: deepest) + String(repeating: "]", count: deepest)) == nil)
        let tooDeep = String(repeating: "[", count: deepest + 1) + String(repeating: "]", count: deepest + 1)
        #expect(message(tooDeep) == "t.yaml:1:\(deepest + 1): error: YAML nesting is deeper than \(deepest) levels")
        // Far deeper, and unclosed: still one located error, no stack overflow.
        #expect(message(String(repeating: "[", count: 200_000))?.hasPrefix("t.yaml:1:\(deepest + 1): error: YAML nesting") == true)
        let deepMapping = (0..<1_000).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n")
        #expect(message(deepMapping) == "t.yaml:\(deepest + 1):\(deepest + 1): error: YAML nesting is deeper than \(deepest) levels")
    }

    @Test func invalidUTF8IsALocatedError() throws {
        let bytes = Array("a: b\nc: d\u{E9}".utf8) + [0xFF] + Array("\n".utf8)
        do {
            _ = try SourceNode.parse(yaml: bytes, file: "t.yaml")
            Issue.record("invalid UTF-8 was read")
        } catch {
            #expect(error.description == "t.yaml:2:6: error: cannot read the file as UTF-8 YAML: invalid leading UTF-8 octet")
        }
        let fixture = try SpecFixture([:])
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: fixture.path("bad.yaml"), contents: Data([0x73, 0x3A, 0x20, 0xC3, 0x28, 0x0A]))
        // The lead byte 0xC3 is fine alone; the `(` after it is the first byte that cannot be.
        #expect(fixture.diagnostics() == ["bad.yaml:1:5: error: cannot read the file as UTF-8 YAML: invalid trailing UTF-8 octet"])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let node = try SourceNode.parse(yaml: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        guard case .mapping(let entries, _) = node else { Issue.record("not a mapping"); return }
        #expect(entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column)" } == ["a@1:2"])
    }

    @Test func oneDocumentPerFile() {
        #expect(message("a: 1\n---\nb: 2\n")
            == "t.yaml:2:1: error: YAML syntax: expected a single document in the stream: but found another document")
        #expect(message("---\na: 1\n...\n") == nil)
        #expect(message("") == "t.yaml:1:1: error: the file is empty")
        #expect(message("# only a comment\n") == "t.yaml:1:1: error: the file is empty")
    }

    @Test func complexKeysAreRefused() {
        #expect(message("? [a, b]\n: 1\n") == "t.yaml:1:3: error: mapping keys must be plain strings")
        #expect(message("{ { a: 1 }: 2 }") == "t.yaml:1:3: error: mapping keys must be plain strings")
    }

    @Test func unquotedTemplatesInFlowMappingsGetTheHint() {
        let text = message("request: { path: /x/${id} }\n")
        #expect(text?.hasPrefix("t.yaml:1:") == true)
        #expect(text?.contains("YAML syntax:") == true)
        #expect(text?.contains("quote values that contain `{`, `}`, `[`, `]` or `,`") == true)
    }

    @Test func positionsAndStylesMatchTheSource() throws {
        let node = try SourceNode.parse(yaml: "a: 'x'\nb:\n  - \"y\"\n  - |\n    z\n  - w\n", file: "t.yaml")
        guard case .mapping(let entries, let location) = node else { Issue.record("not a mapping"); return }
        #expect((location.line, location.column) == (1, 1))
        #expect(entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column)" } == ["a@1:1", "b@2:1"])
        guard case .scalar(let a) = entries[0].value, case .sequence(let items, let listAt) = entries[1].value else {
            Issue.record("unexpected shape")
            return
        }
        #expect(a.style == .singleQuoted && (a.location.line, a.location.column) == (1, 4))
        #expect((listAt.line, listAt.column) == (3, 3))
        let styles = items.compactMap { if case .scalar(let s) = $0 { s.style } else { nil } }
        #expect(styles == [.doubleQuoted, .block, .plain])
        #expect(items.map { "\($0.location.line):\($0.location.column)" } == ["3:5", "4:5", "6:5"])
    }
}
