public import Logging
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import Synchronization

/// Where a running mock server listens.
public struct MockServerAddress: Sendable, Hashable {
    /// The host the server was asked to bind, e.g. `127.0.0.1`.
    public let host: String
    /// The port it actually listens on (never 0).
    public let port: Int
    /// `https` when the server serves TLS, else `http`.
    public let scheme: String

    /// `http://host:port` or `https://host:port` (IPv6 hosts in brackets).
    public var baseURL: String {
        host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
    }
}

/// Serves a ``MockDeployment`` over HTTP/1.1 with Hummingbird, and over HTTP/2 too when its
/// ``MockTLS`` offers it.
///
/// For the CLI, ``run(onListening:)`` serves in the foreground until SIGINT or SIGTERM; for
/// tests, ``start()`` serves in the background and returns once the port is known.
public struct MockServer: Sendable {
    /// What the server answers with; shared, so tests can also call it in-process.
    public let deployment: MockDeployment
    /// The address to bind.
    public let host: String
    /// `0` picks a free port; ``MockServerAddress/port`` tells which.
    public let port: Int
    /// Hummingbird's logger.
    public let logger: Logger
    /// The certificate and key for HTTPS; `nil` serves plain HTTP.
    public let tls: MockTLS?

    /// - Parameters:
    ///   - host: the address to bind; loopback by default.
    ///   - tls: a certificate and key to serve HTTPS with; plain HTTP without.
    ///   - logger: Hummingbird's logger; by default warnings and worse, on standard error,
    ///     so standard output stays free for the CLI's `listening on …` line.
    public init(deployment: MockDeployment, host: String = "127.0.0.1", port: Int = 0, tls: MockTLS? = nil, logger: Logger? = nil) {
        self.deployment = deployment
        self.host = host
        self.port = port
        self.tls = tls
        self.logger = logger ?? Self.quietLogger()
    }

    /// A logger at level `warning` writing to standard error.
    public static func quietLogger() -> Logger {
        var logger = Logger(label: "conform.mock") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }

    /// Serves until SIGINT or SIGTERM (graceful shutdown) or until the task is cancelled.
    /// `onListening` runs once the socket is bound, with the actual port.
    public func run(onListening: @escaping @Sendable (MockServerAddress) async -> Void) async throws {
        try await application(logger: logger, onListening: onListening).runService()
    }

    /// Starts serving in a background task and returns once it listens; stop it with
    /// ``RunningMockServer/shutdown()``. Throws if the server cannot bind.
    public func start() async throws -> RunningMockServer {
        let (stream, continuation) = AsyncStream<MockServerAddress>.makeStream()
        let silencer = SilencingLogHandler.Switch()
        var quietOnStop = logger
        quietOnStop.handler = SilencingLogHandler(base: logger.handler, silencer: silencer)
        let app = try application(logger: quietOnStop) { address in continuation.yield(address) }
        let task = Task {
            defer { continuation.finish() }
            // No signal handling here: the caller owns the process.
            try await app.run()
        }
        for await address in stream {
            return RunningMockServer(address: address, deployment: deployment, task: task, silencer: silencer)
        }
        // The stream ended without an address: the server failed to start.
        try await task.value
        throw MockServerError.stoppedBeforeListening
    }

    private func application(
        logger: Logger, onListening: @escaping @Sendable (MockServerAddress) async -> Void
    ) throws -> some ApplicationProtocol {
        let host = self.host
        let scheme = tls == nil ? "http" : "https"
        return Application(
            responder: MockHTTPResponder(deployment: deployment, scheme: scheme),
            server: try serverBuilder(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(MockServerAddress(host: host, port: channel.localAddress?.port ?? 0, scheme: scheme))
            },
            logger: logger)
    }
}

extension MockServer {
    /// Plain HTTP/1.1; HTTP/1.1 over TLS; or, when the TLS settings offer it, HTTP/2 or
    /// HTTP/1.1 over TLS as the client chooses in the handshake.
    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls else { return .http1() }
        if tls.offersHTTP2 { return try .http2Upgrade(tlsConfiguration: tls.configuration) }
        return try .tls(.http1(), tlsConfiguration: tls.configuration)
    }
}

/// A server started with ``MockServer/start()``.
public final class RunningMockServer: Sendable {
    /// Where it listens.
    public let address: MockServerAddress
    /// What it answers with: switch its profiles or reset its store between runs
    /// (``MockDeployment/reset(profiles:)``).
    public let deployment: MockDeployment
    private let task: Task<Void, any Error>
    private let silencer: SilencingLogHandler.Switch

    init(address: MockServerAddress, deployment: MockDeployment, task: Task<Void, any Error>, silencer: SilencingLogHandler.Switch) {
        self.address = address
        self.deployment = deployment
        self.task = task
        self.silencer = silencer
    }

    /// `http(s)://host:port/api/v4/{deployment-id}` for a deployment ID.
    public func apiBaseURL(deploymentID: String) -> String {
        address.baseURL + "/api/v4/" + deploymentID
    }

    /// Stops accepting connections, closes open ones, and waits until the server is down.
    /// Requests in flight are cancelled (this is for tests; the CLI's ``MockServer/run(onListening:)``
    /// shuts down gracefully on SIGINT and SIGTERM).
    public func shutdown() async {
        silencer.silence()
        task.cancel()
        _ = try? await task.value
    }
}

/// Why ``MockServer/start()`` failed.
public enum MockServerError: Error, Sendable, Equatable {
    /// The server task ended before it reported a listening socket.
    case stoppedBeforeListening
}
