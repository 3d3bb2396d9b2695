import ConformSpec
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

    /// `transform` of each part, the parts run concurrently, the results in order.
    static func map<T: Sendable>(_ parts: [Range<Int>], _ transform: @Sendable (Range<Int>) -> T) -> [T] {
        guard parts.count > 1 else { return parts.map(transform) }
        let results = ResultSlots<T>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in results.set(index, transform(parts[index])) }
        return results.values
    }
}
