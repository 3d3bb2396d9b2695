import Foundation

/// httpbin (PyPI `httpbin`, the Postman/Kenneth Reitz request-echo service) on a loopback
/// port: a real, independently written JSON API for the tests that check Conform against an
/// API other than JourneyApps. `scripts/ensure-test-tools` installs it; without it the tests
/// that need it skip, saying so.
public final class HttpbinProcess: @unchecked Sendable {
    /// `http://127.0.0.1:PORT`.
    public let origin: String
    private let child: ChildProcess
    private let output: TemporaryOutputFolder

    /// Whether `python3 -c 'import httpbin'` works here.
    public static let isAvailable: Bool = {
        (try? ProcessRunner.runBlocking("/usr/bin/env", ["python3", "-c", "import httpbin"], environment: [:], directory: nil,
                                        deadline: 60).exitCode) == 0
    }()

    /// Werkzeug's threaded server on port 0, printing the port it got: no race for a free port.
    static let launcher = """
        import sys, threading
        from werkzeug.serving import make_server
        from httpbin import app
        server = make_server("127.0.0.1", 0, app, threaded=True)
        print(server.server_port, flush=True)
        def exit_when_parent_goes():
            sys.stdin.read()
            server.shutdown()
        threading.Thread(target=exit_when_parent_goes, daemon=True).start()
        server.serve_forever()
        """

    public static func start() async throws -> HttpbinProcess {
        try await offCooperativePool { try HttpbinProcess() }
    }

    init() throws {
        output = try TemporaryOutputFolder()
        do {
            child = try ChildProcess("/usr/bin/env", ["python3", "-c", Self.launcher], environment: ProcessRunner.childEnvironment([:]),
                                     stdin: .pipe, stdout: .file(output.stdout))
        } catch {
            output.remove()
            throw error
        }
        var port: Int?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, port == nil {
            let text = output.read(output.stdout)
            if let newline = text.firstIndex(of: "\n") { port = Int(text[..<newline].trimmingCharacters(in: .whitespaces)) }
            if port == nil { if !child.isRunning { break }; usleep(10_000) }
        }
        guard let port else {
            child.stop(grace: 2)
            let printed = output.read(output.stdout)
            output.remove()
            throw StartFailure(printed: printed)
        }
        origin = "http://127.0.0.1:\(port)"
    }

    public func stop() {
        child.closeStdin()
        if child.wait(timeout: 2) == nil { child.stop(grace: 3) }
        output.remove()
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public let printed: String
        public var description: String { "httpbin did not start; it printed \"\(printed)\"" }
    }
}
