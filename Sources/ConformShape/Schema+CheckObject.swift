/// Object keywords, and the drift records they leave.
///
/// Drift rule: a schema that has `properties`, `patternProperties`, `required` or
/// `additionalProperties` *describes* the object it applies to. It leaves a record of the
/// properties it does not declare (none at all when `additionalProperties` is present: an
/// explicit `additionalProperties` covers every other property, allowing, checking or
/// forbidding it). A property is drift when every describing schema that applied at that
/// object left it undeclared; schemas that do not describe objects (`{type: object}`) say
/// nothing either way. Records are merged at the end, see `Findings.result`.
extension Evaluator {
    mutating func evaluateObjectKeyword(_ node: SchemaNode, _ keyword: SchemaKeyword, _ value: JSONValue) -> Bool? {
        switch keyword {
        case .object(let rules):
            guard case .object(let object) = value else { return true }
            return evaluateMembers(node, rules, object)
        case .minProperties(let minimum):
            guard case .object(let object) = value, object.count < minimum else { return true }
            fail(node, "minProperties", expected: "at least \(minimum) propert\(minimum == 1 ? "y" : "ies")",
                actual: "\(object.count) (\(ValueDescription.keyList(object.keys)))")
            return false
        case .maxProperties(let maximum):
            guard case .object(let object) = value, object.count > maximum else { return true }
            fail(node, "maxProperties", expected: "at most \(maximum) propert\(maximum == 1 ? "y" : "ies")",
                actual: "\(object.count) (\(ValueDescription.keyList(object.keys)))")
            return false
        case .propertyNames(let schema):
            guard case .object(let object) = value else { return true }
            var valid = true
            for name in object.keys {
                path.append(.key(name))
                let passed = evaluate(schema, .string(name))
                path.removeLast()
                if !passed {
                    valid = false
                    if !collecting { return false }
                }
            }
            return valid
        case .dependentRequired(let pairs):
            guard case .object(let object) = value else { return true }
            var valid = true
            for (trigger, names) in pairs where object.contains(trigger) {
                for name in names where !object.contains(name) {
                    valid = false
                    guard collecting else { return false }
                    let here = currentPath
                    fail(node, "dependentRequired", at: here.appending(name),
                        expected: "property \(JSONValue.string(name).compactText) (required when \(JSONValue.string(trigger).compactText) is present)",
                        actual: "missing",
                        message: "\(here): missing property `\(name)`, required when `\(trigger)` is present")
                }
            }
            return valid
        case .dependentSchemas(let pairs):
            guard case .object(let object) = value else { return true }
            var valid = true
            for (trigger, schema) in pairs where object.contains(trigger) {
                if !evaluate(schema, value) {
                    valid = false
                    if !collecting { return false }
                }
            }
            return valid
        default:
            return nil
        }
    }

    /// `required`, `properties`, `patternProperties` and `additionalProperties`, in one pass
    /// over the members (each member's patterns are matched once), plus the drift record.
    private mutating func evaluateMembers(_ node: SchemaNode, _ rules: ObjectKeywords, _ object: JSONObject) -> Bool {
        var valid = true
        // With `required`, every member's name is looked up first (onto the evaluator's lookup
        // stack, from `first` up, for the member walk below), and the lookups count the
        // required names present: only when some are missing are they looked for one by one,
        // in `required`'s order (a scan of the object's names per required name cost more than
        // the lookups). A lookup decides and records nothing, so what is checked and reported,
        // and in which order, is as before.
        let first = memberLookups.count
        let looksUpFirst = !rules.required.isEmpty
        defer { if looksUpFirst { memberLookups.removeLast(memberLookups.count - first) } }
        if looksUpFirst {
            var present = 0
            for position in 0..<object.count {
                let named = rules.members.value(for: object.members[position].key)
                if named?.isRequired == true { present += 1 }
                memberLookups.append(named)
            }
            if present < rules.distinctRequiredCount && !evaluateRequired(node, rules, object) {
                valid = false
                guard collecting else { return false }
            }
        }

        var undeclared = MemberPositions()
        var undeclaredCount = 0
        var undeclaredOmitted = 0
        // Only when a required member is missing: the rename hint's other candidates.
        let gatherUnnamed = collecting && !valid
        var unnamed: [(name: String, value: JSONValue)] = []
        func noteUndeclared(_ position: Int) {
            if undeclaredCount < options.maximumDriftPerObject {
                undeclared.append(position)
                undeclaredCount += 1
            } else {
                undeclaredOmitted += 1
            }
        }
        let onlyNamesApply = rules.patternProperties.isEmpty && rules.additionalProperties == nil
        for (position, (name, member)) in object.enumerated() {
            var declared = false
            // One lookup answers both `properties` and `required`.
            let named = looksUpFirst ? memberLookups[first + position] : rules.members.value(for: name)
            if gatherUnnamed && named == nil {
                unnamed.append((name, member))
            }
            // A member no keyword applies to (half of them, when `allOf` parts each declare
            // some) is only noted: no path segment pushed and popped for it.
            if onlyNamesApply && named?.schema == nil {
                if collecting && named?.isRequired != true { noteUndeclared(position) }
                continue
            }
            path.append(.key(name))
            defer { path.removeLast() }
            if let schema = named?.schema {
                declared = true
                if !evaluate(schema, member) {
                    valid = false
                    if !collecting { return false }
                }
            }
            for (pattern, schema) in rules.patternProperties {
                guard let applies = patternApplies(node, pattern, to: name) else {
                    // Counted as declared: the error says what is unknown, without a second,
                    // possibly wrong, `additionalProperties` failure.
                    declared = true
                    continue
                }
                guard applies else { continue }
                declared = true
                if !evaluate(schema, member) {
                    valid = false
                    if !collecting { return false }
                }
            }
            guard !declared else { continue }
            if let additional = rules.additionalProperties {
                if rules.additionalPropertiesForbidden {
                    valid = false
                    guard collecting else { return false }
                    let known = rules.propertyOrder.isEmpty ? "" : " (declared: \(rules.propertyOrder.joined(separator: ", ")))"
                    let here = currentPath
                    fail(node, "additionalProperties", expected: "no undeclared property\(known)",
                        actual: ValueDescription.typed(member),
                        message: "\(here): undeclared property (\(member.typeDescription)) where `additionalProperties: false`")
                } else if !evaluate(additional, member) {
                    valid = false
                    if !collecting { return false }
                }
            } else if collecting && named?.isRequired != true {
                noteUndeclared(position)
            }
        }
        if collecting {
            findings.objects.append(ObjectRecord(path: currentPath, object: object, undeclared: undeclared, location: node.location, unnamed: unnamed,
                                                 undeclaredOmitted: undeclaredOmitted))
        }
        return valid
    }

    /// `required`'s missing names, a mismatch each, in `required`'s order; `false` when one is
    /// missing (at the first, when not collecting).
    private mutating func evaluateRequired(_ node: SchemaNode, _ rules: ObjectKeywords, _ object: JSONObject) -> Bool {
        var valid = true
        for name in rules.required where !object.contains(name) {
            valid = false
            guard collecting else { return false }
            let here = currentPath
            let schema = rules.schema(forProperty: name)
            let declared = schema.map { " (\(SchemaSummary(program: program).describe($0)))" } ?? ""
            fail(node, "required", at: here.appending(name),
                expected: "property \(JSONValue.string(name).compactText)\(declared)", actual: "missing",
                message: "\(here): missing required property `\(name)`\(declared)",
                missingProperty: (name, schema))
        }
        return valid
    }
}
