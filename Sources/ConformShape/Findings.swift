/// What an evaluation found, before it becomes a `ShapeCheckResult`.
struct Findings {
    var mismatches: [PendingMismatch] = []
    /// One record per describing schema applied at an object (see `Evaluator.evaluateMembers`).
    var objects: [ObjectRecord] = []
    /// Mismatches past `ShapeCheckOptions.maximumMismatches`, counted only.
    var mismatchesOmitted = 0
}

struct PendingMismatch {
    var mismatch: ShapeMismatch
    /// For a missing required property: its name and declared schema, for the rename hint.
    var missingProperty: (name: String, schema: NodeID?)?
}

/// The properties one describing schema left undeclared at one object.
struct ObjectRecord {
    let path: JSONPath
    /// The object at `path`, and which of its members the schema left undeclared (at most
    /// `ShapeCheckOptions.maximumDriftPerObject`, the first in member order).
    let object: JSONObject
    let undeclared: MemberPositions
    let location: SchemaLocation
    /// Members that neither `properties` nor `required` name (whatever `additionalProperties`
    /// or `patternProperties` made of them), kept only when a required one was missing: the
    /// candidates for "renamed?".
    var unnamed: [(name: String, value: JSONValue)] = []
    /// Undeclared members past `ShapeCheckOptions.maximumDriftPerObject`, counted only.
    var undeclaredOmitted = 0
}

extension Findings {
    /// Merges drift records, adds rename hints, applies strict mode, sorts and de-duplicates.
    func result(program: SchemaProgram, options: ShapeCheckOptions) -> ShapeCheckResult {
        var drift = mergedDrift()
        var mismatches = mismatches
        addRenameHints(to: &mismatches, drift: &drift, program: program)

        var final: [ShapeMismatch] = []
        var seen = Set<ShapeMismatch>()
        for pending in mismatches where seen.insert(pending.mismatch).inserted {
            final.append(pending.mismatch)
        }
        var omitted = mismatchesOmitted
        if options.rejectUnknown {
            for entry in drift {
                guard final.count < options.maximumMismatches else {
                    omitted += 1
                    continue
                }
                let rename = entry.drift.probableRenameOf.map { "; probably `\($0)` renamed" } ?? ""
                final.append(ShapeMismatch(path: entry.drift.path, keyword: "unknown", expected: "no undeclared property",
                    actual: entry.drift.type, schemaLocation: entry.location,
                    message: "\(entry.drift.path): undeclared property (\(entry.drift.type))\(rename); unknown fields are rejected"))
            }
            drift = []
        }
        // Sorted by path; the index keeps schema order for mismatches at the same path.
        let sorted = final.enumerated().sorted { ($0.element.path, $0.offset) < ($1.element.path, $1.offset) }.map(\.element)
        // In strict mode uncounted drift is uncounted failure.
        let driftOmitted = driftOmitted()
        return ShapeCheckResult(mismatches: sorted, drift: drift.map(\.drift),
                                mismatchesOmitted: omitted + (options.rejectUnknown ? driftOmitted : 0),
                                driftOmitted: options.rejectUnknown ? 0 : driftOmitted)
    }

    /// Drift records not kept, per object the fewest any describing schema there counted (a
    /// lower bound when several schemas describe one object).
    private func driftOmitted() -> Int {
        // The common case, nothing cut anywhere, needs no grouping (this runs per response).
        guard objects.contains(where: { $0.undeclaredOmitted > 0 }) else { return 0 }
        var fewest: [JSONPath: Int] = [:]
        for record in objects {
            fewest[record.path] = min(fewest[record.path] ?? record.undeclaredOmitted, record.undeclaredOmitted)
        }
        return fewest.values.reduce(0, +)
    }

    /// A property is drift when every describing schema at its object left it undeclared.
    /// Records are grouped by object path; the answer is the intersection of their positions
    /// (the records of one path are about one object). Runs for every checked response.
    private func mergedDrift() -> [(drift: ShapeDrift, location: SchemaLocation, value: JSONValue)] {
        // The common case, a response with nothing new, needs no grouping at all.
        guard objects.contains(where: { !$0.undeclared.isEmpty }) else { return [] }
        let (order, groups) = recordsByPath()
        var drift: [(drift: ShapeDrift, location: SchemaLocation, value: JSONValue)] = []
        for group in groups {
            let members = order[group]
            // A schema that declared every member of the object leaves no drift there.
            guard !members.contains(where: { objects[$0].undeclared.isEmpty }) else { continue }
            var common = objects[members.first!].undeclared
            for other in members.dropFirst() { common = common.intersection(objects[other].undeclared) }
            guard !common.isEmpty else { continue }
            let first = objects[members.first!]
            for position in common.positions {
                let (name, value) = first.object.member(at: position)
                drift.append((ShapeDrift(path: first.path.appending(name), type: value.typeDescription), first.location, value))
            }
        }
        // Sort indices, not the (large) tuples themselves.
        return drift.indices.sorted { drift[$0].drift.path < drift[$1].drift.path }.map { drift[$0] }
    }

