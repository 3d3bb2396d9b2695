import ConformHTTP
import Foundation
import Testing

/// Runs `body` with a fresh client and always shuts it down (cancelling what is left), then
/// checks that every easy handle was freed.
func withClient<T: Sendable>(
    _ configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    let client = try HTTPClient(configuration: configuration)
    let result: Result<T, any Error>
    do {
        result = .success(try await body(client))
    } catch {
        result = .failure(error)
    }
    await client.shutdown(.cancelInFlight)
    #expect(client.liveEasyHandles == 0, "every easy handle is freed by shutdown()")
    return try result.get()
}

/// A test server and a client for it.
func withServerAndClient<T: Sendable>(
    _ configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
    _ body: @Sendable @escaping (TestServer, HTTPClient) async throws -> T
) async throws -> T {
    try await withTestServer { server in
        try await withClient(configuration) { client in try await body(server, client) }
    }
}

/// The `TransportError` a send throws, or `nil` (recorded as an issue) when it succeeds.
func transportError(
    _ client: HTTPClient, _ request: HTTPRequest, sourceLocation: SourceLocation = #_sourceLocation
) async -> TransportError? {
    do {
        let response = try await client.send(request)
        Issue.record("expected a transport error, got status \(response.status)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

extension HTTPResponse {
    /// The request headers the `/echo` route saw, in order, as (name, value).
    var echoedHeaders: [(name: String, value: String)] {
        headers.values(for: "x-echo-header").map { line in
            // The server trims the echoed line, so "X-Empty: " arrives as "X-Empty:".
            guard let colon = line.firstIndex(of: ":") else { return (line, "") }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
    }

    /// The values of request header `name` (case-insensitive) as `/echo` saw them.
    func echoedValues(_ name: String) -> [String] {
        echoedHeaders.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on: bound by the OS, then closed.
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EBADF) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
            bind(fd, sockaddrPointer, length) == 0 && getsockname(fd, sockaddrPointer, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The number of threads of this process named `name` (Linux `/proc/self/task/*/comm`).
/// Threads inherit their creator's name, so this also counts threads libcurl would start
/// from the loop thread (e.g. its threaded resolver).
func threadsNamed(_ name: String) -> Int {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.filter { task in
        let comm = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
    }.count
}
