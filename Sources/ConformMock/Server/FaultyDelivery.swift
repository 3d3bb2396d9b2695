#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import NIOCore
import Synchronization

/// How the server carries out the transport faults of a ``MockDelivery``, inside Hummingbird.
///
/// Truncation and reset use one mechanism: the response body is a writer that sends the status
/// line and headers (with the full `Content-Length`), then the bytes it has, then **throws**.
/// Hummingbird cannot answer anything else once the head is out, so it closes the connection
/// (output first, a FIN); the client sees fewer bytes than promised. For a reset the writer
/// closes the channel itself before throwing, with `SO_LINGER` set to zero, which makes the
/// kernel send a TCP RST instead of a FIN.
enum FaultyDelivery {
    enum Ending: Sendable {
        case close
        case reset
    }

    /// Thrown by the body writer to make Hummingbird drop the connection.
    struct Interrupted: Error {
        let ending: Ending
    }

    /// A body that promises `length` bytes, sends `bytes` (fewer), then ends as `ending` says.
    static func body(_ bytes: [UInt8], declaring length: Int, then ending: Ending, on channel: any Channel) -> ResponseBody {
        ResponseBody(contentLength: length) { writer in
            if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
            if ending == .reset {
                // Queued on the channel's event loop after the write above, so the bytes are
                // handed to the kernel first. The close must happen here: the error below makes
                // Hummingbird half-close the output first (a FIN), which a client reads as a
                // truncated body rather than a reset.
                try? await (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                try? await channel.close().get()
            }
            throw Interrupted(ending: ending)
        }
    }

    /// Waits `delay`, or less if the connection closes or the request's task is cancelled
    /// (the server stopping). A client that merely half-closes (FIN) is not noticed: the
    /// server allows half-closed connections, so the wait then runs its course.
    static func wait(_ delay: Duration, unlessClosed channel: any Channel) async {
        let gate = Gate()
        let sleeper = Task {
            try? await Task.sleep(for: delay)
            gate.open()
        }
        channel.closeFuture.whenComplete { _ in gate.open() }
        await withTaskCancellationHandler {
            await gate.wait()
        } onCancel: {
            gate.open()
        }
        sleeper.cancel()
    }

    /// Opens once; a waiter before or after the opening goes on at once after it.
    private final class Gate: Sendable {
        private struct State {
            var isOpen = false
            var waiter: CheckedContinuation<Void, Never>?
        }

        private let state = Mutex(State())

        func wait() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let openAlready = state.withLock { state in
                    if state.isOpen { return true }
                    state.waiter = continuation
                    return false
                }
                if openAlready { continuation.resume() }
            }
        }

        func open() {
            let waiter = state.withLock { state in
                state.isOpen = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
