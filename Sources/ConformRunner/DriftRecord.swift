public import ConformShape
import Foundation

/// A tolerated difference: an undeclared response field (with its JSON path and type) or an
/// undeclared response header.
public struct DriftRecord: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case field, header
        /// `--baseline`: an additive change since the baseline snapshot (a new member, header,
        /// status or endpoint); `location` says where, `type` what.
        case baseline
    }
    public let kind: Kind
    /// `$.objects[0].created_by` for a field, the header name for a header.
    public let location: String
    /// The JSON type (`string`, `integer`, ...) of a field; empty for headers.
    public let type: String

    public init(kind: Kind, location: String, type: String) {
        self.kind = kind
        self.location = location
        self.type = type
    }

    public var description: String {
        switch kind {
        case .field: "unknown field `\(location)` (\(type))"
        case .header: "unknown header `\(location)`"
        case .baseline: "new since baseline: \(location)\(type.isEmpty ? "" : " (\(type))")"
        }
    }
}

extension DriftRecord {
    /// Records kept per case; the rest are counted (`CaseResult.driftOmitted`).
    public static let maximumPerCase = 100

    /// At most `maximumPerCase` records, each with secrets masked: a header *name* or a member
    /// name can carry a token (`X-Echo-<token>`), so the place is redacted, not only values.
    static func bounded(_ records: [DriftRecord], redactor: Redactor) -> (records: [DriftRecord], omitted: Int) {
        let kept = records.prefix(maximumPerCase).map { record in
            DriftRecord(kind: record.kind, location: redactor.redact(record.location), type: record.type)
        }
        return (kept, records.count - kept.count)
    }

    /// One record per field whatever the array position: `$.objects[*].created_by`, with
    /// every JSON type seen there (`string or null`). A list of 1000 objects with one new
    /// field is one finding, not a thousand.
    public static func grouped(_ drift: [ShapeDrift]) -> [DriftRecord] {
        var order: [String] = []
        var types: [String: [String]] = [:]
        for item in drift {
            let path = normalized(item.path)
            if types[path] == nil { order.append(path); types[path] = [] }
            if !types[path]!.contains(item.type) { types[path]!.append(item.type) }
        }
        return order.map { path in
            let seen = types[path] ?? []
            // null last, as the shape checker writes unions.
            let sorted = seen.filter { $0 != "null" }.sorted() + seen.filter { $0 == "null" }
            return DriftRecord(kind: .field, location: path, type: sorted.joined(separator: " or "))
        }
    }

    /// One record per place, in first-seen order, with the types of all records for it (the
    /// shape and a `values` check may both see the same addition).
    public static func merged(_ records: [DriftRecord]) -> [DriftRecord] {
        var order: [String] = []
        var byPlace: [String: DriftRecord] = [:]
        for record in records {
            let key = record.kind.rawValue + " " + record.location
            if let existing = byPlace[key] { byPlace[key] = existing.addingTypes(of: record) } else {
                order.append(key)
                byPlace[key] = record
            }
        }
        return order.compactMap { byPlace[$0] }
    }

    /// This record with the other's types added (`string` + `null` → `string or null`).
    func addingTypes(of other: DriftRecord) -> DriftRecord {
        let all = (type.components(separatedBy: " or ") + other.type.components(separatedBy: " or ")).filter { !$0.isEmpty }
        var unique: [String] = []
        for item in all where !unique.contains(item) { unique.append(item) }
        let sorted = unique.filter { $0 != "null" }.sorted() + unique.filter { $0 == "null" }
        return DriftRecord(kind: kind, location: location, type: sorted.joined(separator: " or "))
    }

    static func normalized(_ path: JSONPath) -> String {
        var text = "$"
        for segment in path.segments {
            switch segment {
            case .index: text += "[*]"
            case .key: text += JSONPath([segment]).description.dropFirst()
            }
        }
        return text
    }
}

/// One tolerated difference in the run-level summary.
public struct DriftSummaryEntry: Sendable {
    public let spec: String
    public let endpoint: String
    public var drift: DriftRecord
    /// The cases whose responses showed it, in run order.
    public var cases: [String]
}
