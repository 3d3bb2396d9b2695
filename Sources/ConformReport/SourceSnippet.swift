import ConformShape
import ConformSpec

/// The spec line a diagnostic points at, with carets under the expectation (as compilers and
/// Hurl show it):
///
///     14 |       status: 201
///        |               ^^^
enum SourceSnippet {
    /// The two lines, or nothing when the file's text is unknown or the column is past the line.
    static func lines(at location: SourceLocation, in texts: SourceTexts, style: ConsoleStyle) -> [String] {
        guard let line = texts.line(location.line, of: location.file) else { return [] }
        let characters = Array(line)
        let start = location.column - 1
        guard start >= 0, start <= characters.count else { return [] }
        let inFlow = characters[..<start].contains { $0 == "{" || $0 == "[" }
        let width = max(1, tokenLength(characters[start...], inFlow: inFlow))
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs stay tabs under the line so the carets line up in any terminal.
        let indent = String(characters[..<start].map { $0 == "\t" ? "\t" : " " })
        return [
            style.paint("\(number) |", .dim) + " " + String(characters),
            style.paint("\(gutter) |", .dim) + " " + indent + style.paint(String(repeating: "^", count: width), .caret),
        ]
    }

    /// The expectation under the column: a quoted scalar, or the rest of the line up to a
    /// comment (inside a flow collection, up to the next `,`, `}` or `]`), without trailing blanks.
    static func tokenLength(_ rest: ArraySlice<Character>, inFlow: Bool) -> Int {
        guard let first = rest.first else { return 0 }
        if first == "\"" || first == "'" {
            var index = rest.index(after: rest.startIndex)
            while index < rest.endIndex {
                if rest[index] == "\\", first == "\"" { index = rest.index(index, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex; continue }
                if rest[index] == first { return rest.distance(from: rest.startIndex, to: index) + 1 }
                index = rest.index(after: index)
            }
            return rest.count
        }
        var end = rest.startIndex
        var previous: Character = " "
        for index in rest.indices {
            if rest[index] == "#", previous == " " || previous == "\t" { break }
            if inFlow, rest[index] == "," || rest[index] == "}" || rest[index] == "]" { break }
            previous = rest[index]
            end = rest.index(after: index)
        }
        var length = rest.distance(from: rest.startIndex, to: end)
        while length > 0, rest[rest.startIndex + length - 1] == " " || rest[rest.startIndex + length - 1] == "\t" { length -= 1 }
        return length
    }
}
