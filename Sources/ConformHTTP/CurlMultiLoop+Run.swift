internal import CCurl
internal import CShims

// The loop thread: everything here runs on it and nowhere else.
extension CurlMultiLoop {
    /// How long `curl_multi_poll` may sleep. libcurl shortens it to its own next timeout
    /// (https://curl.se/libcurl/c/curl_multi_poll.html) and `curl_multi_wakeup` cuts it
    /// short, so these only bound how long an idle loop sleeps between checks.
    private static let busyPollMilliseconds: Int32 = 1_000
    private static let idlePollMilliseconds: Int32 = 10_000

    /// The thread body: take work, drive libcurl, deliver results, until stopped.
    func run() {
        while true {
            runJobs()
            let (work, cancellations, lifecycle) = takeWork()
            if lifecycle == .cancelling {
                for submission in work {
                    submission.continuation.resume(returning: .failure(.shutDown(submission.request)))
                }
                for easy in Array(inFlight.keys) {
                    abort(easy, with: TransportError.shutDown)
                }
            } else {
                for ticket in cancellations {
                    if let easy = easyByTicket[ObjectIdentifier(ticket)] {
                        abort(easy, with: TransportError.cancelled)
                    }
                }
                for submission in work {
                    begin(submission)
                }
            }
            if lifecycle != .running, inFlight.isEmpty {
                break  // no new work can arrive: `submit` refuses once not running
            }
            if let failure = drive(stopping: lifecycle != .running, seen: lifecycle) {
                failEverything(failure)
                break
            }
        }
        tearDown()
        // Jobs still queued, and any that come later, run on the global executor.
        let left: [UnownedJob] = shared.withLock { state in
            state.runsJobs = false
            var left: [UnownedJob] = []
            swap(&left, &state.jobs)
            return left
        }
        for job in left { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
    }

    /// Runs the jobs queued so far (those they enqueue wait for the next round).
    private func runJobs() {
        let jobs: [UnownedJob] = shared.withLock { state in
            var jobs: [UnownedJob] = []
            swap(&jobs, &state.jobs)
            return jobs
        }
        let executor = asUnownedTaskExecutor()
        for job in jobs { job.runSynchronously(on: executor) }
    }

    /// Takes queued submissions (marking them started) and cancellation requests.
    private func takeWork() -> ([Submission], [Ticket], Lifecycle) {
        shared.withLock { state in
            var work: [Submission] = []
            swap(&work, &state.queue)
            for submission in work { submission.ticket.phase = .started }
            var cancellations: [Ticket] = []
            swap(&cancellations, &state.cancellations)
            state.loopMaySleep = false  // awake: whatever comes next is seen before the next sleep
            return (work, cancellations, state.lifecycle)
        }
    }

    /// One round of I/O: perform, deliver finished transfers, wait for activity.
    /// Returns an error when the multi handle itself failed.
    private func drive(stopping: Bool, seen lifecycle: Lifecycle) -> TransportError? {
        // https://curl.se/libcurl/c/curl_multi_perform.html
        var running: Int32 = 0
        let performCode = curl_multi_perform(multi, &running)
        guard performCode == CURLM_OK else { return TransportError(performCode, during: "curl_multi_perform") }
        deliverFinished()
        if stopping, inFlight.isEmpty {
            return nil  // the last transfer of a shutdown just finished: stop without sleeping
        }
        // Sleep only with nothing new to take: callers wake a sleeping loop only (see
        // `Shared.loopMaySleep`), so work that came in since `takeWork` is taken first.
        let maySleep = shared.withLock { state in
            guard state.queue.isEmpty, state.cancellations.isEmpty, state.jobs.isEmpty, state.lifecycle == lifecycle else { return false }
            state.loopMaySleep = true
            return true
        }
        guard maySleep else { return nil }
        var ready: Int32 = 0
        let timeout = inFlight.isEmpty ? Self.idlePollMilliseconds : Self.busyPollMilliseconds
        let pollCode = curl_multi_poll(multi, nil, 0, timeout, &ready)
        guard pollCode == CURLM_OK else { return TransportError(pollCode, during: "curl_multi_poll") }
        return nil
    }

    // MARK: - Transfers

    /// Prepares an easy handle for the submission and adds it to the multi handle,
    /// or fails the submission at once.
    private func begin(_ submission: Submission) {
        let handle: CurlEasyHandle
        if let pooled = pool.popLast() {
            handle = pooled
        } else {
            do throws(TransportError) {
                handle = try CurlEasyHandle(counter: handleCounter)
            } catch {
                submission.continuation.resume(returning: .failure(error.about(submission.request)))
                return
            }
        }
        do throws(TransportError) {
            try handle.prepare(submission.request, settings)
        } catch {
            giveBack(handle)
            submission.continuation.resume(returning: .failure(error))
            return
        }
        let code = curl_multi_add_handle(multi, handle.raw)
        guard code == CURLM_OK else {
            giveBack(handle)
            let error = TransportError(
                code, method: submission.request.method.rawValue, url: submission.request.url,
                during: "curl_multi_add_handle")
            submission.continuation.resume(returning: .failure(error))
            return
        }
        inFlight[handle.raw] = (handle, submission)
        easyByTicket[ObjectIdentifier(submission.ticket)] = handle.raw
    }

    /// Delivers every transfer libcurl reports as done.
    private func deliverFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            // The message is freed by curl_multi_remove_handle, so copy what we need first:
            // https://curl.se/libcurl/c/curl_multi_info_read.html
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let result = message.pointee.data.result
            guard let (handle, submission) = detach(easy) else { continue }
            let outcome = handle.finish(result)
            giveBack(handle)
            submission.continuation.resume(returning: outcome)
        }
    }

    /// Stops a transfer before libcurl finished it and fails its request with `error`.
    private func abort(_ easy: UnsafeMutableRawPointer, with error: (HTTPRequest) -> TransportError) {
        guard let (handle, submission) = detach(easy) else { return }
        giveBack(handle)
        submission.continuation.resume(returning: .failure(error(submission.request)))
    }

    /// Removes a transfer from the multi handle and from the loop's books.
    /// https://curl.se/libcurl/c/curl_multi_remove_handle.html
    private func detach(_ easy: UnsafeMutableRawPointer) -> (CurlEasyHandle, Submission)? {
        guard let (handle, submission) = inFlight.removeValue(forKey: easy) else { return nil }
        easyByTicket[ObjectIdentifier(submission.ticket)] = nil
        let code = curl_multi_remove_handle(multi, easy)
        if code != CURLM_OK {
            // The handle's state is unknown: never reuse it. Dropping our reference frees it
            // (curl_easy_cleanup), and the request gets the multi error.
            let error = TransportError(
                code, method: submission.request.method.rawValue, url: submission.request.url,
                during: "curl_multi_remove_handle")
            submission.continuation.resume(returning: .failure(error))
            return nil
        }
        return (handle, submission)
    }

    /// Resets a finished handle into the pool, or frees it when the pool is full.
    private func giveBack(_ handle: CurlEasyHandle) {
        guard pool.count < poolCapacity else { return }  // released here: curl_easy_cleanup
        handle.recycle()
        pool.append(handle)
    }

    // MARK: - Stopping

    /// After a multi handle failure: nothing pending can complete, and no later request
    /// can be served, so fail them all with that error.
    private func failEverything(_ failure: TransportError) {
        let queued: [Submission] = shared.withLock { state in
            state.fatalError = failure
            state.lifecycle = .cancelling
            var queued: [Submission] = []
            swap(&queued, &state.queue)
            return queued
        }
        for submission in queued {
            submission.continuation.resume(returning: .failure(failure.about(submission.request)))
        }
        for easy in Array(inFlight.keys) {
            abort(easy) { failure.about($0) }
        }
    }

    /// Frees every libcurl resource, then releases the `shutdown()` callers.
    ///
    /// Order per https://curl.se/libcurl/c/curl_multi_cleanup.html: easy handles are
    /// already removed from the multi handle; clean them up, then the multi handle (which
    /// closes the cached connections), then the share (refused while a handle still uses it).
    private func tearDown() {
        shared.withLock { $0.multiAlive = false }  // from here on nobody calls curl_multi_wakeup
        pool.removeAll()
        let multiCode = curl_multi_cleanup(multi)
        let shareCode = curl_share_cleanup(share)
        // No request is left to carry an error: by construction every easy handle is gone,
        // so a failure here is a Conform bug (a handle still in use), caught in debug builds.
        assert(multiCode == CURLM_OK, "curl_multi_cleanup: \(curlMultiCodeName(multiCode))")
        assert(shareCode == CURLSHE_OK, "curl_share_cleanup failed: \(shareCode.rawValue)")
        let waiters: [CheckedContinuation<Void, Never>] = shared.withLock { state in
            state.lifecycle = .stopped
            var waiters: [CheckedContinuation<Void, Never>] = []
            swap(&waiters, &state.stopWaiters)
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
