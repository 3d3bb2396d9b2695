import ConformShape
import ConformDataModel

/// A place in a JSON body that may stand for many values: `$` is the body, `.name` a member,
/// `[*]` every element of an array, `.*` every member of an object. `$.objects[*]` are the
/// objects of a list, `$.models.*.fields.*` every field of every model of a data model.
///
/// Profiles use it to say where an endpoint's records are and which field to mutate; the
/// `#$.path` form of a profile's field target is written in it.
struct JSONLocator: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case member(String)
        case everyElement
        case everyMember
    }

    let steps: [Step]

    init(_ steps: [Step] = []) { self.steps = steps }

    /// The body itself.
    static let root = JSONLocator()

    /// Reads `$`, `$.a`, `$.a[*].b`, `$.models.*.name`; `nil` for anything else. Member names
    /// are letters, digits, `_` and `-`.
    init?(parsing text: String) {
        guard text.hasPrefix("$") else { return nil }
        var rest = Substring(text.dropFirst())
        var steps: [Step] = []
        while !rest.isEmpty {
            if rest.hasPrefix("[*]") {
                steps.append(.everyElement)
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix(".*") {
                steps.append(.everyMember)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(".") {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-" })
                else { return nil }
                steps.append(.member(String(name)))
                rest = rest.dropFirst(1 + name.count)
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    var description: String {
        "$" + steps.map { step in
            switch step {
            case .member(let name): "." + name
            case .everyElement: "[*]"
            case .everyMember: ".*"
            }
        }.joined()
    }

    /// This locator followed by a member.
    func member(_ name: String) -> JSONLocator { JSONLocator(steps + [.member(name)]) }
    /// This locator followed by every element.
    var elements: JSONLocator { JSONLocator(steps + [.everyElement]) }

    /// The locator of the parent and the member name, when the last step names a member.
    var parentAndMember: (parent: JSONLocator, member: String)? {
        guard case .member(let name)? = steps.last else { return nil }
        return (JSONLocator(Array(steps.dropLast())), name)
    }

    /// Calls `change` on every value this locator reaches in `value`, in place.
    func modify(_ value: inout JSONValue, _ change: (inout JSONValue) -> Void) {
        Self.modify(&value, steps[...], change)
    }

    /// Calls `change` on every JSON object this locator reaches; other values are skipped.
    func modifyObjects(_ value: inout JSONValue, _ change: (inout JSONObject) -> Void) {
        modify(&value) { reached in
            guard case .object(var object) = reached else { return }
            reached = .null  // drop the enum's reference, so `object` is changed without a copy
            change(&object)
            reached = .object(object)
        }
    }

    private static func modify(_ value: inout JSONValue, _ steps: ArraySlice<Step>, _ change: (inout JSONValue) -> Void) {
        guard let step = steps.first else {
            change(&value)
            return
        }
        let rest = steps.dropFirst()
        switch (step, value) {
        case (.member(let name), .object(var object)):
            guard var child = object[name] else { return }
            value = .null
            object[name] = .null
            modify(&child, rest, change)
            object[name] = child
            value = .object(object)
        case (.everyMember, .object(var object)):
            value = .null
            for key in object.keys {
                guard var child = object[key] else { continue }
                object[key] = .null
                modify(&child, rest, change)
                object[key] = child
            }
            value = .object(object)
        case (.everyElement, .array(var array)):
            value = .null
            for index in array.indices { modify(&array[index], rest, change) }
            value = .array(array)
        default:
            return
        }
    }
}

extension JSONObject {
    /// The object with `old` renamed to `new` in the same position; unchanged when `old` is
    /// absent. An existing `new` member is replaced.
    func renaming(_ old: String, to new: String) -> JSONObject {
        guard contains(old), old != new else { return self }
        return JSONObject(compactMap { pair in pair.key == new ? nil : (pair.key == old ? new : pair.key, pair.value) })
    }
}
