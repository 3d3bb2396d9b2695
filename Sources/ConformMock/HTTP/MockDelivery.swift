/// How the server puts a ``MockResponse`` on the wire. Everything but ``whole`` comes from a
/// transport fault profile; in-process callers of ``MockDeployment/respond(to:)`` see it as a
/// value, and ``MockServer`` carries it out. The response's body stays the whole answer; the
/// delivery says what the wire does to it.
public struct MockDelivery: Sendable, Hashable {
    /// How the answer ends.
    public enum Ending: Sendable, Hashable {
        /// Everything announced is sent; the connection stays open for the next request.
        case complete
        /// Only the first `afterBytes` bytes of the body are sent, then the connection is closed
        /// normally (FIN): a body shorter than its `Content-Length`.
        case close(afterBytes: Int)
        /// Only the first `afterBytes` bytes of the body are sent, then the connection is reset
        /// (TCP RST, `SO_LINGER` 0).
        case reset(afterBytes: Int)
    }

    /// How long the server waits before it sends anything (the wait ends early if the
    /// connection closes or the server stops).
    public var delay: Duration
    /// Spaces sent after the body, counted in `Content-Length`: JSON and XML mean the same with
    /// them, so only the size changes. Written in chunks, never held in memory whole.
    public var padding: Int
    public var ending: Ending

    public init(delay: Duration = .zero, padding: Int = 0, ending: Ending = .complete) {
        self.delay = delay
        self.padding = padding
        self.ending = ending
    }

    /// At once and whole.
    public static let whole = MockDelivery()
}
