import ConformHTTP
import ConformShape

/// `application/x-www-form-urlencoded` with Rails-style brackets, the API's default body
/// format: `{task: {name: "x", tags: ["a", "b"]}}` → `task[name]=x&task[tags][]=a&task[tags][]=b`.
enum FormEncoding {
    static func encode(_ value: JSONValue) -> String {
        var pairs: [(String, String)] = []
        flatten(value, prefix: nil, into: &pairs)
        return pairs.map { "\(percentEncode($0.0, keepBrackets: true))=\(percentEncode($0.1, keepBrackets: false))" }
            .joined(separator: "&")
    }

    static func flatten(_ value: JSONValue, prefix: String?, into pairs: inout [(String, String)]) {
        switch value {
        case .object(let object):
            for (key, member) in object {
                flatten(member, prefix: prefix.map { "\($0)[\(key)]" } ?? key, into: &pairs)
            }
        case .array(let elements):
            for element in elements { flatten(element, prefix: (prefix ?? "") + "[]", into: &pairs) }
        case .null:
            // Rails reads an empty value as nil for most field types.
            if let prefix { pairs.append((prefix, "")) }
        default:
            if let prefix { pairs.append((prefix, scalarText(value))) }
        }
    }

    /// The text of a scalar as a form value (strings unquoted, numbers as JSON writes them).
    static func scalarText(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.compactText
    }

    /// Percent-encoding for query strings and form bodies (`PercentEncoding`), brackets in
    /// names kept readable when asked.
    static func percentEncode(_ text: String, keepBrackets: Bool) -> String {
        PercentEncoding.encode(text, keepBrackets: keepBrackets)
    }
}
