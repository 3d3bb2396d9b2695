import ConformRunner
import Dispatch
import Foundation

/// SIGINT and SIGTERM stop a run cleanly: no new case starts, teardown runs, and the JUnit
/// report of what finished is written. A second signal ends the process at once.
final class SignalWatcher: @unchecked Sendable {
    // Written on the signal queue, read by the command after the run; guarded by the lock.
    private let lock = NSLock()
    private var first: (name: String, number: Int32)?
    private var sources: [any DispatchSourceSignal] = []

    init(interruption: RunInterruption) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // Ignore the default action so the dispatch source sees the signal instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let repeated = self.lock.withLock { () -> Bool in
                    if self.first != nil { return true }
                    self.first = (name, number)
                    return false
                }
                if repeated {
                    FileHandle.standardError.write(Data("\(name) again: stopping now\n".utf8))
                    exit(128 + number)
                }
                FileHandle.standardError.write(Data("\(name): finishing requests in flight, running teardown, writing the report (again to stop now)\n".utf8))
                interruption.interrupt(by: name)
            }
            source.resume()
            sources.append(source)
        }
    }

    var received: (name: String, number: Int32)? { lock.withLock { first } }
}
