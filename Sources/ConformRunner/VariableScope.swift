import ConformShape
import ConformSpec
import Foundation

/// The values a spec file's placeholders resolve to while it runs. Each file has its own
/// scope, so captures never leak between files running side by side.
struct VariableScope: Sendable {
    private(set) var values: [String: JSONValue]
    let environment: [String: String]
    let targetFacts: [String: String]

    init(values: [String: JSONValue], environment: [String: String], targetFacts: [String: String]) {
        self.values = values
        self.environment = environment
        self.targetFacts = targetFacts
    }

    mutating func set(_ name: String, _ value: JSONValue) { values[name] = value }

    /// Why a placeholder has no value (only captures can be missing at run time; the loader
    /// checked everything else).
    struct Unbound: Error { let name: String }

    func value(of reference: Template.Reference) throws(Unbound) -> JSONValue {
        switch reference {
        case .variable(let name):
            guard let value = values[name] else { throw Unbound(name: name) }
            return value
        case .environment(let name):
            guard let value = environment[name] else { throw Unbound(name: "env.\(name)") }
            return .string(value)
        case .target(let name):
            return .string(targetFacts[name] ?? "")
        case .function(let name):
            return Self.call(name)
        }
    }

    static func call(_ function: String) -> JSONValue {
        switch function {
        case "uuid": return .string(UUID().uuidString.lowercased())
        case "now":
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return .string(formatter.string(from: Date()))
        case "today":
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return .string(formatter.string(from: Date()))
        case "timestamp": return .integer(Int64(Date().timeIntervalSince1970))
        case "random_suffix": return .string(String(UInt32.random(in: 0...UInt32.max), radix: 16))
        default: return .null
        }
    }

    /// A template as text: each placeholder's value written in (strings as they are, other
    /// values as JSON).
    func string(_ template: Template) throws(Unbound) -> String {
        var text = ""
        for part in template.parts {
            switch part {
            case .literal(let literal): text += literal
            case .reference(let reference):
                let value = try value(of: reference)
                if case .string(let s) = value { text += s } else { text += value.compactText }
            }
        }
        return text
    }

    /// A JSON template as a value: a string that is exactly one placeholder keeps the
    /// placeholder's JSON type (a captured integer stays an integer).
    func json(_ template: JSONTemplate) throws(Unbound) -> JSONValue {
        switch template {
        case .value(let value): return value
        case .string(let t):
            if t.isSingleReference, case .reference(let r) = t.parts[0] { return try value(of: r) }
            return .string(try string(t))
        case .array(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try json(item)) }
            return .array(values)
        case .object(let members):
            var object = JSONObject()
            for member in members { object[try string(member.key)] = try json(member.value) }
            return .object(object)
        }
    }

    /// Facts about the target that specs can use as `${target.NAME}`.
    static func facts(forBaseURL baseURL: String) -> [String: String] {
        guard let components = URLComponents(string: baseURL) else { return ["base_url": baseURL] }
        var origin = "\(components.scheme ?? "http")://\(components.host ?? "")"
        if let port = components.port { origin += ":\(port)" }
        let path = components.path
        let lastSegment = path.split(separator: "/").last.map(String.init) ?? ""
        return ["base_url": baseURL, "origin": origin, "path": path, "deployment_id": lastSegment]
    }
}
