/// Why a data model XML was refused: every problem found, each with the 1-based line of the
/// element it concerns (0 when libxml2 could not tell).
public struct DataModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem at one line.
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// The file name used in messages (a path, or a label such as `<shipped>`).
    public let file: String
    /// Never empty.
    public let issues: [Issue]

    public init(file: String, issues: [Issue]) {
        self.file = file
        self.issues = issues
    }

    /// One `path:line: error: message` line per issue, the form editors and CI annotators read.
    public var description: String {
        issues.map { "\(file):\($0.line): error: \($0.message)" }.joined(separator: "\n")
    }
}
