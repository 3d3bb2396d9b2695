// The in-process Hummingbird server the client tests talk to. This file imports Hummingbird
// and not ConformHTTP (both define HTTPRequest/HTTPResponse); tests see only `TestServer`.
import Hummingbird

#if canImport(Glibc)
import Glibc
#endif

/// `HTTPField` (HTTPTypes) is not re-exported by Hummingbird; reach it through `HTTPFields`.
private typealias Field = HTTPFields.Element

/// A running server: its port and its probe.
struct TestServer: Sendable {
    let port: Int
    let probe: ServerProbe

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}

/// Runs a Hummingbird server on 127.0.0.1, port 0 (the OS picks), for the duration of `body`,
/// then releases every paused handler and stops the server, whatever `body` did.
func withTestServer<T: Sendable>(_ body: @Sendable (TestServer) async throws -> T) async throws -> T {
    // Hummingbird's default logger reads LOG_LEVEL; keep test output quiet (cancelling the server logs errors).
    setenv("LOG_LEVEL", "critical", 0)
    let probe = ServerProbe()
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: makeRouter(probe),
        configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "conform-test"),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            throw TestServerError.didNotStart
        }
        let server = TestServer(port: port, probe: probe)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        await probe.releaseEverything()
        group.cancelAll()
        try? await group.waitForAll()
        return try result.get()
    }
}

enum TestServerError: Error { case didNotStart }


// MARK: - Routes

private func makeRouter(_ probe: ServerProbe) -> Router<BasicRequestContext> {
    let router = Router()
    let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
    for method in methods {
        // Echoes what arrived: the method, every header (in order, one x-echo-header each),
        // the body length (or "none") and the body itself.
        router.on("/echo", method: method) { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 20)
            var headers = HTTPFields()
            headers.append(Field(name: Field.Name("x-echo-method")!, value: request.method.rawValue))
            // HTTPTypes keeps Host as the :authority pseudo-header, and the target as :path.
            headers.append(Field(name: Field.Name("x-echo-authority")!, value: request.head.authority ?? "none"))
            headers.append(Field(name: Field.Name("x-echo-path")!, value: request.head.path ?? "none"))
            for field in request.headers {
                headers.append(Field(name: Field.Name("x-echo-header")!, value: "\(field.name.rawName): \(field.value)"))
            }
            let hasBody = request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil
            headers.append(Field(name: Field.Name("x-echo-body-length")!, value: hasBody ? "\(body.readableBytes)" : "none"))
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: request.method == .head ? ByteBuffer() : body))
        }
    }
    router.get("/status/{code}") { _, context -> Response in
        let code = try context.parameters.require("code", as: Int.self)
        return Response(status: .init(code: code))
    }
    router.get("/empty") { _, _ -> Response in
        Response(status: .ok, body: .init())
    }
    router.get("/redirect") { _, _ -> Response in
        Response(
            status: .found,
            headers: [.location: "/echo", .contentType: "text/plain"],
            body: .init(byteBuffer: ByteBuffer(string: "moved"))
        )
    }
    router.get("/repeated") { _, _ -> Response in
        var headers = HTTPFields()
        headers.append(Field(name: .setCookie, value: "a=1; Path=/"))
        headers.append(Field(name: .setCookie, value: "b=2; Path=/"))
        headers.append(Field(name: Field.Name("X-Multi")!, value: "one"))
        headers.append(Field(name: Field.Name("X-Multi")!, value: "two"))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok")))
    }
    // `bytes` bytes of the pattern i % 251; `chunked=1` streams them without Content-Length.
    router.get("/large") { request, _ -> Response in
        let count = request.uri.queryParameters.get("bytes", as: Int.self) ?? 0
        let bytes = patternBytes(count)
        if request.uri.queryParameters.get("chunked") == "1" {
            return Response(status: .ok, body: .init { writer in
                // A client that stops reading (the body-limit tests) makes a write fail;
                // finish anyway, as the writer requires.
                var offset = 0
                do {
                    while offset < bytes.count {
                        let end = min(offset + 64 * 1024, bytes.count)
                        try await writer.write(buffer(bytes[offset..<end]))
                        offset = end
                    }
                } catch {}
                try? await writer.finish(nil)
            })
        }
        return Response(status: .ok, body: .init(byteBuffer: buffer(bytes)))
    }
    router.get("/gzip") { _, _ -> Response in
        Response(
            status: .ok,
            headers: [.contentEncoding: "gzip", .contentType: "application/json"],
            body: .init(byteBuffer: buffer(gzippedJSON))
        )
    }
    // Announces itself under `tag`, then waits `ms` milliseconds or until the tag's gate opens.
    router.get("/pause") { request, _ -> Response in
        let tag = request.uri.queryParameters.get("tag").map { String($0) } ?? ""
        let milliseconds = request.uri.queryParameters.get("ms", as: Int.self)
        await probe.arrive(tag)
        await probe.pause(tag, milliseconds: milliseconds)
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "resumed \(tag)")))
    }
    // Counts concurrent requests (the probe keeps the maximum), holds each briefly, and
    // answers with its `id`.
    router.get("/concurrent") { request, _ -> Response in
        let id = request.uri.queryParameters.get("id").map { String($0) } ?? ""
        await probe.enter()
        try? await Task.sleep(for: .milliseconds(5))
        await probe.leave()
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: id)))
    }
    return router
}

