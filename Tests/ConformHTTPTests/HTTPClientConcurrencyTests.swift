import ConformHTTP
import Foundation
import Testing

/// The name of the thread the caller runs on (Linux: its `comm`, as the client's thread sets it).
func currentThreadName() -> String {
    let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return comm.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Many requests, one thread: the multi loop, connection reuse, cancellation, shutdown.
@Suite("HTTPClient: concurrency and lifecycle", .timeLimit(.minutes(2)))
struct HTTPClientConcurrencyTests {
    @Test("200 concurrent requests are all in flight at once on one thread, and all complete correctly")
    func twoHundredConcurrent() async throws {
        var configuration = HTTPClientConfiguration(maxConnections: 200)
        configuration.threadName = "chttp-conc200"
        try await withServerAndClient(configuration) { server, client in
            let count = 200
            await withTaskGroup(of: (Int, Result<HTTPResponse, TransportError>).self) { group in
                for index in 0..<count {
                    group.addTask {
                        do throws(TransportError) {
                            let url = server.url("/pause?tag=hold&id=\(index)")
                            return (index, .success(try await client.send(HTTPRequest(url: url))))
                        } catch {
                            await server.probe.releaseEverything()  // fail the test, don't hang it
                            return (index, .failure(error))
                        }
                    }
                }
                // The server holds every request until all 200 have arrived: so they are
                // in flight together, and yet the client runs exactly one thread.
                await server.probe.waitForArrivals("hold", count: count)
                #expect(threadsNamed("chttp-conc200") == 1)
                await server.probe.open("hold")
                var seen = Set<Int>()
                for await (index, result) in group {
                    switch result {
                    case .success(let response):
                        #expect(response.status == 200)
                        #expect(response.bodyText == "resumed hold")
                        seen.insert(index)
                    case .failure(let error):
                        Issue.record("request \(index): \(error)")
                    }
                }
                #expect(seen.count == count)
            }
        }
    }

    @Test("maxConnections bounds the connections: 100 requests over 4 connections")
    func maxConnections() async throws {
        try await withServerAndClient(HTTPClientConfiguration(maxConnections: 4)) { server, client in
            let responses = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
                for index in 0..<100 {
                    group.addTask { (index, try await client.send(HTTPRequest(url: server.url("/concurrent?id=\(index)")))) }
                }
                return try await group.reduce(into: [(Int, HTTPResponse)]()) { $0.append($1) }
            }
            #expect(responses.count == 100)
            for (index, response) in responses {
                #expect(response.bodyText == "\(index)", "each response belongs to its request")
            }
            #expect(await server.probe.maxInFlight <= 4)
            #expect(responses.map(\.1.connectionsOpened).reduce(0, +) <= 4, "connections are reused")
        }
    }

    @Test("sequential requests reuse one connection and one easy handle")
    func reuse() async throws {
        try await withServerAndClient { server, client in
            var opened: [Int] = []
            for _ in 0..<20 {
                opened.append(try await client.send(HTTPRequest(url: server.url("/empty"))).connectionsOpened)
            }
            #expect(opened.first == 1)
            #expect(opened.dropFirst().allSatisfy { $0 == 0 })
            #expect(client.easyHandlesCreated == 1, "the pool hands the same handle back")
        }
    }

    @Test("cancelling the task stops the transfer; the client carries on")
    func cancellation() async throws {
        try await withServerAndClient { server, client in
            let task = Task { () async throws -> HTTPResponse in
                try await client.send(HTTPRequest(url: server.url("/pause?tag=cancel&ms=20000")))
            }
            await server.probe.waitForArrivals("cancel", count: 1)
            task.cancel()
            let result = await task.result
            guard case .failure(let failure) = result, let error = failure as? TransportError else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            #expect(error.url.hasSuffix("tag=cancel&ms=20000"))
            let next = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(next.status == 200)
        }
    }

    @Test("a TransferCancellation stops the transfer from outside its task; the client carries on")
    func transferCancellation() async throws {
        try await withServerAndClient { server, client in
            let cancellation = TransferCancellation()
            let task = Task { () async throws -> HTTPResponse in
                try await client.send(HTTPRequest(url: server.url("/pause?tag=handle&ms=20000")), cancellation: cancellation)
            }
            await server.probe.waitForArrivals("handle", count: 1)
            cancellation.cancel()
            cancellation.cancel()  // a second call does nothing
            let result = await task.result
            guard case .failure(let failure) = result, let error = failure as? TransportError else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            #expect(error.url.hasSuffix("tag=handle&ms=20000"))
            #expect(!task.isCancelled, "the task itself was not cancelled")
            let next = try await client.send(HTTPRequest(url: server.url("/empty")), cancellation: TransferCancellation())
            #expect(next.status == 200)
        }
    }

    @Test("a transfer whose TransferCancellation fired before sending never reaches the server")
    func transferCancelledBeforeSending() async throws {
        try await withServerAndClient { server, client in
            let cancellation = TransferCancellation()
            cancellation.cancel()
            #expect(cancellation.isCancelled)
            do {
                let response = try await client.send(HTTPRequest(url: server.url("/pause?tag=handle-early&ms=1")), cancellation: cancellation)
                Issue.record("expected a cancellation error, got status \(response.status)")
            } catch let error as TransportError {
                #expect(error.kind == .cancelled)
            }
            // A request that did go out after it would have arrived first on this connection.
            _ = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(await server.probe.arrivalCount("handle-early") == 0)
        }
    }

    @Test("a task cancelled before sending never reaches the server")
    func cancelledBeforeSending() async throws {
        try await withServerAndClient { server, client in
            let task = Task { () async throws -> HTTPResponse in
                try? await Task.sleep(for: .seconds(60))  // returns at once when cancelled
                return try await client.send(HTTPRequest(url: server.url("/pause?tag=early&ms=1")))
            }
            task.cancel()
            let result = await task.result
            guard case .failure(let failure) = result, let error = failure as? TransportError else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            // A request that did go out after it would have arrived first on this connection.
            _ = try await client.send(HTTPRequest(url: server.url("/empty")))
            #expect(await server.probe.arrivalCount("early") == 0)
        }
    }

    @Test("shutdown(.cancelInFlight) fails in-flight requests with .shutdown and frees everything")
    func shutdownCancels() async throws {
        try await withTestServer { server in
            let client = try HTTPClient()
            let tasks = (0..<5).map { _ in
                Task { () async throws -> HTTPResponse in
                    try await client.send(HTTPRequest(url: server.url("/pause?tag=shutdown&ms=20000")))
                }
            }
            await server.probe.waitForArrivals("shutdown", count: 5)
            await client.shutdown(.cancelInFlight)
            for task in tasks {
                guard case .failure(let failure) = await task.result, let error = failure as? TransportError else {
                    Issue.record("expected .shutdown")
                    continue
                }
                #expect(error.kind == .shutdown)
            }
            #expect(client.liveEasyHandles == 0)
            let late = await transportError(client, HTTPRequest(url: server.url("/empty")))
            #expect(late?.kind == .shutdown)
            await client.shutdown()  // again: harmless
        }
    }

    @Test("shutdown() lets in-flight requests finish, then refuses new ones")
    func shutdownDrains() async throws {
        try await withTestServer { server in
            let client = try HTTPClient()
            let tasks = (0..<5).map { _ in
                Task { () async throws -> HTTPResponse in
                    try await client.send(HTTPRequest(url: server.url("/pause?tag=drain")))
                }
            }
            await server.probe.waitForArrivals("drain", count: 5)
            let shutdown = Task { await client.shutdown() }
            // Wait until the client refuses new work: the shutdown has begun.
            while true {
                do throws(TransportError) {
                    _ = try await client.send(HTTPRequest(url: server.url("/empty")))
                } catch {
                    if error.kind == .shutdown { break }
                    Issue.record("unexpected \(error)")
                    break
                }
            }
            await server.probe.open("drain")
            await shutdown.value
            for task in tasks {
                let response = try await task.value
                #expect(response.status == 200)
                #expect(response.bodyText == "resumed drain")
            }
            #expect(client.liveEasyHandles == 0)
        }
    }

    @Test("tasks that prefer the client's executor run on its thread, before and after each response; once it is shut down, on the pool")
    func tasksPreferringTheClientRunOnItsThread() async throws {
        var configuration = HTTPClientConfiguration(maxConnections: 8)
        configuration.threadName = "chttp-exec"
        try await withServerAndClient(configuration) { server, client in
            let executor = client.taskExecutor
            let names = await withTaskGroup(of: [String].self) { group in
                for task in 0..<8 {
                    group.addTask(executorPreference: executor) {
                        var names = [currentThreadName()]
                        for step in 0..<5 {
                            let id = task * 10 + step
                            do throws(TransportError) {
                                let response = try await client.send(HTTPRequest(url: server.url("/concurrent?id=\(id)")))
                                #expect(response.bodyText == "\(id)", "each response belongs to its request")
                            } catch {
                                Issue.record("request \(id): \(error)")
                            }
                            names.append(currentThreadName())
                        }
                        // Work sent to the global executor runs there, and the task comes back.
                        let away = await withTaskExecutorPreference(globalConcurrentExecutor) { currentThreadName() }
                        #expect(away != "chttp-exec")
                        names.append(currentThreadName())
                        return names
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
            #expect(names.count == 56)
            #expect(Set(names) == ["chttp-exec"])
            await client.shutdown()
            // Its thread is gone: a task that still prefers the executor runs, on the pool.
            let after = await Task(executorPreference: executor) { currentThreadName() }.value
            #expect(after != "chttp-exec")
        }
    }

    @Test("a client released without shutdown() stops its thread by itself")
    func releasedWithoutShutdown() async throws {
        let configuration = {
            var configuration = HTTPClientConfiguration()
            configuration.threadName = "chttp-release"
            return configuration
        }()
        try await withTestServer { server in
            do {
                let client = try HTTPClient(configuration: configuration)
                _ = try await client.send(HTTPRequest(url: server.url("/empty")))
                #expect(threadsNamed("chttp-release") == 1)
            }
            for _ in 0..<500 where threadsNamed("chttp-release") > 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(threadsNamed("chttp-release") == 0)
        }
    }
}
