import ConformDataModel

/// What the suite writes to one field, and what it expects to read back (reference §16.2).
struct FieldSample: Sendable, Equatable {
    /// The value sent in a JSON body: the key of a choice, `{base64, filename}` for a file…
    let written: YAMLNode
    /// Expected values, as JSON path → value: `$.status` → `{key: 1, display: Closed}`.
    /// Empty when only the shape can say what comes back (uploads).
    let expected: [(path: String, value: YAMLNode)]
    /// Whether a form-urlencoded body can carry it (files and locations go as JSON only).
    let formSafe: Bool
    /// A note for the reader, e.g. that an upload is a stand-in.
    let note: String?

    static func == (left: FieldSample, right: FieldSample) -> Bool {
        left.written == right.written && left.formSafe == right.formSafe && left.note == right.note
            && left.expected.map(\.path) == right.expected.map(\.path) && left.expected.map(\.value) == right.expected.map(\.value)
    }
}

/// Realistic, valid values for every field type. Variants 0 and 1 differ (and sort in that
/// order for text, numbers, dates and datetimes), so an update shows, a query can tell the
/// first object from the second, and a sort puts them in a known order.
enum FieldSamples {
    /// The sample for `field`, or `nil` when the suite leaves it unset: `track` (its
    /// representation is not documented) and choice fields without options. `marked` puts
    /// `${run}` into text that can carry it.
    static func sample(_ field: Field, variant: Int, marked: Bool = false) -> FieldSample? {
        let path = "$." + field.name
        func plain(_ value: YAMLNode) -> FieldSample {
            FieldSample(written: value, expected: [(path, value)], formSafe: true, note: nil)
        }
        switch field.type {
        case .text(let subtype):
            let text = marked && TextSamples.canCarryMarker(subtype)
                ? TextSamples.marked(subtype, variant: variant)
                : literal(TextSamples.value(subtype, label: field.label ?? field.name, variant: variant))
            return plain(.string(text))
        case .integer: return plain(.integer(variant % 2 == 1 ? 57 : 42))
        case .number: return plain(.number(variant % 2 == 1 ? 17.25 : 12.5))
        case .date: return plain(.string(variant % 2 == 1 ? "2016-03-14" : "2016-02-27"))
        case .datetime: return plain(.string(variant % 2 == 1 ? "2016-03-14T09:30:00Z" : "2016-02-22T14:00:53Z"))
        case .boolean:
            let option = field.option(forKey: .boolean(variant % 2 == 0)) ?? ChoiceOption(key: .boolean(variant % 2 == 0), label: "")
            return FieldSample(written: option.key.literal, expected: [(path, choice(option))], formSafe: true, note: nil)
        case .singleChoice, .singleChoiceInteger:
            guard !field.options.isEmpty else { return nil }
            let option = field.options[variant % field.options.count]
            return FieldSample(written: option.key.literal, expected: [(path, choice(option))], formSafe: true, note: nil)
        case .multipleChoice, .multipleChoiceInteger:
            guard !field.options.isEmpty else { return nil }
            // Keys in option order, so the list reads back in the same order.
            let chosen = variant % 2 == 1 ? [field.options[field.options.count - 1]] : Array(field.options.prefix(2))
            return FieldSample(written: .list(chosen.map(\.key.literal)), expected: [(path, .list(chosen.map(choice)))],
                               formSafe: true, note: nil)
        case .location:
            return location(path: path, variant: variant)
        case .photo, .signature, .attachment:
            guard let file = FileSamples.file(for: field) else { return nil }
            let upload = YAMLNode.map([("base64", .string(file.base64)), ("filename", .string(file.filename))])
            return FieldSample(written: upload, expected: [], formSafe: false, note: file.note)
        case .track:
            return nil
        }
    }

    /// `{"key": …, "display": …}`, as choices and booleans read back.
    static func choice(_ option: ChoiceOption) -> YAMLNode {
        .map([("key", option.key.literal), ("display", .string(literal(option.label)))])
    }

    /// Text from the data model (labels, keys) as it must be written where specs expand
    /// placeholders: `${` becomes `$${`, so a label such as `Cost ${x}` stays literal.
    static func literal(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                result += "$${"
                index += 2
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// The object form the official codec reads (reference §16.2): Cape Town, then London.
    private static func location(path: String, variant: Int) -> FieldSample {
        let second = variant % 2 == 1
        let latitude = second ? 51.5072 : -33.9249
        let longitude = second ? -0.1276 : 18.4241
        let written = YAMLNode.map([
            ("latitude", .number(latitude)), ("longitude", .number(longitude)),
            ("altitude", second ? .null : .number(12.5)), ("horizontal_accuracy", .number(second ? 10.0 : 5.0)),
            ("vertical_accuracy", second ? .null : .number(3.0)),
            ("timestamp", .string(second ? "2016-03-14T09:30:00Z" : "2016-02-22T14:00:53Z")),
        ])
        return FieldSample(written: written, expected: [(path + ".latitude", .number(latitude)), (path + ".longitude", .number(longitude))],
                           formSafe: false, note: nil)
    }

    /// A value the field must refuse with `INVALID_VALUE` (reference §14), for the first field
    /// that has one, preferring choices (whose error text the docs show): a key with no option,
    /// then text where a date, number or boolean belongs.
    static func invalid(in model: Model) -> (field: Field, value: YAMLNode)? {
        let order: [(Field) -> YAMLNode?] = [
            { $0.type == .singleChoice && !$0.options.isEmpty ? .string("not-an-option") : nil },
            { field in
                guard field.type == .singleChoiceInteger, !field.options.isEmpty else { return nil }
                let keys: [Int64] = field.options.compactMap { if case .integer(let key) = $0.key { key } else { nil } }
                let largest = keys.max() ?? 0
                return .integer(largest + 1000)
            },
            { $0.type == .date ? .string("not a date") : nil },
            { $0.type == .datetime ? .string("not a datetime") : nil },
            { $0.type == .integer ? .string("not a number") : nil },
            { $0.type == .number ? .string("not a number") : nil },
        ]
        for rule in order {
            for field in model.fields {
                if let value = rule(field) { return (field, value) }
            }
        }
        return nil
    }
}

extension OptionKey {
    /// The key in a request body or an expected value, where `${` must be escaped.
    var literal: YAMLNode {
        if case .string(let text) = self { return .string(FieldSamples.literal(text)) }
        return yaml
    }

    /// The key as YAML, as a shape's `enum` lists it: a string, an integer or a boolean.
    var yaml: YAMLNode {
        switch self {
        case .string(let text): .string(text)
        case .integer(let value): .integer(value)
        case .boolean(let flag): .bool(flag)
        }
    }
}
