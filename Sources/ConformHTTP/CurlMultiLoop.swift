internal import CCurl
internal import CShims
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The outcome delivered to a waiting `send`.
typealias TransferResult = Result<HTTPResponse, TransportError>

/// A libcurl multi handle driven by one thread this object owns.
///
/// The thread is also a task executor: between rounds of I/O it runs the jobs of tasks that
/// prefer it (the runner's cases), so a response resumes its case where it arrived and the
/// case's next request is taken on the next round; no other thread is woken for either. The
/// price: while such a job runs (checking a response), no transfer moves; the checks are
/// short and bounded (README, "Limits"). Once the thread has stopped, jobs go to the global
/// executor.
///
/// # Threads
/// Callers (any task, any thread) talk to the loop only through `shared`, a lock-protected
/// queue of submissions and cancellations, and `curl_multi_wakeup`, the one libcurl call
/// documented as callable from another thread (https://curl.se/libcurl/c/curl_multi_wakeup.html).
/// Every other libcurl call on the multi handle, the share handle and all easy handles
/// happens on the loop thread (creation and setup in `init` happen before the thread is
/// started, which orders them before its first use). libcurl handles must not be used
/// from two threads at once: https://curl.se/libcurl/c/threadsafe.html
///
/// # Why `@unchecked Sendable`
/// The class holds C pointers (`CURLM *`, `CURLSH *`) and loop-thread-only state
/// (`inFlight`, `pool` ...). It is safe to share because:
/// 1. fields marked *loop thread only* are touched only by `run()` and the functions it
///    calls, i.e. by the single thread started in `start()`, or after that thread ended;
/// 2. everything callers touch is inside `shared` (a mutex) or immutable (`let`);
/// 3. `curl_multi_wakeup` is only called while holding the lock and while
///    `shared.multiAlive` is true; the loop clears that flag under the lock before
///    `curl_multi_cleanup`, so no wakeup can reach a freed multi handle.
final class CurlMultiLoop: TaskExecutor, @unchecked Sendable {
    /// Where a request is, guarded by `shared`'s lock.
    enum Phase {
        /// `send` has registered for cancellation but not yet queued.
        case created
        /// In `shared.queue`, not yet seen by the loop.
        case queued
        /// Taken by the loop: it is in libcurl or already finished.
        case started
        /// Cancelled before the loop took it; its continuation is resumed (or will be by `submit`).
        case cancelled
    }

    /// Identity of one `send` call, for cancellation.
    final class Ticket: @unchecked Sendable {
        // @unchecked: `phase` is only read or written under the owning loop's `shared` lock.
        var phase = Phase.created
    }

    /// A request handed to the loop.
    struct Submission {
        let ticket: Ticket
        let request: HTTPRequest
        let continuation: CheckedContinuation<TransferResult, Never>
    }

    enum Lifecycle: Equatable {
        /// Accepting requests.
        case running
        /// `shutdown(.finishInFlight)`: no new requests; queued and in-flight ones complete.
        case draining
        /// `shutdown(.cancelInFlight)` or a fatal multi error: everything pending fails.
        case cancelling
        /// The thread has released every libcurl resource.
        case stopped
    }

    /// The state callers share with the loop thread.
    struct Shared {
        var lifecycle = Lifecycle.running
        var queue: [Submission] = []
        var cancellations: [Ticket] = []
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
        /// True until the loop is about to call `curl_multi_cleanup`.
        var multiAlive = true
        /// True from the moment the loop decides to sleep in `curl_multi_poll` (having seen
        /// nothing queued, under the lock) until it next takes work: only then does a caller
        /// need `curl_multi_wakeup`. A busy loop finds new work on its next round anyway, so
        /// most submissions under load cost no wakeup (a socket write and the loop's read).
        var loopMaySleep = false
        /// Set once the thread is joined or detached (exactly one of the two happens).
        var threadReleased = false
        /// Why the loop stopped on its own, when a multi call failed; later sends get it.
        var fatalError: TransportError?
        /// Jobs of tasks that prefer this loop as their executor, run between rounds of I/O.
        var jobs: [UnownedJob] = []
        /// False once the loop has run its last job: later jobs go to the global executor.
        var runsJobs = true
    }

    let shared = LockedState(Shared())
    let settings: TransferSettings
    let poolCapacity: Int
    let threadName: String
    /// Counts live easy handles, so tests can prove every one was freed.
    let handleCounter = HandleCounter()

    // MARK: Loop thread only

