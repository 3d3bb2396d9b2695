extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace (space, tab, CR, LF).
    package var trimmedWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

/// Names of models, fields and relationships: `^[a-zA-Z][\w_]*$` as the official parser
/// checks it (reference §21.2), where `\w` is ASCII letters, digits and `_`.
public enum Identifier {
    /// Whether `name` is a valid model, field or relationship name.
    public static func isValid(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first.isASCIILetter else { return false }
        return scalars.dropFirst().allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }
}

extension Unicode.Scalar {
    package var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    package var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    package var isLowerHexDigit: Bool { isASCIIDigit || ("a"..."f").contains(self) }
}
