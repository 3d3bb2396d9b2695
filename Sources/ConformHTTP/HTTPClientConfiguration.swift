/// Settings for one `HTTPClient`, fixed for its lifetime.
public struct HTTPClientConfiguration: Sendable, Hashable {
    /// How many connections may be open at once, per host and in total
    /// (`CURLMOPT_MAX_HOST_CONNECTIONS`, `CURLMOPT_MAX_TOTAL_CONNECTIONS`, and the size of the
    /// connection cache). `--concurrency N` maps onto this. More requests than connections
    /// wait inside libcurl for a free one (that wait counts against their `timeout`).
    /// Over HTTP/2 one connection carries many requests at once, so this bounds connections,
    /// not requests in flight. Must be at least 1.
    public var maxConnections: Int
    /// The largest body accepted, in bytes (after decoding). A larger response stops the
    /// transfer with `TransportError.Kind.bodyTooLarge` instead of exhausting memory.
    public var maxBodySize: Int
    /// How server certificates are checked on `https://`.
    public var tls: TLSVerification
    /// The certificate Conform presents when a server asks for one (mutual TLS).
    public var clientCertificate: ClientCertificate?
    /// Whether and which proxy is used.
    public var proxy: ProxyPolicy
    /// Whether response bodies are decoded from `gzip`/`deflate`/`br`/`zstd`.
    public var contentDecoding: ContentDecoding
    /// The `User-Agent` sent when a request has none; `nil` sends none.
    public var userAgent: String?
    /// The loop thread's name (at most 15 bytes on Linux), so tests can find it in
    /// `/proc/self/task/*/comm`.
    package var threadName = "conform-http"

    /// The defaults: 8 connections, 64 MiB bodies, verified TLS with the system CA store,
    /// libcurl's proxy environment variables (never for loopback hosts), automatic decoding.
    public init(
        maxConnections: Int = 8,
        maxBodySize: Int = 64 << 20,
        tls: TLSVerification = .system,
        proxy: ProxyPolicy = .environment,
        contentDecoding: ContentDecoding = .automatic,
        userAgent: String? = HTTPClientConfiguration.defaultUserAgent
    ) {
        self.maxConnections = maxConnections
        self.maxBodySize = maxBodySize
        self.tls = tls
        self.proxy = proxy
        self.contentDecoding = contentDecoding
        self.userAgent = userAgent
    }

    /// `conform (libcurl/7.88.1)`.
    public static var defaultUserAgent: String { "conform (\(CurlGlobal.versionString))" }
}

/// A client certificate and its private key (PEM files) for mutual TLS. The passphrase is a
/// secret: it never appears in `description`.
public struct ClientCertificate: Sendable, Hashable, CustomStringConvertible {
    public var certificateFile: String
    public var keyFile: String
    public var keyPassword: String?

    public init(certificateFile: String, keyFile: String, keyPassword: String? = nil) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.keyPassword = keyPassword
    }

    public var description: String {
        "ClientCertificate(\(certificateFile), key: \(keyFile)\(keyPassword == nil ? "" : ", passphrase: ***"))"
    }
}

/// How the server's TLS certificate is checked.
public enum TLSVerification: Sendable, Hashable {
    /// Verify the peer certificate chain against the system CA store, and the host name.
    case system
    /// Verify against the CA certificates in this PEM file instead (`--cacert`), and the host name.
    case caFile(String)
    /// Verify nothing: no chain, no host name (`--insecure`). Encryption without authentication.
    case insecure
}

/// Which proxy requests go through.
///
/// Decision: by default Conform behaves like curl, honouring `http_proxy`, `HTTPS_PROXY`,
/// `ALL_PROXY` and `NO_PROXY` (CI runners behind a corporate proxy need them), with one
/// exception: loopback hosts (`localhost`, `127.0.0.0/8`, `::1`), where the mock runs, never
/// go through a proxy, whatever the environment says.
public enum ProxyPolicy: Sendable, Hashable {
    /// libcurl's environment variables, except for loopback hosts.
    case environment
    /// No proxy at all, whatever the environment says.
    case none
    /// This proxy URL for every request (loopback hosts included).
    case url(String)
}

/// Whether compressed responses are decoded.
///
/// Decision: `.automatic` by default, because real deployments compress behind CDNs and
/// specs check the JSON, not the compression. The consequence: `Content-Encoding` and
/// `Content-Length` in `HTTPResponse.headers` describe the wire bytes, so `Content-Length`
/// may differ from `body.count`. A request that sets its own `Accept-Encoding` header gets
/// the raw bytes back undecoded, so a spec can check compression itself.
public enum ContentDecoding: Sendable, Hashable {
    /// Send `Accept-Encoding` with every coding this libcurl supports and decode the body.
    case automatic
    /// Send no `Accept-Encoding`; return the body exactly as received.
    case none
}
