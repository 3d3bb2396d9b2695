/// Array keywords: `prefixItems`/`items`, `contains`, `minItems`/`maxItems`, `uniqueItems`.
extension Evaluator {
    mutating func evaluateArrayKeyword(_ node: SchemaNode, _ keyword: SchemaKeyword, _ value: JSONValue) -> Bool? {
        switch keyword {
        case .items(let prefix, let rest):
            guard case .array(let elements) = value else { return true }
            return evaluateItems(node, prefix: prefix, rest: rest, elements)
        case .contains(let schema, let minimum, let maximum):
            guard case .array(let elements) = value else { return true }
            return evaluateContains(node, schema, minimum: minimum, maximum: maximum, elements)
        case .minItems(let minimum):
            guard case .array(let elements) = value, elements.count < minimum else { return true }
            fail(node, "minItems", expected: "at least \(minimum) item\(minimum == 1 ? "" : "s")", actual: "\(elements.count)")
            return false
        case .maxItems(let maximum):
            guard case .array(let elements) = value, elements.count > maximum else { return true }
            fail(node, "maxItems", expected: "at most \(maximum) item\(maximum == 1 ? "" : "s")", actual: "\(elements.count)")
            return false
        case .uniqueItems:
            guard case .array(let elements) = value else { return true }
            do throws(NumberTooLargeError) {
                guard let (first, second) = try Self.firstDuplicate(in: elements) else { return true }
                fail(node, "uniqueItems", expected: "unique items",
                    actual: "items \(first) and \(second) are both \(ValueDescription.literal(elements[second]))")
            } catch {
                tooLarge(node, "uniqueItems", expected: "unique items", error)
            }
            return false
        default:
            return nil
        }
    }

    private mutating func evaluateItems(_ node: SchemaNode, prefix: [NodeID], rest: NodeID?, _ elements: [JSONValue]) -> Bool {
        var valid = true
        for (index, element) in elements.enumerated() {
            let schema: NodeID
            if index < prefix.count {
                schema = prefix[index]
            } else if let rest {
                if program.nodes[rest].rejectsEverything {
                    // `items: false`: say "too many items" once, not "false schema" per extra item.
                    let limit = prefix.count
                    fail(node, "items", expected: "at most \(limit) item\(limit == 1 ? "" : "s") (`items: false` after `prefixItems`)",
                        actual: "\(elements.count) items")
                    return false
                }
                schema = rest
            } else {
                break
            }
            path.append(.index(index))
            let passed = evaluate(schema, element)
            path.removeLast()
            if !passed {
                valid = false
                if !collecting { return false }
            }
        }
        return valid
    }

    /// Items matching `contains` count; drift records from matching items are kept (the
    /// schema described them), those from non-matching attempts are dropped.
    private mutating func evaluateContains(_ node: SchemaNode, _ schema: NodeID, minimum: Int, maximum: Int?,
        _ elements: [JSONValue]) -> Bool
    {
        var matches = 0
        for (index, element) in elements.enumerated() {
            path.append(.index(index))
            let (passed, branchFindings) = branch { $0.evaluate(schema, element) }
            path.removeLast()
            guard passed else { continue }
            matches += 1
            findings.objects += branchFindings.objects
            // Without a maximum, enough matches settle it (unless drift is being collected).
            if !collecting && maximum == nil && matches >= minimum { return true }
        }
        let summary = SchemaSummary(program: program)
        if matches < minimum {
            fail(node, minimum == 1 ? "contains" : "minContains",
                expected: "at least \(minimum) item\(minimum == 1 ? "" : "s") matching \(summary.describe(schema))",
                actual: "\(matches) of \(elements.count) match")
            return false
        }
        if let maximum, matches > maximum {
            fail(node, "maxContains", expected: "at most \(maximum) item\(maximum == 1 ? "" : "s") matching \(summary.describe(schema))",
                actual: "\(matches) of \(elements.count) match")
            return false
        }
        return true
    }

    /// The first pair of equal items (JSON equality: `1` equals `1.0`, key order does not
    /// matter, `true` is not `1`). Hashing a normalised form keeps this linear.
    static func firstDuplicate(in elements: [JSONValue]) throws(NumberTooLargeError) -> (Int, Int)? {
        guard elements.count > 1 else { return nil }
        // Short arrays (tags, flags) are cheaper to compare pairwise than to hash.
        if elements.count <= 8 {
            for later in 1..<elements.count {
                for earlier in 0..<later where try elements[earlier].jsonEqualsExactly(elements[later]) { return (earlier, later) }
            }
            return nil
        }
        var seen: [Int: [Int]] = [:]
        for (index, element) in elements.enumerated() {
            var hasher = Hasher()
            element.hashForEquality(into: &hasher)
            let hash = hasher.finalize()
            for earlier in seen[hash] ?? [] where try elements[earlier].jsonEqualsExactly(element) { return (earlier, index) }
            seen[hash, default: []].append(index)
        }
        return nil
    }
}

extension JSONValue {
    /// A hash consistent with `jsonEquals`: numbers by value (`1` and `1.0` alike), objects
    /// independent of key order.
    func hashForEquality(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .integer(let integer): hasher.combine(2); hasher.combine(Double(integer))
        case .double(let double): hasher.combine(2); hasher.combine(double)
        // The nearest double: equal numbers round alike, whichever case holds them (`.integer`
        // 2^53+1 and the `.decimal` 9007199254740993.0 both hash as 2^53).
        case .decimal(let decimal): hasher.combine(2); hasher.combine(decimal.doubleValue)
        case .string(let text): hasher.combine(3); hasher.combine(text)
        case .array(let elements):
            hasher.combine(4)
            hasher.combine(elements.count)
            for element in elements { element.hashForEquality(into: &hasher) }
        case .object(let object):
            hasher.combine(5)
            // Order-independent: combine the members' own hashes with a commutative sum.
            var sum = 0
            for (key, value) in object {
                var member = Hasher()
                member.combine(key)
                value.hashForEquality(into: &member)
                sum = sum &+ member.finalize()
            }
            hasher.combine(sum)
        }
    }
}
