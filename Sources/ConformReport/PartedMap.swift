import Foundation

/// Maps `0..<count` on every core, in contiguous parts, keeping the order: for the work a run
/// does after its last request (one core busy, the others idle), when there is enough of it.
enum PartedMap {
    /// Contiguous index ranges covering `0..<count`: one per core, each at least
    /// `minimumPerPart` long; a single range when that leaves fewer than two.
    static func parts(count: Int, minimumPerPart: Int = 64) -> [Range<Int>] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let partCount = min(cores, count / max(1, minimumPerPart))
        guard partCount > 1 else { return [0..<count] }
        return (0..<partCount).map { part in (count * part / partCount)..<(count * (part + 1) / partCount) }
    }

    /// `transform` of each part, in order; parts after the first run on other threads.
    static func map<T: Sendable>(_ parts: [Range<Int>], _ transform: @Sendable (Range<Int>) -> T) -> [T] {
        guard parts.count > 1 else { return parts.map(transform) }
        let results = Slots<T>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in results.set(index, transform(parts[index])) }
        return results.values
    }
}

/// Results written once each from concurrent workers, read after all have finished.
private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }

    var values: [T] { lock.withLock { slots.compactMap { $0 } } }
}
