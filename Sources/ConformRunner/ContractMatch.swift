import ConformShape

/// `values` and `body.json` under the contract rule: an expected object matches when every
/// member it names is present with a matching value; members the response has beyond those
/// are additions (drift), not failures. Arrays match element by element, with the same length.
/// Numbers compare by value; `true` never equals `1`.
enum ContractMatch {
    struct Difference {
        let path: JSONPath
        let expected: JSONValue
        /// `nil` when the member is missing.
        let actual: JSONValue?
        /// Why two numbers count as different without being compared: both too large to
        /// compare exactly (``NumberTooLargeError``).
        var note: String? = nil
    }

    struct Result {
        var difference: Difference?
        /// Members present beyond the expectation, with their JSON type.
        var additions: [ShapeDrift] = []
    }

    static func compare(_ actual: JSONValue, expected: JSONValue, at path: JSONPath) -> Result {
        var result = Result()
        result.difference = difference(actual, expected, at: path, additions: &result.additions)
        return result
    }

    private static func difference(_ actual: JSONValue, _ expected: JSONValue, at path: JSONPath,
                                   additions: inout [ShapeDrift]) -> Difference? {
        switch (actual, expected) {
        case (.object(let have), .object(let want)):
            for (key, wanted) in want {
                guard let member = have[key] else { return Difference(path: path.appending(key), expected: wanted, actual: nil) }
                if let found = difference(member, wanted, at: path.appending(key), additions: &additions) { return found }
            }
            for (key, member) in have where !want.contains(key) {
                additions.append(ShapeDrift(path: path.appending(key), type: member.typeDescription))
            }
            return nil
        case (.array(let have), .array(let want)):
            guard have.count == want.count else { return Difference(path: path, expected: expected, actual: actual) }
            for (index, (member, wanted)) in zip(have, want).enumerated() {
                if let found = difference(member, wanted, at: path.appending(index), additions: &additions) { return found }
            }
            return nil
        default:
            do throws(NumberTooLargeError) {
                return try actual.jsonEqualsExactly(expected) ? nil : Difference(path: path, expected: expected, actual: actual)
            } catch {
                return Difference(path: path, expected: expected, actual: actual, note: error.description)
            }
        }
    }
}
