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
}
