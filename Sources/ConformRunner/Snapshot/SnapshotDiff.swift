import ConformShape

/// `conform diff OLD NEW`: every difference between two snapshots, classified by the contract
/// rule — additive (clients keep working: a new endpoint, member, header, status) or breaking
/// (a client built against OLD can fail: an endpoint or status gone, a member gone or renamed,
/// a type changed, null where there was none, a member no longer always there, a format lost).
public struct SnapshotDiff: Sendable {
    public enum Severity: String, Sendable, Comparable {
        case breaking, additive

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .breaking && rhs == .additive }
    }

    public enum Kind: String, Sendable, CaseIterable {
        case endpointRemoved = "endpoint-removed", statusChanged = "status-changed", statusRemoved = "status-removed"
        case memberRemoved = "member-removed", memberRenamed = "member-renamed", typeChanged = "type-changed"
        case becameNullable = "became-nullable", becameOptional = "became-optional", formatChanged = "format-changed"
        case headerRemoved = "header-removed"
        case endpointAdded = "endpoint-added", statusAdded = "status-added", memberAdded = "member-added", headerAdded = "header-added"

        public var severity: Severity {
            switch self {
            case .endpointAdded, .statusAdded, .memberAdded, .headerAdded: .additive
            default: .breaking
            }
        }
    }

    public struct Change: Sendable, Hashable {
        public let kind: Kind
        /// `GET /objects/{model}.json`, with ` → 200` when the change is inside one status.
        public let endpoint: String
        /// The JSON path in the body (`$.objects[].name`), or the header, or empty.
        public let path: String
        public let old: String?
        public let new: String?
        public let message: String

        public var severity: Severity { kind.severity }
    }

    public let changes: [Change]

    public var breaking: [Change] { changes.filter { $0.severity == .breaking } }
    public var additive: [Change] { changes.filter { $0.severity == .additive } }

    public init(old: ContractSnapshot, new: ContractSnapshot) {
        var changes: [Change] = []
        let oldByKey = Dictionary(grouping: old.endpoints, by: \.key)
        let newByKey = Dictionary(grouping: new.endpoints, by: \.key)
        for key in Set(oldByKey.keys).union(newByKey.keys).sorted() {
            let before = oldByKey[key] ?? [], after = newByKey[key] ?? []
            guard !after.isEmpty else {
                changes.append(Change(kind: .endpointRemoved, endpoint: key, path: "", old: Self.statuses(before), new: nil,
                                      message: "no longer answered as before: it was \(Self.statuses(before)), and no case saw it now"))
                continue
            }
            guard !before.isEmpty else {
                changes.append(Change(kind: .endpointAdded, endpoint: key, path: "", old: nil, new: Self.statuses(after),
                                      message: "new endpoint (\(Self.statuses(after)))"))
                continue
            }
            let gone = before.filter { endpoint in !after.contains { $0.status == endpoint.status } }
            let arrived = after.filter { endpoint in !before.contains { $0.status == endpoint.status } }
            for endpoint in gone {
                if arrived.isEmpty {
                    changes.append(Change(kind: .statusRemoved, endpoint: key, path: "", old: String(endpoint.status), new: Self.statuses(after),
                                          message: "status \(endpoint.status) no longer seen (now \(Self.statuses(after)))"))
                } else {
                    changes.append(Change(kind: .statusChanged, endpoint: key, path: "", old: String(endpoint.status), new: Self.statuses(arrived),
                                          message: "status \(endpoint.status) became \(Self.statuses(arrived))"))
                }
            }
            for endpoint in arrived where gone.isEmpty {
                changes.append(Change(kind: .statusAdded, endpoint: key, path: "", old: nil, new: String(endpoint.status),
                                      message: "new status \(endpoint.status)"))
            }
            for previous in before {
                guard let current = after.first(where: { $0.status == previous.status }) else { continue }
                let label = "\(key) → \(previous.status)"
                for header in previous.headers where !current.headers.contains(header) {
                    changes.append(Change(kind: .headerRemoved, endpoint: label, path: header, old: header, new: nil,
                                          message: "header \(header) no longer sent"))
                }
                for header in current.headers where !previous.headers.contains(header) {
                    changes.append(Change(kind: .headerAdded, endpoint: label, path: header, old: nil, new: header, message: "new header \(header)"))
                }
                if let was = previous.body, let now = current.body {
                    Self.compare(was, now, path: "$", endpoint: label, into: &changes)
                } else if let was = previous.body {
                    changes.append(Change(kind: .typeChanged, endpoint: label, path: "$", old: Self.typeText(was.types), new: "no JSON body",
                                          message: "$: the JSON body (\(Self.typeText(was.types))) is gone"))
                }
            }
        }
        self.changes = changes
    }

    static func compare(_ old: ContractNode, _ new: ContractNode, path: String, endpoint: String, into changes: inout [Change]) {
        let oldTypes = Set(old.types), newTypes = Set(new.types)
        let added = newTypes.subtracting(oldTypes)
        if oldTypes == ["null"] {
            // Only null was ever seen: the type was not known, so a first value is no change of it.
        } else if added == ["null"] {
            changes.append(Change(kind: .becameNullable, endpoint: endpoint, path: path, old: typeText(old.types), new: typeText(new.types),
                                  message: "\(path): null where it never was (\(typeText(old.types)) → \(typeText(new.types)))"))
        } else if !added.isEmpty {
            changes.append(Change(kind: .typeChanged, endpoint: endpoint, path: path, old: typeText(old.types), new: typeText(new.types),
                                  message: "\(path): type \(typeText(old.types)) → \(typeText(new.types))"))
        }
        if let format = old.format, new.format != format, newTypes.contains("string") {
            changes.append(Change(kind: .formatChanged, endpoint: endpoint, path: path, old: format, new: new.format ?? "none",
                                  message: "\(path): strings were all \(format), now \(new.format.map { "all \($0)" } ?? "not all")"))
        }
        if oldTypes.contains("object") && newTypes.contains("object") {
            let removed = old.members.filter { new.member($0.name) == nil }
            var added = new.members.filter { old.member($0.name) == nil }
            for member in removed {
                let memberPath = path + JSONPath.memberStep(member.name)
                // A new member of the same types where one vanished: most likely a rename.
                if let index = added.firstIndex(where: { $0.node.types == member.node.types }) {
                    let renamed = added.remove(at: index)
                    changes.append(Change(kind: .memberRenamed, endpoint: endpoint, path: memberPath, old: member.name, new: renamed.name,
                                          message: "\(memberPath) is gone; probably renamed to \(path + JSONPath.memberStep(renamed.name))"))
                } else {
                    changes.append(Change(kind: .memberRemoved, endpoint: endpoint, path: memberPath, old: typeText(member.node.types), new: nil,
                                          message: "\(memberPath) (\(typeText(member.node.types))) is gone"))
                }
            }
            for member in added {
                let memberPath = path + JSONPath.memberStep(member.name)
                changes.append(Change(kind: .memberAdded, endpoint: endpoint, path: memberPath, old: nil, new: typeText(member.node.types),
                                      message: "new member \(memberPath) (\(typeText(member.node.types)))"))
            }
            for member in old.members {
                guard let current = new.member(member.name) else { continue }
                let memberPath = path + JSONPath.memberStep(member.name)
                if member.required && !current.required {
                    changes.append(Change(kind: .becameOptional, endpoint: endpoint, path: memberPath, old: "always present", new: "sometimes absent",
                                          message: "\(memberPath) was in every object, now missing from some"))
                }
                compare(member.node, current.node, path: memberPath, endpoint: endpoint, into: &changes)
            }
        }
        if let oldItems = old.items, let newItems = new.items {
            compare(oldItems, newItems, path: path + "[]", endpoint: endpoint, into: &changes)
        }
    }

    static func statuses(_ endpoints: [ContractSnapshot.Endpoint]) -> String {
        endpoints.map { String($0.status) }.sorted().joined(separator: ", ")
    }

    static func typeText(_ types: [String]) -> String { types.sorted().joined(separator: " | ") }
}