    /// The `CURLM *`.
    let multi: UnsafeMutableRawPointer
    /// The `CURLSH *` sharing TLS sessions among this loop's easy handles.
    let share: UnsafeMutableRawPointer
    /// Transfers added to the multi handle, by easy handle (the strong reference that keeps
    /// each handle alive while libcurl may call back into it).
    var inFlight: [UnsafeMutableRawPointer: (handle: CurlEasyHandle, submission: Submission)] = [:]
    /// The easy handle of each started ticket, for cancellation.
    var easyByTicket: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]
    /// Idle easy handles, reset and ready for the next request.
    var pool: [CurlEasyHandle] = []

    // MARK: Thread identity (written once in `start`, read by `join`/`detach`)

    private var thread = pthread_t()
    private var threadStarted = false

    // MARK: - Setup

    init(configuration: HTTPClientConfiguration) throws(TransportError) {
        try CurlGlobal.ensureInitialized()
        guard configuration.maxConnections >= 1, configuration.maxBodySize >= 0 else {
            throw TransportError(
                kind: .invalidRequest, method: "", url: "", summary: "invalid client configuration",
                detail: "maxConnections must be at least 1 and maxBodySize not negative")
        }
        (multi, share) = try Self.makeHandles(maxConnections: configuration.maxConnections)
        settings = TransferSettings(
            maxBodySize: configuration.maxBodySize,
            tls: configuration.tls,
            clientCertificate: configuration.clientCertificate,
            proxy: configuration.proxy,
            contentDecoding: configuration.contentDecoding,
            userAgent: configuration.userAgent,
            http2: CurlGlobal.supportsHTTP2,
            share: share
        )
        poolCapacity = min(configuration.maxConnections * 2, 256)
        threadName = String(decoding: configuration.threadName.utf8.prefix(15), as: UTF8.self)
    }

    /// Creates and configures the multi and share handles, freeing both on any failure.
    private static func makeHandles(
        maxConnections: Int
    ) throws(TransportError) -> (UnsafeMutableRawPointer, UnsafeMutableRawPointer) {
        guard let multi = curl_multi_init() else {
            throw TransportError(kind: .other, method: "", url: "", summary: "curl_multi_init failed")
        }
        guard let share = curl_share_init() else {
            curl_multi_cleanup(multi)
            throw TransportError(kind: .other, method: "", url: "", summary: "curl_share_init failed")
        }
        func fail(_ error: TransportError) -> TransportError {
            curl_multi_cleanup(multi)
            curl_share_cleanup(share)
            return error
        }
        // The multi handle already gives its easy handles one connection cache and one DNS
        // cache (https://curl.se/libcurl/c/libcurl-multi.html, "connection reuse"); TLS session
        // IDs are per easy handle unless shared, so share them: a new connection to a host
        // seen before resumes the TLS session. Only the loop thread uses the share, so it
        // needs no lock callbacks: https://curl.se/libcurl/c/CURLSHOPT_SHARE.html
        let shareCode = conform_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
        guard shareCode == CURLSHE_OK else {
            throw fail(TransportError(
                kind: .other, method: "", url: "", code: Int(shareCode.rawValue), codeName: "CURLSHcode",
                summary: String(cString: curl_share_strerror(shareCode)), detail: "curl_share_setopt failed"))
        }
        let options: [(CURLMoption, Int, String)] = [
            // Multiplex HTTP/2 streams over one connection (the default since 7.62, set
            // explicitly): https://curl.se/libcurl/c/CURLMOPT_PIPELINING.html
            (CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX), "CURLMOPT_PIPELINING"),
            // `--concurrency N` = N connections; further transfers wait inside libcurl:
            // https://curl.se/libcurl/c/CURLMOPT_MAX_HOST_CONNECTIONS.html
            (CURLMOPT_MAX_HOST_CONNECTIONS, maxConnections, "CURLMOPT_MAX_HOST_CONNECTIONS"),
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections, "CURLMOPT_MAX_TOTAL_CONNECTIONS"),
            // Keep as many idle connections as may be open, so none is closed just to be
            // reopened: https://curl.se/libcurl/c/CURLMOPT_MAXCONNECTS.html
            (CURLMOPT_MAXCONNECTS, maxConnections, "CURLMOPT_MAXCONNECTS"),
        ]
        for (option, value, name) in options {
            let code = conform_multi_setopt_long(multi, option, value)
            guard code == CURLM_OK else { throw fail(TransportError(code, during: "setting \(name)")) }
        }
        return (multi, share)
    }

    /// Starts the loop thread. Call once, right after `init`.
    func start() throws(TransportError) {
        // The thread owns a reference to the loop until `run` returns.
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context).takeRetainedValue()
            conform_set_current_thread_name(loop.threadName)
            loop.run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<CurlMultiLoop>.fromOpaque(context).release()
            throw TransportError(
                kind: .other, method: "", url: "", summary: "could not start the HTTP thread",
                detail: "pthread_create returned \(result)")
        }
        threadStarted = true
    }

    deinit {
        // Only reached with the thread never started (a running thread holds a reference);
        // otherwise `run` has already freed everything.
        if !threadStarted {
            curl_multi_cleanup(multi)
            curl_share_cleanup(share)
        }
    }

    // MARK: - Caller side (any thread)

    /// Sends `request` through the loop and waits for its outcome. Cancelling the calling
    /// task, or `cancellation`, removes the transfer from libcurl and returns a `.cancelled` error.
    func perform(_ request: HTTPRequest, cancellation: TransferCancellation? = nil) async -> TransferResult {
        let ticket = Ticket()
        // Before submitting: a cancellation that came first marks the ticket, and `submit`
        // answers for it without sending.
        cancellation?.onCancel { [self] in cancel(ticket, request) }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                submit(Submission(ticket: ticket, request: request, continuation: continuation))
            }
        } onCancel: {
            cancel(ticket, request)
        }
    }

    private func submit(_ submission: Submission) {
        let rejection: TransportError? = shared.withLock { state in
            if submission.ticket.phase == .cancelled {
                return .cancelled(submission.request)
            }
            guard state.lifecycle == .running else {
                return state.fatalError.map { $0.about(submission.request) } ?? .shutDown(submission.request)
            }
            submission.ticket.phase = .queued
            state.queue.append(submission)
            wakeUpLocked(&state)
            return nil
        }
        if let rejection {
            submission.continuation.resume(returning: .failure(rejection))
        }
    }

    private func cancel(_ ticket: Ticket, _ request: HTTPRequest) {
        let removed: Submission? = shared.withLock { state in
            switch ticket.phase {
            case .created:
                ticket.phase = .cancelled  // `submit` will answer for it
                return nil
            case .queued:
                ticket.phase = .cancelled
                guard let index = state.queue.firstIndex(where: { $0.ticket === ticket }) else { return nil }
                return state.queue.remove(at: index)
            case .started:
                state.cancellations.append(ticket)
                wakeUpLocked(&state)
                return nil
            case .cancelled:
                return nil
            }
        }
        removed?.continuation.resume(returning: .failure(.cancelled(request)))
    }

    /// Stops accepting requests, lets in-flight ones finish or cancels them, and waits until
    /// the thread has freed every libcurl resource and ended.
    func shutdown(cancelInFlight: Bool) async {
        requestStop(cancelInFlight: cancelInFlight)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = shared.withLock { state in
                if state.lifecycle == .stopped { return true }
                state.stopWaiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
        // The thread resumed us as its last act; joining returns at once.
        if claimThread() { pthread_join(thread, nil) }
    }

    /// Asks the loop to stop without waiting, and detaches the thread: for a client released
    /// without `shutdown()`.
    func stopInBackground() {
        requestStop(cancelInFlight: true)
        if claimThread() { pthread_detach(thread) }
    }

    private func requestStop(cancelInFlight: Bool) {
        shared.withLock { state in
            switch state.lifecycle {
            case .running: state.lifecycle = cancelInFlight ? .cancelling : .draining
            case .draining where cancelInFlight: state.lifecycle = .cancelling
            default: break
            }
            wakeUpLocked(&state)
        }
    }

    /// True for the one caller that gets to join or detach the thread.
    private func claimThread() -> Bool {
        guard threadStarted else { return false }
        return shared.withLock { state in
            defer { state.threadReleased = true }
            return !state.threadReleased
        }
    }

    /// A task that prefers this loop as its executor runs here, on the loop thread, between
    /// rounds of I/O: a response resumes its case on the thread that received it and the
    /// case's next request is taken on the next round, with no thread woken on either side.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let accepted = shared.withLock { state in
            guard state.runsJobs else { return false }
            state.jobs.append(unowned)
            wakeUpLocked(&state)
            return true
        }
        if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(unowned)) }
    }

    /// Interrupts `curl_multi_poll` when the loop may be in it. Call with the lock held (see
    /// the class comment).
    private func wakeUpLocked(_ state: inout Shared) {
        // The loop looks at the queue, the cancellations and the lifecycle under this lock
        // before it sleeps; while `loopMaySleep` is false, it has not yet, and will see what
        // the caller just added. One wakeup per sleep is enough.
        guard state.multiAlive, state.loopMaySleep else { return }
        state.loopMaySleep = false
        // A wakeup that arrives while the loop is not polling makes the next poll return at
        // once, so none is lost. It can only fail if the wakeup socket pair is gone, and then
        // the loop still notices the queue within its poll timeout.
        _ = curl_multi_wakeup(multi)
    }
}

/// Counts live easy handles of one loop.
final class HandleCounter: Sendable {
    private let counts = LockedState((live: 0, created: 0))
    func created() { counts.withLock { $0.live += 1; $0.created += 1 } }
    func destroyed() { counts.withLock { $0.live -= 1 } }
    var live: Int { counts.withLock { $0.live } }
    var total: Int { counts.withLock { $0.created } }
}

extension TransportError {
    static func cancelled(_ request: HTTPRequest) -> TransportError {
        TransportError(
            kind: .cancelled, method: request.method.rawValue, url: request.url, summary: "cancelled",
            detail: "the calling task was cancelled; the transfer was stopped")
    }

    static func shutDown(_ request: HTTPRequest) -> TransportError {
        TransportError(
            kind: .shutdown, method: request.method.rawValue, url: request.url, summary: "client shut down",
            detail: "the HTTP client was shut down before the request completed")
    }

    /// The same error, about another request.
    func about(_ request: HTTPRequest) -> TransportError {
        var copy = self
        copy.method = request.method.rawValue
        copy.url = request.url
        return copy
    }
}