    /// The records' indices grouped by path: `order` holds each group's indices together,
    /// ascending, and `groups` their ranges in `order`, in order of first appearance.
    ///
    /// A record finds its group among the groups so far (a response has a handful of object
    /// paths) by its object, equal paths confirmed; then one counting pass places the indices.
    /// Records at one path are about the very same object (the instance does not change while
    /// it is checked, and every object at a path is a copy of the value there, sharing its
    /// storage), so comparing storage first finds the group without reading the path, where
    /// a fingerprint of the path (FNV-1a over its segments) cost ~275 instructions a record,
    /// hashing the `JSONPath` itself ~700, a dictionary of fingerprints with an array per group
    /// ~1,100; and every describing schema at every object of every response leaves a record.
    private func recordsByPath() -> (order: [Int], groups: [Range<Int>]) {
        var groupFirst: [Int] = []
        groupFirst.reserveCapacity(8)
        var groupOf = [Int](repeating: 0, count: objects.count)
        // Groups placed by their object's storage address (open addressing, at most half full):
        // a page of items leaves dozens of groups, and scanning them all for every record cost
        // more than the records' own grouping.
        var bits = 4
        while 1 << bits < 2 * objects.count { bits += 1 }
        var slots = [Int](repeating: -1, count: 1 << bits)
        for index in objects.indices {
            let record = objects[index]
            let address = UInt64(record.object.storageAddress)
            var slot = Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while true {
                let group = slots[slot]
                if group < 0 {
                    slots[slot] = groupFirst.count
                    groupOf[index] = groupFirst.count
                    groupFirst.append(index)
                    break
                }
                // The same object first (two pointer comparisons), then the path decides: one
                // object stored at two places (built by hand: `[o, o]`) is two groups.
                let first = objects[groupFirst[group]]
                if first.object.isSameInstance(as: record.object) && first.path == record.path {
                    groupOf[index] = group
                    break
                }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
        // Counts per group, then where each group's next index goes.
        var next = [Int](repeating: 0, count: groupFirst.count)
        for group in groupOf { next[group] += 1 }
        var groups: [Range<Int>] = []
        groups.reserveCapacity(next.count)
        var start = 0
        for group in next.indices {
            let count = next[group]
            groups.append(start..<start + count)
            next[group] = start
            start += count
        }
        var order = [Int](repeating: 0, count: objects.count)
        for index in objects.indices {
            order[next[groupOf[index]]] = index
            next[groupOf[index]] += 1
        }
        return (order, groups)
    }

    /// A required property is missing and, at the same object, an undeclared one appeared
    /// whose value fits the missing one's declared schema (or at least its type): say it
    /// was probably renamed. Closest name wins among equal fits.
    private func addRenameHints(to mismatches: inout [PendingMismatch],
        drift: inout [(drift: ShapeDrift, location: SchemaLocation, value: JSONValue)], program: SchemaProgram)
    {
        guard mismatches.contains(where: { $0.missingProperty != nil }) else { return }
        // Candidates: drift (undeclared members), and members an open `additionalProperties`
        // or a pattern allowed (or `additionalProperties: false` refused) without naming them.
        var candidates: [(path: JSONPath, value: JSONValue, drift: Int?)] = drift.enumerated().map { ($1.drift.path, $1.value, $0) }
        for record in objects {
            for (name, value) in record.unnamed {
                let path = record.path.appending(name)
                if !candidates.contains(where: { $0.path == path }) { candidates.append((path, value, nil)) }
            }
        }
        guard !candidates.isEmpty else { return }
        let summary = SchemaSummary(program: program)
        var claimed = Set<Int>()
        for index in mismatches.indices {
            guard let missing = mismatches[index].missingProperty, let schema = missing.schema,
                let object = mismatches[index].mismatch.path.parent
            else { continue }
            var best: (rank: (Int, Int, String), candidate: Int)?
            for (position, candidate) in candidates.enumerated()
            where !claimed.contains(position) && candidate.path.parent == object {
                let fit: Int
                var evaluator = Evaluator(program: program, options: .default, collecting: false)
                if evaluator.evaluate(schema, candidate.value) {
                    fit = 0
                } else if summary.declaredTypes(schema)?.accepts(candidate.value) == true {
                    fit = 1
                } else {
                    continue
                }
                let name = candidate.path.lastKey ?? ""
                let rank = (fit, KeywordCatalog.editDistance(missing.name, name), name)
                if best == nil || rank < (best?.rank ?? rank) { best = (rank, position) }
            }
            guard let best, let newName = candidates[best.candidate].path.lastKey else { continue }
            claimed.insert(best.candidate)
            if let driftIndex = candidates[best.candidate].drift { drift[driftIndex].drift.probableRenameOf = missing.name }
            mismatches[index].mismatch.message = "\(object): `\(missing.name)` missing; `\(newName)` appeared — renamed?"
            mismatches[index].mismatch.renamedTo = newName
        }
    }
}
