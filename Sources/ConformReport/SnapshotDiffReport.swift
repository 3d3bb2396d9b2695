public import ConformRunner
public import ConformShape

/// `conform diff`: the changes between two snapshots for people (grouped by endpoint, breaking
/// first), as Markdown for a pull request comment, and as JSON.
public enum SnapshotDiffReport {
    /// Endpoints in order of their worst change, then by name; within one, breaking first.
    static func grouped(_ diff: SnapshotDiff) -> [(endpoint: String, changes: [SnapshotDiff.Change])] {
        let byEndpoint = Dictionary(grouping: diff.changes) { $0.endpoint.components(separatedBy: " → ").first ?? $0.endpoint }
        return byEndpoint.map { endpoint, changes in
            (endpoint, changes.sorted { ($0.severity, $0.endpoint, $0.path) < ($1.severity, $1.endpoint, $1.path) })
        }.sorted { lhs, rhs in
            let left = lhs.changes.first?.severity ?? .additive, right = rhs.changes.first?.severity ?? .additive
            return left != right ? left < right : lhs.endpoint < rhs.endpoint
        }
    }

    public static func text(_ diff: SnapshotDiff, old: String, new: String, style: ConsoleStyle = ConsoleStyle(colored: false)) -> String {
        guard !diff.changes.isEmpty else { return "no difference between \(old) and \(new)\n" }
        var text = "\(old) → \(new)\n"
        for (endpoint, changes) in grouped(diff) {
            text += "\n" + style.paint(endpoint, .bold) + "\n"
            for change in changes {
                let mark = change.severity == .breaking ? style.paint("✗ breaking", .fail) : style.paint("+ additive", .pass)
                let status = change.endpoint.components(separatedBy: " → ").dropFirst().first.map { "[\($0)] " } ?? ""
                text += "  \(mark)  \(change.kind.rawValue): \(status)\(change.message)\n"
            }
        }
        text += "\n" + summary(diff) + "\n"
        return text
    }

    public static func summary(_ diff: SnapshotDiff) -> String {
        let breaking = diff.breaking.count, additive = diff.additive.count
        return "\(breaking) breaking change\(breaking == 1 ? "" : "s"), \(additive) additive change\(additive == 1 ? "" : "s")"
    }

    public static func markdown(_ diff: SnapshotDiff, old: String, new: String) -> String {
        var text = "### API changes: `\(escape(old))` → `\(escape(new))`\n\n"
        guard !diff.changes.isEmpty else { return text + "No difference.\n" }
        text += "**\(summary(diff))**\n\n| | endpoint | change | where | was | now |\n|---|---|---|---|---|---|\n"
        for (_, changes) in grouped(diff) {
            for change in changes {
                text += "| \(change.severity == .breaking ? "❌ breaking" : "➕ additive") | `\(escape(change.endpoint))` | \(change.kind.rawValue) "
                    + "| \(change.path.isEmpty ? "" : "`\(escape(change.path))`") | \(escape(change.old ?? "")) | \(escape(change.new ?? "")) |\n"
            }
        }
        return text
    }

    public static func json(_ diff: SnapshotDiff, old: String, new: String) -> JSONValue {
        func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members)) }
        return object([
            ("old", .string(old)), ("new", .string(new)),
            ("breaking", .integer(Int64(diff.breaking.count))), ("additive", .integer(Int64(diff.additive.count))),
            ("changes", .array(grouped(diff).flatMap(\.changes).map { change in
                var members: [(String, JSONValue)] = [
                    ("severity", .string(change.severity.rawValue)), ("kind", .string(change.kind.rawValue)),
                    ("endpoint", .string(change.endpoint)), ("path", .string(change.path)),
                ]
                if let was = change.old { members.append(("old", .string(was))) }
                if let now = change.new { members.append(("new", .string(now))) }
                members.append(("message", .string(change.message)))
                return object(members)
            })),
        ])
    }

    /// Table cells: pipes and backticks would break the row.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }
}
