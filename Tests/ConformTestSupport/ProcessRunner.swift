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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = childEnvironment(environment)
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files, not pipes: Foundation on Linux can leak a pipe's write end into
        // a child another test spawns at the same moment (a long-lived mock, say), and reading
        // the pipe to its end would then wait for that child too. A file has no such end.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conform-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        try? out.close()
        try? err.close()
        if exited.wait(timeout: .now() + deadline) == .timedOut {
            process.terminate()
            exited.wait()
            throw ProcessTimeout(command: ([executable] + arguments).joined(separator: " "))
        }
        let stdout = (try? Data(contentsOf: outURL)) ?? Data()
        let stderr = (try? Data(contentsOf: errURL)) ?? Data()
        return ProcessOutput(exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    public struct ProcessTimeout: Error, CustomStringConvertible {
        public let command: String
        public var description: String { "timed out: \(command)" }
    }
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
    private let process: Process

    /// Starts the mock and waits for its `listening on …` line.
    /// - Parameters:
    ///   - profiles: each passed as `--profile`.
    ///   - tls: serve HTTPS with these certificates (`--tls-cert`, `--tls-key`).
    ///   - extraArguments: any other `conform mock` flags.
    /// Starts the mock (on a thread of its own, see ``ProcessRunner/run``) and waits for its
    /// `listening on …` line.
    public static func start(profiles: [String] = [], tls: TestCertificates? = nil, extraArguments: [String] = [],
                             token: String = "e2e-token-\(UUID().uuidString.prefix(8))") async throws -> MockProcess {
        try await offCooperativePool {
            try MockProcess(profiles: profiles, tls: tls, extraArguments: extraArguments, token: token)
        }
    }

    init(profiles: [String], tls: TestCertificates?, extraArguments: [String], token: String) throws {
        self.token = token
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ConformBinary.path)
        var arguments = ["mock", "--host", "127.0.0.1", "--port", "0", "--deployment-id", Self.deploymentID, "--token", token]
        for profile in profiles { arguments += ["--profile", profile] }
        if let tls { arguments += ["--tls-cert", tls.certificatePath, "--tls-key", tls.keyPath] }
        process.arguments = arguments + extraArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The contract: the first stdout line is `listening on http://HOST:PORT`.
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on ") else {
            process.terminate()
            throw MockStartFailure(firstLine: text)
        }
        origin = String(text.dropFirst("listening on ".count))
        baseURL = origin + "/api/v4/" + Self.deploymentID
        // Keep draining stdout so the mock never blocks on a full pipe.
        DispatchQueue.global().async { _ = handle.readDataToEndOfFile() }
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
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
