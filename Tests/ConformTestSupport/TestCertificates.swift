import Foundation

/// A throwaway certificate authority and a server certificate it signed for `localhost` and
/// `127.0.0.1`, made with the `openssl` command line tool in a temporary folder (EC P-256
/// keys: made in milliseconds). For HTTPS tests of the mock; `remove()` deletes them.
public struct TestCertificates: Sendable {
    /// The folder holding the files.
    public let folder: TemporaryFolder
    /// The CA certificate (PEM): what `--cacert` trusts.
    public var caPath: String { folder.file("ca.pem") }
    /// The server certificate (PEM), signed by the CA.
    public var certificatePath: String { folder.file("server.pem") }
    /// The server certificate's private key (PEM, unencrypted).
    public var keyPath: String { folder.file("server.key") }

    /// The `openssl` executable on `PATH`, or `nil`; tests that need it are skipped without it.
    public static let openssl: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether the certificates can be made here.
    public static var isAvailable: Bool { openssl != nil }

    /// Makes a CA and a server certificate for `localhost` and `127.0.0.1`, valid for two days.
    public init() throws {
        guard let openssl = Self.openssl else { throw Failure(step: "find openssl on PATH") }
        folder = try TemporaryFolder("conform-tls")
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try folder.write("server.ext", """
            subjectAltName=DNS:localhost,IP:127.0.0.1
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth

            """)
        let steps: [(String, [String])] = [
            ("make the CA", ["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Conform Test CA",
                                                      "-addext", "basicConstraints=critical,CA:TRUE",
                                                      "-addext", "keyUsage=critical,keyCertSign,cRLSign"]),
            ("make the server key", ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]),
            ("sign the server certificate", ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                                             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext"]),
        ]
        for (step, arguments) in steps {
            // openssl takes milliseconds: blocking here is harmless.
            let output = try ProcessRunner.runBlocking(openssl, arguments, environment: [:], directory: folder.path, deadline: 60)
            guard output.exitCode == 0 else {
                folder.remove()
                throw Failure(step: "\(step): openssl exited \(output.exitCode): \(output.stderr)")
            }
        }
    }

    public func remove() { folder.remove() }

    /// Why the certificates could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let step: String
        public var description: String { "cannot make test certificates: \(step)" }
    }
}
