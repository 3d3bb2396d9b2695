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
            // The checker's sentence adds what path/expected/actual cannot say (a probable rename).
            let hint = diagnostic.renameCandidate != nil ? " — \(diagnostic.message)" : ""
            return "\(path): expected \(expected), actual \(actual)\(hint)"
        default:
            return diagnostic.message
        }
    }
}
