import ConformSpec

/// How a problem reads in every report: where in the spec, then for a mismatch the JSON path,
/// expected and actual, else the message.
enum DiagnosticText {
    static func line(for diagnostic: Diagnostic) -> String {
        let location = diagnostic.location.map { "\($0): " } ?? ""
        switch diagnostic.kind {
        case .shapeMismatch(let path, _, let expected, let actual), .valueMismatch(let path, let expected, let actual):
            // The checker's sentence adds what path/expected/actual cannot say (a probable rename).
            let hint = diagnostic.message.contains("renamed?") ? " — \(diagnostic.message)" : ""
            return "\(location)\(path): expected \(expected), actual \(actual)\(hint)"
        default:
            return "\(location)\(diagnostic.message)"
        }
    }
}
