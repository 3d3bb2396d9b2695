#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOSSL

/// A certificate chain and its private key for serving HTTPS (`conform mock --tls-cert FILE
/// --tls-key FILE`), read and checked when made, so a bad file is reported before the server
/// starts rather than at the first handshake.
public struct MockTLS: Sendable {
    /// The PEM file of the server certificate (and any intermediates after it).
    public let certificatePath: String
    /// The PEM file of its private key.
    public let keyPath: String
    /// The server configuration HummingbirdTLS serves with.
    let configuration: TLSConfiguration
    /// Whether to offer HTTP/2 in the TLS handshake (ALPN `h2`, then `http/1.1`). Off by
    /// default: the mock's transport faults are defined on HTTP/1.1 connections (under HTTP/2
    /// a truncation or reset ends the one stream, not the connection).
    public var offersHTTP2 = false

    /// Reads both files; throws when one cannot be read, holds no PEM certificate or key, or
    /// the key does not belong to the certificate.
    public init(certificatePath: String, keyPath: String) throws(MockTLSError) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(try Self.read(certificatePath))
        } catch let error as MockTLSError {
            throw error
        } catch {
            throw .invalidCertificate(certificatePath, "\(error)")
        }
        guard !certificates.isEmpty else { throw .invalidCertificate(certificatePath, "no PEM certificate in the file") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: try Self.read(keyPath), format: .pem)
        } catch let error as MockTLSError {
            throw error
        } catch {
            throw .invalidKey(keyPath, "\(error)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            // BoringSSL checks here that the key matches the certificate.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .mismatch(certificatePath, keyPath, "\(error)")
        }
        self.configuration = configuration
    }

    private static func read(_ path: String) throws(MockTLSError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return Array(data)
    }
}

/// Why ``MockTLS`` refused its files.
public enum MockTLSError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case invalidCertificate(String, String)
    case invalidKey(String, String)
    case mismatch(String, String, String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .invalidCertificate(let path, let reason): "\(path): not a PEM certificate (\(reason))"
        case .invalidKey(let path, let reason): "\(path): not a PEM private key (\(reason))"
        case .mismatch(let certificate, let key, let reason):
            "the key \(key) does not fit the certificate \(certificate), or the pair is unusable (\(reason))"
        }
    }
}
