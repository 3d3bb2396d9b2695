import Testing
import ConformShape
@testable import ConformSpec

@Suite struct TemplateScaleTests {
    let start = SourceLocation(file: "spec.yaml", line: 4, column: 10)

    /// Placeholders are located as the scan moves: measuring from the start per placeholder
    /// made 20,000 of them in one string take 23 s.
    @Test(.timeLimit(.minutes(1)))
    func twentyThousandPlaceholdersParseWithTheirColumns() throws {
        let count = 20_000
        let template = try Template(parsing: String(repeating: "a${model}", count: count), at: start)
        #expect(template.references.count == count)
        #expect(template.location(ofReference: 0).column == start.column + 1)
        #expect(template.location(ofReference: count - 1).column == start.column + (count - 1) * 9 + 1)
    }

    @Test func columnsCountCharactersAndEscapes() throws {
        let template = try Template(parsing: "é$${x}${a}", at: start)
        #expect(template.references.count == 1)
        #expect(template.location(ofReference: 0).column == start.column + 6)  // é, $${, x, }
        let multiLine = try Template(parsing: "x\n${a}", at: start)
        #expect(multiLine.location(ofReference: 0) == start)
    }

    /// ASCII text is scanned by bytes (text without `$` not at all), everything else by
    /// Characters: every way gives the same parts, offsets and errors as the Character scan on
    /// every ASCII text (here, every text of up to four symbols from the ones that matter, and
    /// some longer ones), and on non-ASCII text and `\r\n`.
    @Test func byteScanAgreesWithCharacterScan() {
        let symbols: [String] = ["$", "{", "}", "a", "_", " ", "(", ")", "\n", "."]
        func outcome(_ scan: () throws(Diagnostic) -> (parts: [Template.Part], offsets: [Int])) -> String {
            do throws(Diagnostic) {
                let (parts, offsets) = try scan()
                return "\(parts) \(offsets)"
            } catch {
                return "error: \(error)"
            }
        }
        var texts: [String] = [""]
        var frontier: [String] = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { prefix in symbols.map { prefix + $0 } }
            texts += frontier
        }
        texts += ["/objects/task/${task_id}.json", "$${x}${a}b${ uuid() }c", "${env.HOME}/${target.origin}$", "a$$${b}", "${unclosed",
                  "caf\u{E9} ${a}", "e\u{301}${a}", "a\r\n${b}", "no placeholder at all", "\u{E9}"]
        for text in texts {
            let multiLine = text.utf8.contains(UInt8(ascii: "\n"))
            let parsed = outcome { () throws(Diagnostic) in
                let template = try Template(parsing: text, at: start)
                return (template.parts, template.referenceOffsets)
            }
            let characters = outcome { () throws(Diagnostic) in try Template.scanCharacters(text, at: start, multiLine: multiLine) }
            #expect(parsed == characters, "\(text.debugDescription)")
        }
    }
}
