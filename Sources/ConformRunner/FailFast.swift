public import ConformSpec
import Foundation

/// `--fail-fast` (pytest's `-x`): after the first gating case that fails or errs, no new case
/// starts; requests already in flight finish and teardown still runs, so nothing is left behind.
public final class FailFast: @unchecked Sendable {
    // `first` is written once by whichever file fails first and read by all; guarded by the lock.
    private let lock = NSLock()
    private var first: (name: String, file: String)?
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    func caseFailed(_ name: String, in file: String) {
        guard enabled else { return }
        lock.withLock { if first == nil { first = (name, file) } }
    }

    /// Why cases after the stop are not run, or nil while the run goes on.
    public var reason: Diagnostic.NotRunReason? {
        lock.withLock { first.map { .failFast(afterCase: $0.name, file: $0.file) } }
    }

    /// How every output says it: `--fail-fast stopped the run after "NAME" (FILE) failed`.
    public static func sentence(afterCase name: String, file: String) -> String {
        "--fail-fast stopped the run after \"\(name)\" (\(file)) failed"
    }
}
