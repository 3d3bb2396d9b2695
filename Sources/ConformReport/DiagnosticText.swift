import ConformSpec

/// How a problem reads in every report: where in the spec, then for a mismatch the JSON path,
/// expected and actual, else the message.
enum DiagnosticText {
    static func line(for diagnostic: Diagnostic) -> String {
        (diagnostic.location.map { "\($0): " } ?? "") + withoutLocation(diagnostic)
    }

    /// The same without the `file:line:column: ` prefix, for outputs that carry the location apart.
    static func withoutLocation(_ diagnostic: Diagnostic) -> String {
        switch diagnostic.kind {
        case .shapeMismatch(let path, _, let expected, let actual), .valueMismatch(let path, let expected, let actual):
            withoutLocation(path: path, expected: expected, actual: actual, hasRenameCandidate: diagnostic.renameCandidate != nil,
                            kindIsMismatch: true, message: diagnostic.message)
        default:
            diagnostic.message
        }
    }

    /// The rule itself, on the structured fields (a diagnostic's, or a JSON report's).
    static func withoutLocation(path: String?, expected: String?, actual: String?, hasRenameCandidate: Bool, kindIsMismatch: Bool,
                                message: String) -> String {
        guard kindIsMismatch, let path, let expected, let actual else { return message }
        // The checker's sentence adds what path/expected/actual cannot say (a probable rename).
        let hint = hasRenameCandidate ? " — \(message)" : ""
        return "\(path): expected \(expected), actual \(actual)\(hint)"
    }
}
