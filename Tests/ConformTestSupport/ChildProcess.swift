public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run `conform`, the mock,
/// `openssl` or a scripted server.
///
/// Why not Foundation's `Process`: on Linux it learns that a child ended through a socket
/// pair whose child end is created without close-on-exec. When two tests start children at
/// the same moment, one child can inherit the other's end; the first child's exit is then
/// noticed only when the second one exits. Two tests that each run a mock and a `conform run`
/// can so wait on each other for ever (a CI run hung until its 90-minute limit). Here every
/// descriptor this process opens for a child is close-on-exec, the child closes everything
/// above stderr before it starts, and the exit is found by `waitpid` on this child's pid —
/// nothing another child holds can delay it, and every wait has a deadline.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `pid` never changes; `termination` is guarded by `lock`.
    public let pid: pid_t
    public let command: String
    private let lock = NSLock()
    private var termination: Termination?
    /// The write end of the child's stdin when started with `stdin: .pipe`.
    private var stdinWriter: Int32

    /// Where a child's stdin comes from.
    public enum Input: Sendable { case null, pipe }
    /// Where a child's stdout or stderr goes: a file (created or truncated), or nowhere.
    public enum Output: Sendable { case file(String), null }

    /// How a child ended.
    public struct Termination: Sendable, Equatable {
        /// The exit status, or 128 + the signal number for a child a signal ended (the shell's
        /// convention, so 143 reads the same whether the child exited with it or was killed).
        public let exitCode: Int32
        public let signal: Int32?
    }

    public struct SpawnFailure: Error, CustomStringConvertible {
        public let command: String
        public let reason: String
        public var description: String { "could not start \(command): \(reason)" }
    }

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String],
                directory: String? = nil, stdin: Input = .null, stdout: Output = .null, stderr: Output = .null) throws {
        let command = ([executable] + arguments).joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var opened: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        var writer: Int32 = -1

        func fail(_ reason: String) -> SpawnFailure { SpawnFailure(command: command, reason: reason) }
        func open(_ path: String, flags: Int32) throws -> Int32 {
            let descriptor = Glibc.open(path, flags | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw fail("\(path): \(String(cString: strerror(errno)))") }
            opened.append(descriptor)
            return descriptor
        }
        switch stdin {
        case .null:
            posix_spawn_file_actions_adddup2(&actions, try open("/dev/null", flags: O_RDONLY), 0)
        case .pipe:
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw fail("pipe: \(String(cString: strerror(errno)))") }
            // Close-on-exec for other spawners (each child of ours closes all above stderr anyway).
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            opened.append(ends[0])
            writer = ends[1]
            posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        }
        for (output, target) in [(stdout, Int32(1)), (stderr, Int32(2))] {
            let descriptor: Int32
            switch output {
            case .null: descriptor = try open("/dev/null", flags: O_WRONLY)
            case .file(let path): descriptor = try open(path, flags: O_WRONLY | O_CREAT | O_TRUNC)
            }
            posix_spawn_file_actions_adddup2(&actions, descriptor, target)
        }
        Self.closeEverythingAboveStderr(&actions)
        if let directory { Self.addChangeDirectory(&actions, directory) }

        // No process group of its own (unlike Foundation's): a Ctrl-C at the terminal, or
        // `timeout` stopping the test run (scripts/run-tests), reaches the children too, so
        // no mock outlives the tests that started it.
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            if writer >= 0 { close(writer) }
            throw fail(String(cString: strerror(status)))
        }
        self.command = command
        pid = child
        stdinWriter = writer
    }

    deinit {
        if stdinWriter >= 0 { close(stdinWriter) }
        // A test that forgot to wait must not leave a process behind.
        if lock.withLock({ termination == nil }) { _ = stop(grace: 0) }
    }

    /// Closes the child's stdin (a scripted server exits when it sees the end).
    public func closeStdin() {
        lock.withLock {
            if stdinWriter >= 0 { close(stdinWriter) }
            stdinWriter = -1
        }
    }

    public func send(_ signal: Int32) {
        guard lock.withLock({ termination == nil }) else { return }
        kill(pid, signal)
    }

    /// How the child ended, if it has (never blocks).
    public var ended: Termination? {
        lock.withLock {
            if let termination { return termination }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == -1, errno == ECHILD {
                // Someone else reaped it (nothing here should): it has ended, how is unknown.
                // Never signal the pid again: it may belong to another process by now.
                termination = Termination(exitCode: -1, signal: nil)
                return termination
            }
            guard reaped == pid else { return nil }
            termination = Self.termination(fromWaitStatus: status)
            return termination
        }
    }

    public var isRunning: Bool { ended == nil }

    /// Waits for the child to end, at most `timeout` seconds; nil when it is still running.
    /// Blocks the calling thread: call it from a thread of its own (see ``offCooperativePool``).
    public func wait(timeout: TimeInterval) -> Termination? {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 1_000
        while true {
            if let ended { return ended }
            if Date() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// SIGTERM, then SIGKILL when the child is still running after `grace` seconds; returns
    /// how it ended (a SIGKILLed child always ends).
    @discardableResult
    public func stop(grace: TimeInterval = 10) -> Termination {
        if let ended { return ended }
        if grace > 0 {
            send(SIGTERM)
            if let done = wait(timeout: grace) { return done }
        }
        send(SIGKILL)
        return wait(timeout: .infinity)!
    }

    static func termination(fromWaitStatus status: Int32) -> Termination {
        let signal = status & 0x7F
        if signal == 0 { return Termination(exitCode: (status >> 8) & 0xFF, signal: nil) }
        return Termination(exitCode: 128 + signal, signal: signal)
    }

    // MARK: - glibc extensions Swift does not import

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }  // RTLD_DEFAULT
        return unsafeBitCast(address, to: type)
    }

    /// The child closes every descriptor above stderr (glibc 2.34's `addclosefrom_np`, else
    /// each descriptor open now): whatever another library opened without close-on-exec
    /// stays out of it.
    private static func closeEverythingAboveStderr(_ actions: inout posix_spawn_file_actions_t) {
        if let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: CloseFrom.self),
           closeFrom(&actions, 3) == 0 {
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) {
        guard let change = symbol("posix_spawn_file_actions_addchdir_np", as: ChangeDirectory.self) else {
            preconditionFailure("glibc without posix_spawn_file_actions_addchdir_np (2.29+)")
        }
        _ = change(&actions, directory)
    }
}
