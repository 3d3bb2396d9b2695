/// One entry of the operation log (reference §12): every create, update and delete, from
/// single-object routes, batches and seeds alike, with a strictly increasing sequence.
struct OplogEntry: Sendable {
    enum Operation: String, Sendable {
        case create, update, delete
    }

    /// From 1, one more per entry; never reused.
    let sequence: Int64
    let operation: Operation
    /// The object as the write left it. For a delete: the object as it was, with `updatedAt`
    /// set to the time of the delete (the entry renders only `id`, `type` and `updated_at`).
    let object: StoredObject
}

extension ObjectStore {
    /// Appends an entry with the next sequence number.
    mutating func record(_ operation: OplogEntry.Operation, _ object: StoredObject) {
        oplog.append(OplogEntry(sequence: nextSequence, operation: operation, object: object))
        nextSequence += 1
    }

    /// Entries with `start <= sequence < end`, in order. Sequences are dense from 1, so the
    /// range maps straight onto array positions.
    func oplogEntries(start: Int64, end: Int64) -> ArraySlice<OplogEntry> {
        let lower = Int(clamping: max(start, 1) - 1)
        let upper = Int(clamping: min(end, nextSequence) - 1)
        guard lower < upper, lower < oplog.count else { return [] }
        return oplog[lower..<min(upper, oplog.count)]
    }
}
