import Logging
import Synchronization

/// Passes log events on until the server it belongs to is being stopped on purpose, then
/// drops them: cancelling an in-process server makes Hummingbird log the cancellation as an
/// error ("Waiting on child channel: CancellationError()"), which is expected there.
struct SilencingLogHandler: LogHandler {
    /// Set once, when ``RunningMockServer/shutdown()`` begins.
    final class Switch: Sendable {
        private let silenced = Atomic<Bool>(false)
        func silence() { silenced.store(true, ordering: .releasing) }
        var isSilenced: Bool { silenced.load(ordering: .acquiring) }
    }

    var base: any LogHandler
    let silencer: Switch

    func log(event: LogEvent) {
        guard !silencer.isSilenced else { return }
        base.log(event: event)
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }
}
