public import Foundation

/// The built `conform` executable, next to the test bundle in the build folder.
public enum ConformBinary {
    public static var path: String {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the tests run as `<build>/ConformPackageTests.xctest`; elsewhere inside a bundle.
        while !folder.path.isEmpty, folder.path != "/" {
            let candidate = folder.appendingPathComponent("conform").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return SharedData.packageRoot.appendingPathComponent(".build/debug/conform").path
    }
}

/// What a finished process printed and how it ended.
public struct ProcessOutput: Sendable {
    public let exitCode: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion, with a deadline so a hung child cannot hang the suite.
public enum ProcessRunner {
    /// Runs the program on a thread of its own and waits without holding one of Swift
    /// concurrency's few cooperative threads: blocking those would stall every in-process
    /// server of the other tests running at the same time.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           directory: String? = nil, deadline: TimeInterval = 120) async throws -> ProcessOutput {
        try await offCooperativePool {
            try runBlocking(executable, arguments, environment: environment, directory: directory, deadline: deadline)
        }
    }

    /// This process's environment without the developer's own Conform settings (their
    /// credentials must never leak into a test run), plus `extra`.
    public static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for name in ["CONFORM_TOKEN", "CONFORM_USERNAME", "CONFORM_PASSWORD", "CONFORM_BASE_URL"] { env[name] = nil }
        for (key, value) in extra { env[key] = value }
        return env
    }

    public static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String],
                            directory: String?, deadline: TimeInterval) throws -> ProcessOutput {
        // Output goes to files, not pipes: reading a pipe to its end waits for every process
        // that holds its write end, and a file has no such end (see ``ChildProcess``).
        let folder = try TemporaryOutputFolder()
        defer { folder.remove() }
        let child = try ChildProcess(executable, arguments, environment: childEnvironment(environment), directory: directory,
                                     stdout: .file(folder.stdout), stderr: .file(folder.stderr))
        guard let ended = child.wait(timeout: deadline) else {
            child.stop(grace: 2)
            throw ProcessTimeout(command: child.command, seconds: deadline, stdout: folder.read(folder.stdout),
                                 stderr: folder.read(folder.stderr))
        }
        return ProcessOutput(exitCode: ended.exitCode, stdout: folder.read(folder.stdout), stderr: folder.read(folder.stderr))
    }

    public struct ProcessTimeout: Error, CustomStringConvertible {
        public let command: String
        public let seconds: TimeInterval
        public let stdout: String
        public let stderr: String
        public var description: String {
            "still running after \(Int(seconds)) s, killed: \(command)\n--- stdout (end)\n\(stdout.suffix(2000))\n--- stderr (end)\n\(stderr.suffix(2000))"
        }
    }
}

/// A temporary folder for a child's stdout and stderr files.
struct TemporaryOutputFolder {
    let path: String
    var stdout: String { path + "/stdout" }
    var stderr: String { path + "/stderr" }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("conform-process-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func read(_ file: String) -> String {
        String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}


/// `conform mock` as a child process on a free loopback port, stopped by `stop()`: plain HTTP,
/// or HTTPS with test certificates; with any drift or fault profiles.
public final class MockProcess: @unchecked Sendable {
    /// `http(s)://127.0.0.1:PORT/api/v4/DEPLOYMENT_ID`.
    public let baseURL: String
    /// `http(s)://127.0.0.1:PORT`, as the first stdout line gave it.
    public let origin: String
    public let token: String
    public static let deploymentID = "533bda53027894f69b001055"
    private let child: ChildProcess
    private let output: TemporaryOutputFolder

    /// Starts the mock (on a thread of its own, see ``ProcessRunner/run``) and waits for its
    /// `listening on …` line.
    /// - Parameters:
    ///   - profiles: each passed as `--profile`.
    ///   - tls: serve HTTPS with these certificates (`--tls-cert`, `--tls-key`).
    ///   - extraArguments: any other `conform mock` flags.
    public static func start(profiles: [String] = [], tls: TestCertificates? = nil, extraArguments: [String] = [],
                             token: String = "e2e-token-\(UUID().uuidString.prefix(8))") async throws -> MockProcess {
        try await offCooperativePool {
            try MockProcess(profiles: profiles, tls: tls, extraArguments: extraArguments, token: token)
        }
    }

    init(profiles: [String], tls: TestCertificates?, extraArguments: [String], token: String) throws {
        self.token = token
        var arguments = ["mock", "--host", "127.0.0.1", "--port", "0", "--deployment-id", Self.deploymentID, "--token", token]
        for profile in profiles { arguments += ["--profile", profile] }
        if let tls { arguments += ["--tls-cert", tls.certificatePath, "--tls-key", tls.keyPath] }
        // stdout goes to a file the test polls: no pipe for another child to inherit.
        output = try TemporaryOutputFolder()
        do {
            child = try ChildProcess(ConformBinary.path, arguments + extraArguments,
                                     environment: ProcessRunner.childEnvironment([:]), stdout: .file(output.stdout))
        } catch {
            output.remove()
            throw error
        }
        // The contract: the first stdout line is `listening on http://HOST:PORT`.
        let firstLine = Self.firstLine(of: output, from: child, within: 60)
        guard let firstLine, firstLine.hasPrefix("listening on ") else {
            child.stop(grace: 2)
            output.remove()
            throw MockStartFailure(firstLine: firstLine ?? output.read(output.stdout))
        }
        origin = String(firstLine.dropFirst("listening on ".count))
        baseURL = origin + "/api/v4/" + Self.deploymentID
    }

    /// The first complete line the child wrote, or nil when it ended or `seconds` passed first.
    private static func firstLine(of output: TemporaryOutputFolder, from child: ChildProcess, within seconds: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = output.read(output.stdout)
            if let newline = text.firstIndex(of: "\n") { return String(text[..<newline]) }
            if !child.isRunning { return nil }
            usleep(5_000)
        }
        return nil
    }

    public func stop() {
        child.stop()
        output.remove()
    }

    deinit { stop() }

    public struct MockStartFailure: Error, CustomStringConvertible {
        public let firstLine: String
        public var description: String { "conform mock did not start; first line: \"\(firstLine)\"" }
    }
}

/// Runs blocking work (waiting for a child process, reading its pipes) on a new thread and
/// resumes the caller when it is done.
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}
