/// How scalars are spelled: plain where a YAML reader (Conform's, a person's, another tool's)
/// can only read the text back as that same string, double-quoted otherwise.
enum YAMLScalar {
    /// The text of a scalar node. `flow` is true inside `{ }` or `[ ]`, where `,[]{}` end a
    /// plain scalar.
    static func text(_ node: YAMLNode, flow: Bool) -> String {
        switch node {
        case .string(let text): string(text, flow: flow)
        case .integer(let value): String(value)
        case .number(let value): number(value)
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .sequence, .mapping: ""
        }
    }

    /// A string, plain when safe, else double-quoted.
    static func string(_ text: String, flow: Bool) -> String {
        canBePlain(text, flow: flow) ? text : quoted(text)
    }

    /// Swift prints the shortest text that reads back as the same `Double`; a whole number
    /// keeps its `.0` so it stays a number with a fraction, as written.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return "\(value)"
    }

    /// `"..."` with JSON-style escapes (YAML's double-quoted style accepts them).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Words YAML 1.1 readers take as booleans or null; quoted although Conform itself would
    /// read most of them as strings, so no other tool misreads the file either.
    private static let reservedWords: Set<String> = [
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "y", "Y", "n", "N", "<<", "=",
    ]

    /// Conservative: anything that might be a number, a date, a boolean, null, an indicator or
    /// a comment, or that has edge whitespace, is quoted; so are `${…}` placeholders, as the
    /// shipped suite writes them, and anything with `#`, which some highlighters misread.
    static func canBePlain(_ text: String, flow: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        if reservedWords.contains(text) { return false }
        // Numbers, dates and times start like this; so do the `-`, `?` and `:` indicators.
        if "0123456789+-".unicodeScalars.contains(first) { return false }
        if first == ".", scalars.count == 1 || ("0"..."9").contains(scalars[1]) || [".inf", ".nan"].contains(text.lowercased()) {
            return false
        }
        if "?:,[]{}#&*!|>'\"%@`~".unicodeScalars.contains(first) { return false }
        if first == " " || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains("#") || text.contains("${") { return false }
        for scalar in scalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value >= 0x80 && scalar.value <= 0x9F { return false }
            if flow && "{},[]".unicodeScalars.contains(scalar) { return false }
            if scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 { return false }
        }
        return true
    }

    /// Whether `text` can be written as a folded block scalar (`>-`) and read back unchanged:
    /// printable, words separated by single spaces, no edge whitespace.
    static func canFold(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first != " ", last != " ", !text.contains("  ")
        else { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
            && $0.value != 0xFEFF && $0.value != 0x2028 && $0.value != 0x2029 }
    }

    /// `text` split at spaces into lines of at most `width` characters (a longer word gets a
    /// line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
