internal import CYAML
import ConformShape

extension YAMLEventReader {
    /// libyaml's error (problem, context, marks) as Conform's `file:line:column: YAML syntax: …`.
    func syntaxDiagnostic(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark.
            return Diagnostic(.yamlSyntax, "cannot read the file as UTF-8 YAML: \(problem)",
                              at: Self.location(ofByte: parser.problem_offset, in: bytes, file: file))
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let context = parser.context.map { String(cString: $0) }
            let text = [context, problem].compactMap { $0 }.joined(separator: ": ")
            // The usual cause in specs: `${var}` or `$.a[0]` written unquoted inside `{ ... }`.
            let hint = text.contains("flow")
                ? " (inside `{ ... }` and `[ ... ]`, quote values that contain `{`, `}`, `[`, `]` or `,`, e.g. \"${id}\" or \"$.objects[0].id\")"
                : ""
            return Diagnostic(.yamlSyntax, "YAML syntax: \(text)\(hint)", at: location(parser.problem_mark))
        case YAML_MEMORY_ERROR:
            return Diagnostic(.yamlSyntax, "YAML: out of memory", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return Diagnostic(.yamlSyntax, "YAML: \(problem)", at: location(parser.problem_mark))
        }
    }

    /// The 1-based line and column (in characters) of a byte offset, for reader errors.
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes (10xxxxxx) belong to the character already counted.
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
