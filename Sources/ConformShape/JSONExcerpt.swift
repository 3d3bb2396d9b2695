extension String {
    /// At most `limit` characters, the last one `…` when the text was longer. Counts only as
    /// far as the limit, so a 20 MB string costs what its first characters cost.
    func shortened(toCharacters limit: Int) -> String {
        guard utf8.count > limit else { return self }  // fewer bytes than the limit: fewer characters too
        var end = startIndex
        var count = 0
        while end < endIndex, count < limit {
            formIndex(after: &end)
            count += 1
        }
        guard end < endIndex else { return self }
        return String(self[..<index(before: end)]) + "…"
    }
}

/// A value as a short line of compact JSON, for messages: `{"id":"a","name":"Wash dis…`.
///
/// Built without writing the whole value first: a mismatch on a 20 MB string or a
/// 500,000-member object must not serialise all of it (and then count its characters) only
/// to show sixty of them.
extension JSONValue {
    /// At most `maxCharacters` characters; `…` ends a shortened one.
    public func excerpt(_ maxCharacters: Int = 60) -> String {
        var output = ""
        // Enough bytes for `maxCharacters` characters of any width, plus escapes.
        let budget = maxCharacters * 6 + 16
        _ = writeBounded(to: &output, budget: budget)
        return output.shortened(toCharacters: maxCharacters)
    }

    /// Writes compact JSON until `output` holds more than `budget` bytes; `false` when cut.
    private func writeBounded(to output: inout String, budget: Int) -> Bool {
        switch self {
        case .string(let text):
            let room = max(0, budget - output.utf8.count)
            var prefix = String.UnicodeScalarView()
            var taken = 0
            for scalar in text.unicodeScalars {
                guard taken < room else { break }
                prefix.append(scalar)
                taken += 1
            }
            Self.writeString(String(prefix), to: &output)
            return taken == text.unicodeScalars.count || output.utf8.count <= budget
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                guard element.writeBounded(to: &output, budget: budget), output.utf8.count <= budget else { return false }
            }
            output += "]"
            return output.utf8.count <= budget
        case .object(let object):
            output += "{"
            for (position, member) in object.enumerated() {
                if position > 0 { output += "," }
                guard JSONValue.string(member.key).writeBounded(to: &output, budget: budget) else { return false }
                output += ":"
                guard member.value.writeBounded(to: &output, budget: budget), output.utf8.count <= budget else { return false }
            }
            output += "}"
            return output.utf8.count <= budget
        default:
            output += compactText  // a scalar: short
            return output.utf8.count <= budget
        }
    }
}

extension JSONValue {
    /// Pretty-printed JSON (two-space indent), at most `maximumLines` lines, each long string
    /// shown through `excerpt`; the last line is `…` when the value went on. Bounded like
    /// `excerpt`: a 500,000-member object costs what its first lines cost.
    public func prettyExcerpt(maximumLines: Int) -> String {
        var writer = BoundedPrettyWriter(maximumLines: maximumLines)
        writer.write(self, level: 0)
        return writer.cut ? writer.output + "\n…" : writer.output
    }
}

private struct BoundedPrettyWriter {
    let maximumLines: Int
    var output = ""
    var lines = 1
    var cut = false

    init(maximumLines: Int) { self.maximumLines = max(1, maximumLines) }

    mutating func newline(level: Int) {
        guard !cut else { return }
        guard lines < maximumLines else { cut = true; return }
        lines += 1
        output += "\n" + String(repeating: "  ", count: level)
    }

    mutating func write(_ value: JSONValue, level: Int) {
        guard !cut else { return }
        switch value {
        case .array(let elements) where !elements.isEmpty:
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                newline(level: level + 1)
                write(element, level: level + 1)
                if cut { return }
            }
            newline(level: level)
            if !cut { output += "]" }
        case .object(let object) where !object.isEmpty:
            output += "{"
            for (position, member) in object.enumerated() {
                if position > 0 { output += "," }
                newline(level: level + 1)
                if cut { return }
                output += JSONValue.string(member.key).excerpt(80) + ": "
                write(member.value, level: level + 1)
                if cut { return }
            }
            newline(level: level)
            if !cut { output += "}" }
        default:
            output += value.excerpt(200)
        }
    }
}
