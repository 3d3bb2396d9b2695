extension DataModelReader {
    /// Reads the `<option>` children of a choice or boolean field (reference §21.4).
    mutating func readOptions(_ field: XMLNode, type: FieldType) -> [ChoiceOption] {
        let nodes = field.children.filter { $0.name == "option" }
        switch type {
        case .boolean: return readBooleanOptions(nodes, field: field)
        case .singleChoiceInteger, .multipleChoiceInteger: return readIntegerOptions(nodes)
        default: return readStringOptions(nodes)
        }
    }

    /// String keys: required and not blank (a missing key would silently become "null" in
    /// the official parser, so the mock refuses it), and unique.
    private mutating func readStringOptions(_ nodes: [XMLNode]) -> [ChoiceOption] {
        var options: [ChoiceOption] = []
        var used: Set<String> = []
        for node in nodes {
            guard let key = node.attribute("key"), !key.trimmedWhitespace.isEmpty else {
                error(node.line, "<option> needs a non-blank key")
                continue
            }
            guard used.insert(key).inserted else {
                error(node.line, "key '\(key)' is already used")
                continue
            }
            options.append(ChoiceOption(key: .string(key), label: node.text))
        }
        return options
    }

    /// Integer keys: base-10; a missing key is the largest key so far plus one, from 0.
    private mutating func readIntegerOptions(_ nodes: [XMLNode]) -> [ChoiceOption] {
        var options: [ChoiceOption] = []
        var used: Set<Int64> = []
        var largest: Int64? = nil
        for node in nodes {
            let key: Int64
            if let text = node.attribute("key") {
                guard let parsed = Int64(text.trimmedWhitespace), (-2_147_483_648...2_147_483_647).contains(parsed) else {
                    error(node.line, "key '\(text)' is not an integer")
                    continue
                }
                key = parsed
            } else {
                let next = (largest ?? -1) + 1
                guard next <= 2_147_483_647 else {
                    error(node.line, "the implied key is out of range")
                    continue
                }
                key = next
            }
            guard used.insert(key).inserted else {
                error(node.line, "key '\(key)' is already used")
                continue
            }
            largest = max(largest ?? key, key)
            options.append(ChoiceOption(key: .integer(key), label: node.text))
        }
        return options
    }

    /// Booleans: no options means the defaults `false` "No", `true` "Yes"; otherwise exactly
    /// two options keyed `true` and `false`, in the order written.
    private mutating func readBooleanOptions(_ nodes: [XMLNode], field: XMLNode) -> [ChoiceOption] {
        guard !nodes.isEmpty else {
            return ChoiceOption.booleanDefaults
        }
        var options: [ChoiceOption] = []
        var used: Set<Bool> = []
        for node in nodes {
            let text = node.attribute("key")
            guard let value = text == "true" ? true : text == "false" ? false : nil else {
                error(node.line, "key must be \"true\" or \"false\"")
                continue
            }
            guard used.insert(value).inserted else {
                error(node.line, "key '\(value)' is already used")
                continue
            }
            options.append(ChoiceOption(key: .boolean(value), label: node.text))
        }
        if nodes.count != 2 { error(field.line, "A boolean must contain exactly two options.") }
        return options
    }
}