private func buffer(_ bytes: some Collection<UInt8>) -> ByteBuffer {
    var buffer = ByteBuffer()
    buffer.writeBytes(bytes)
    return buffer
}

/// `count` bytes of `i % 251`: a pattern that catches reordered or dropped chunks.
func patternBytes(_ count: Int) -> [UInt8] {
    if count <= largePattern.count { return Array(largePattern.prefix(count)) }
    return (0..<count).map { UInt8($0 % 251) }
}

/// 8 MiB of the pattern, made once.
private let largePattern: [UInt8] = [UInt8](unsafeUninitializedCapacity: 8 << 20) { buffer, initialized in
    for index in buffer.indices { buffer[index] = UInt8(index % 251) }
    initialized = buffer.count
}

/// The JSON `gzipDecodedText`, gzip-compressed (made with Python's gzip.compress, mtime 0).
let gzippedJSON: [UInt8] = [
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 74, 47, 74, 77, 45, 201, 204, 75, 87, 178, 82, 202,
    72, 205, 201, 201, 215, 81, 72, 175, 202, 44, 80, 210, 81, 42, 74, 45, 72, 77, 44, 1, 10, 39,
    38, 141, 194, 193, 4, 149, 106, 1, 200, 153, 91, 80, 182, 1, 0, 0,
]
let gzipDecodedText = #"{"greeting":"hello, gzip","repeat":""# + String(repeating: "ab", count: 200) + #""}"#

// MARK: - Probe

/// What the server saw, and gates that hold requests until a test releases them.
actor ServerProbe {
    private var arrivals: [String: Int] = [:]
    private var arrivalWaiters: [(tag: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var paused: [Int: (tag: String, continuation: CheckedContinuation<Void, Never>)] = [:]
    private var openTags: Set<String> = []
    private var releasingAll = false
    private var nextPauseID = 0
    private var inFlight = 0
    /// The most requests `/concurrent` had in progress at once.
    private(set) var maxInFlight = 0

    func arrive(_ tag: String) {
        arrivals[tag, default: 0] += 1
        let count = arrivals[tag, default: 0]
        arrivalWaiters.removeAll { waiter in
            guard waiter.tag == tag, count >= waiter.count else { return false }
            waiter.continuation.resume()
            return true
        }
    }

    /// How many requests arrived under `tag`.
    func arrivalCount(_ tag: String) -> Int { arrivals[tag, default: 0] }

    /// Returns once `count` requests arrived under `tag` (or everything is released).
    func waitForArrivals(_ tag: String, count: Int) async {
        if releasingAll || arrivals[tag, default: 0] >= count { return }
        await withCheckedContinuation { continuation in
            arrivalWaiters.append((tag, count, continuation))
        }
    }

    func pause(_ tag: String, milliseconds: Int?) async {
        if releasingAll || openTags.contains(tag) { return }
        let id = nextPauseID
        nextPauseID += 1
        await withCheckedContinuation { continuation in
            paused[id] = (tag, continuation)
            if let milliseconds {
                Task {
                    try? await Task.sleep(for: .milliseconds(milliseconds))
                    self.resume(id)
                }
            }
        }
    }

    private func resume(_ id: Int) {
        paused.removeValue(forKey: id)?.continuation.resume()
    }

    /// Lets every request paused under `tag` (and any later one) answer.
    func open(_ tag: String) {
        openTags.insert(tag)
        for (id, entry) in paused where entry.tag == tag { resume(id) }
    }

    /// Lets everything answer, so the server can stop.
    func releaseEverything() {
        releasingAll = true
        for id in Array(paused.keys) { resume(id) }
        for waiter in arrivalWaiters { waiter.continuation.resume() }
        arrivalWaiters.removeAll()
    }

    func enter() {
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    func leave() { inFlight -= 1 }
}
