/// How the server puts a ``MockResponse`` on the wire. Everything but ``whole`` comes from a
/// transport fault profile; in-process callers of ``MockDeployment/respond(to:)`` see it as a
/// value, and ``MockServer`` carries it out.
public struct MockDelivery: Sendable, Hashable {
    /// How the answer ends.
    public enum Ending: Sendable, Hashable {
        /// The whole body, then the connection stays open for the next request.
        case complete
        /// Status line, headers (with `Content-Length` of `declaredLength`) and ``MockResponse/body``
        /// (fewer bytes), then the connection is closed normally (FIN): a truncated body.
        case closeAfterBody(declaredLength: Int)
        /// Status line, headers (with `Content-Length` of `declaredLength`) and ``MockResponse/body``
        /// (fewer bytes), then the connection is reset (TCP RST, `SO_LINGER` 0).
        case resetAfterBody(declaredLength: Int)
    }

    /// How long the server waits before it sends anything (the wait ends early if the client
    /// hangs up).
    public var delay: Duration
    public var ending: Ending

    public init(delay: Duration = .zero, ending: Ending = .complete) {
        self.delay = delay
        self.ending = ending
    }

    /// At once and whole.
    public static let whole = MockDelivery()
}
