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
/// line and headers (with the full `Content-Length`), then the first bytes, then **throws**.
/// Hummingbird cannot answer anything else once the head is out, so it closes the connection
/// (output first, a FIN); the client sees fewer bytes than promised. For a reset the writer
/// closes the channel itself before throwing, with `SO_LINGER` set to zero, which makes the
/// kernel send a TCP RST instead of a FIN.
enum FaultyDelivery {
    /// Thrown by the body writer to make Hummingbird drop the connection.
    struct Interrupted: Error {}

    /// The padding is written in pieces of this size, from one buffer.
    static let chunkSize = 64 * 1024

    /// A body announcing `body` plus the delivery's padding, sending all of it or, for a faulty
    /// ending, its first bytes and then closing or resetting the connection.
    static func body(_ body: [UInt8], delivery: MockDelivery, on channel: any Channel) -> ResponseBody {
        let total = body.count + delivery.padding
        let limit: Int
        switch delivery.ending {
        case .complete: limit = total
        case .close(let bytes), .reset(let bytes): limit = min(max(bytes, 0), total)
        }
        return ResponseBody(contentLength: total) { writer in
            let fromBody = min(limit, body.count)
            if fromBody > 0 { try await writer.write(ByteBuffer(bytes: body[..<fromBody])) }
            var spaces = limit - fromBody
            if spaces > 0 {
                let chunk = ByteBuffer(repeating: 0x20, count: min(spaces, chunkSize))
                while spaces > 0 {
                    try await writer.write(spaces >= chunk.readableBytes ? chunk : chunk.getSlice(at: 0, length: spaces) ?? chunk)
                    spaces -= min(spaces, chunk.readableBytes)
                }
            }
            switch delivery.ending {
            case .complete:
                try await writer.finish(nil)
            case .close:
                throw Interrupted()
            case .reset:
                // Queued on the channel's event loop after the writes above, so the bytes are
                // handed to the kernel first. The close must happen here: the error below makes
                // Hummingbird half-close the output first (a FIN), which a client reads as a
                // truncated body rather than a reset.
                try? await (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                try? await channel.close().get()
                throw Interrupted()
            }
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
