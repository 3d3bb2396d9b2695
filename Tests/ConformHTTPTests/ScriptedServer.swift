import ConformTestSupport
import Foundation
import Testing

/// Whether `python3` and `openssl` can be run here (the scripted-server tests need them).
let scriptedServerToolsAvailable: Bool = ["python3", "openssl"].allSatisfy { tool in
    (try? runTool("/usr/bin/env", ["which", tool])) != nil
}

/// A raw-socket HTTP server in a `python3` subprocess, for what a well-behaved server
/// cannot do: truncated bodies, resets, garbage, interim responses, and TLS with a
/// self-signed certificate. The process is terminated when `body` returns or throws; if
/// this test process dies first, the server sees its stdin close and exits on its own.
struct ScriptedServer: Sendable {
    let port: Int
    /// The self-signed certificate (PEM) when serving TLS. It names `localhost` only, so
    /// `https://127.0.0.1:port/` reaches the same server under a name the certificate lacks.
    let certificatePath: String?
    /// With `requireClientCertificate`: a client certificate the server trusts, its key, and
    /// the same key encrypted with the passphrase `client-passphrase`.
    var clientCertificate: (certificate: String, key: String, encryptedKey: String)?

    /// `http://127.0.0.1:port/path`, or `https://localhost:port/path` when serving TLS.
    func url(_ path: String) -> String {
        certificatePath == nil ? "http://127.0.0.1:\(port)\(path)" : "https://localhost:\(port)\(path)"
    }
}

func withScriptedServer<T: Sendable>(
    tls: Bool = false, requireClientCertificate: Bool = false, _ body: (ScriptedServer) async throws -> T
) async throws -> T {
    // Starting and stopping block (openssl, waiting for the port, waiting for the exit):
    // done on their own threads, never on the few threads Swift concurrency shares
    // with the in-process Hummingbird servers of the tests running alongside.
    let launched = try await offCooperativePool { try LaunchedServer(tls: tls, requireClientCertificate: requireClientCertificate) }
    let result: Result<T, any Error>
    do {
        result = .success(try await body(launched.server))
    } catch {
        result = .failure(error)
    }
    try? await offCooperativePool { launched.stop() }
    return try result.get()
}

/// The python process and its temporary directory.
private final class LaunchedServer: @unchecked Sendable {
    // @unchecked: created on one thread, then only `stop()`ped once, after `body` is done.
    let server: ScriptedServer
    private let process: ChildProcess
    private let directory: URL

    init(tls: Bool, requireClientCertificate: Bool) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("conform-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            (process, server) = try Self.start(in: directory, tls: tls, requireClientCertificate: requireClientCertificate)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    private static func start(in directory: URL, tls: Bool, requireClientCertificate: Bool) throws -> (ChildProcess, ScriptedServer) {
        let script = directory.appendingPathComponent("server.py")
        try scriptedServerSource.write(to: script, atomically: true, encoding: .utf8)
        var arguments = ["python3", script.path]
        var certificatePath: String?
        if tls {
            let certificate = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            try runTool("/usr/bin/env", [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", key, "-out", certificate, "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost",
            ])
            arguments += [certificate, key]
            certificatePath = certificate
        }
        var client: (certificate: String, key: String, encryptedKey: String)?
        if tls && requireClientCertificate {
            // A self-signed client certificate, which the server takes as its only trusted CA.
            let certificate = directory.appendingPathComponent("client.pem").path
            let key = directory.appendingPathComponent("client-key.pem").path
            let encrypted = directory.appendingPathComponent("client-key-encrypted.pem").path
            try runTool("/usr/bin/env", [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", key, "-out", certificate, "-subj", "/CN=conform-client",
            ])
            try runTool("/usr/bin/env", ["openssl", "pkey", "-in", key, "-out", encrypted, "-aes256", "-passout", "pass:client-passphrase"])
            arguments.append(certificate)
            client = (certificate, key, encrypted)
        }
        // stdin is a pipe only this test holds: when the test process dies, the server sees it
        // close and exits. stdout is a file polled for the port (no pipe to inherit).
        let stdout = directory.appendingPathComponent("stdout").path
        let process = try ChildProcess("/usr/bin/env", arguments, environment: ProcessInfo.processInfo.environment,
                                       stdin: .pipe, stdout: .file(stdout))
        // The script prints its port on the first line once it listens.
        var line = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = String(decoding: FileManager.default.contents(atPath: stdout) ?? Data(), as: UTF8.self)
            if let newline = text.firstIndex(of: "\n") {
                line = String(text[..<newline]).trimmingCharacters(in: .whitespaces)
                break
            }
            if !process.isRunning { break }  // the script died
            usleep(5_000)
        }
        guard let port = Int(line) else {
            terminate(process)
            throw ToolError(command: "python3 server.py (printed \"\(line)\")", status: -1)
        }
        return (process, ScriptedServer(port: port, certificatePath: certificatePath, clientCertificate: client))
    }

    func stop() {
        Self.terminate(process)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Closing its stdin makes the server exit by itself; SIGTERM, then SIGKILL, if not.
    private static func terminate(_ process: ChildProcess) {
        process.closeStdin()
        if process.wait(timeout: 1) == nil { process.stop(grace: 3) }
    }
}

