/// Why a data model was refused: every problem found, each with where it is. In an XML file
/// that is the 1-based line of the element it concerns (0 when libxml2 could not tell); in a
/// `datamodel.json` it is the JSON path of the value, e.g. `$.models.task.fields.status.type`.
public struct DataModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem at one place.
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        /// The XML line; 0 for JSON issues.
        public let line: Int
        /// The JSON path (`$.models.task`) for issues in a `datamodel.json`; `nil` for XML.
        public let jsonPath: String?
        /// What is wrong, in the official parser's words where it has some.
        public let message: String

        /// An issue at a line of an XML file.
        public init(line: Int, message: String) {
            self.line = line
            self.jsonPath = nil
            self.message = message
        }

        /// An issue at a path of a `datamodel.json`.
        public init(jsonPath: String, message: String) {
            self.line = 0
            self.jsonPath = jsonPath
            self.message = message
        }

        /// `line N: message` or `$.path: message`.
        public var description: String {
            if let jsonPath { "\(jsonPath): \(message)" } else { "line \(line): \(message)" }
        }
    }

    /// The file name used in messages (a path, or a label such as `<shipped>`).
    public let file: String
    /// Never empty.
    public let issues: [Issue]

    /// An error for `file` with at least one issue.
    public init(file: String, issues: [Issue]) {
        self.file = file
        self.issues = issues
    }

    /// One line per issue: `path:line: error: message` for XML (the form editors and CI
    /// annotators read), `path: error: $.json.path: message` for JSON.
    public var description: String {
        issues.map { issue in
            if let jsonPath = issue.jsonPath { "\(file): error: \(jsonPath): \(issue.message)" }
            else { "\(file):\(issue.line): error: \(issue.message)" }
        }.joined(separator: "\n")
    }
}