/// Runs a tool to completion; throws when it fails.
@discardableResult
func runTool(_ executable: String, _ arguments: [String]) throws -> String {
    let output = try ProcessRunner.runBlocking(executable, arguments, environment: [:], directory: nil, deadline: 120)
    guard output.exitCode == 0 else {
        throw ToolError(command: ([executable] + arguments).joined(separator: " "), status: output.exitCode)
    }
    return output.stdout
}

struct ToolError: Error { let command: String; let status: Int32 }

private let scriptedServerSource = #"""
import os, signal, socket, socketserver, ssl, struct, sys, threading

# The test process may spawn us from a thread that blocks signals (the mask is inherited):
# unblock them so SIGTERM works. (Inherited descriptors stay open: Foundation's Process
# watches one of them to learn that we exited.)
signal.pthread_sigmask(signal.SIG_SETMASK, [])

def exit_when_parent_goes():
    sys.stdin.read()  # EOF when the test process closes the pipe or dies
    os._exit(0)

RESPONSES = {
    # Content-Length promises 100 bytes, 10 arrive, then the connection closes.
    "/truncated": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
    # Not HTTP at all.
    "/garbage": b"SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n",
    # HTTP, but broken: a status line with no status code, a header line with no colon.
    "/bad-status": b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
    "/bad-header": b"HTTP/1.1 200 OK\r\nNo colon here\r\nContent-Length: 0\r\n\r\n",
    # Two interim responses before the final one; only the final headers count.
    "/interim": (b"HTTP/1.1 100 Continue\r\nX-Interim: first\r\n\r\n"
                 b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nX-Interim: second\r\n\r\n"
                 b"HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
    # The connection closes inside the header block: no response at all.
    "/cut-headers": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Le",
    # A gzip body cut short; Content-Length matches the bytes sent, so only the decoder can tell.
    "/truncated-gzip": (lambda body: b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        + b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)(
        __import__("gzip").compress(b'{"id":"abc","name":"' + b"x" * 2000 + b'"}')[:20]),
    # Obsolete line folding continues a value on the next line.
    "/folded": (b"HTTP/1.1 200 OK\r\nX-Folded: first part\r\n  second part\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"),
}

class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        parts = data.split(b"\r\n", 1)[0].split(b" ")
        path = parts[1].decode() if len(parts) > 1 else "/"
        if path == "/nothing":
            return  # close without a byte
        if path == "/reset":
            # SO_LINGER 0: close sends RST instead of FIN.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        sock.sendall(RESPONSES.get(path, b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecure"))

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    def handle_error(self, request, client_address):
        pass  # failed handshakes and resets are what the tests provoke

server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) >= 3:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    if len(sys.argv) == 4:  # mutual TLS: only clients with this certificate get in
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
threading.Thread(target=exit_when_parent_goes, daemon=True).start()
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
