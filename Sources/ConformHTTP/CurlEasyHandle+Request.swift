internal import CCurl
internal import CShims

/// What a transfer takes from the client configuration.
struct TransferSettings {
    var maxBodySize: Int
    var tls: TLSVerification
    var clientCertificate: ClientCertificate?
    var proxy: ProxyPolicy
    var contentDecoding: ContentDecoding
    var userAgent: String?
    /// Ask for HTTP/2 over TLS (only when this libcurl has it).
    var http2: Bool
    /// The `CURLSH *` sharing the TLS session cache among the client's handles.
    var share: UnsafeMutableRawPointer?
}

extension CurlEasyHandle {
    /// Sets every option for `request`. After a throw the handle must be `recycle`d.
    func prepare(_ request: HTTPRequest, _ settings: TransferSettings) throws(TransportError) {
        method = request.method.rawValue
        url = request.url
        maxBodySize = settings.maxBodySize
        errorBuffer[0] = 0

        guard request.method.isValidToken else {
            throw invalid("the method \"\(request.method)\" is not an HTTP token")
        }
        guard let target = ParsedURL(request.url), target.scheme == "http" || target.scheme == "https" else {
            throw invalid("the URL is not an absolute http:// or https:// URL")
        }
        guard let timeout = Self.milliseconds(request.timeout) else {
            throw invalid("the timeout must be positive (got \(request.timeout))")
        }

        // Set first so every later failure leaves a message: https://curl.se/libcurl/c/CURLOPT_ERRORBUFFER.html
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        // Threads: without NOSIGNAL, libcurl's resolver timeouts use SIGALRM, which is not
        // safe in a multi-threaded process: https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_URL, string: request.url)
        // Only HTTP(S), whatever the URL says (no file://, no gopher://):
        // https://curl.se/libcurl/c/CURLOPT_PROTOCOLS_STR.html
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        // Redirects are results to check, never followed (the default, set explicitly after
        // curl_easy_reset): https://curl.se/libcurl/c/CURLOPT_FOLLOWLOCATION.html
        try set(CURLOPT_FOLLOWLOCATION, 0)
        // A value of 0 would mean "no timeout", which is why `milliseconds` never returns 0:
        // https://curl.se/libcurl/c/CURLOPT_TIMEOUT_MS.html
        try set(CURLOPT_TIMEOUT_MS, timeout)
        if let limit = request.connectTimeout {
            guard let connectTimeout = Self.milliseconds(limit) else {
                throw invalid("the connect timeout must be positive (got \(limit))")
            }
            try set(CURLOPT_CONNECTTIMEOUT_MS, connectTimeout)
        }
        try setMethodAndBody(request)
        try setHeaders(request, settings)

        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(conform_easy_setopt_data_callback(raw, CURLOPT_WRITEFUNCTION, curlWriteCallback), CURLOPT_WRITEFUNCTION)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try check(conform_easy_setopt_data_callback(raw, CURLOPT_HEADERFUNCTION, curlHeaderCallback), CURLOPT_HEADERFUNCTION)
        try set(CURLOPT_HEADERDATA, pointer: context)
        // Stops early when Content-Length announces too much; the write callback enforces
        // the limit when the length is unknown or the body is decoded:
        // https://curl.se/libcurl/c/CURLOPT_MAXFILESIZE_LARGE.html
        try check(
            conform_easy_setopt_off_t(raw, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxBodySize)),
            CURLOPT_MAXFILESIZE_LARGE)

        try setTLS(settings.tls)
        try setClientCertificate(settings.clientCertificate)
        try setProxy(settings.proxy, target: target)
        // HTTP/2 over TLS when the server offers it in ALPN, HTTP/1.1 otherwise:
        // https://curl.se/libcurl/c/CURLOPT_HTTP_VERSION.html
        try set(CURLOPT_HTTP_VERSION, settings.http2 ? Int(CURL_HTTP_VERSION_2TLS) : Int(CURL_HTTP_VERSION_1_1))
        if settings.http2, target.scheme == "https" {
            // Prefer waiting for a connection that may multiplex over opening a new one, so
            // concurrent requests to an HTTP/2 server share one connection:
            // https://curl.se/libcurl/c/CURLOPT_PIPEWAIT.html. Only for https, where ALPN
            // settles the question during the handshake. On http:// libcurl would only learn
            // from the first *response* that the connection is HTTP/1.1, so every concurrent
            // request would queue behind the first one's answer.
            try set(CURLOPT_PIPEWAIT, 1)
        }
        if let share = settings.share {
            try set(CURLOPT_SHARE, pointer: share)
        }
    }

    // MARK: - Method and body

    private func setMethodAndBody(_ request: HTTPRequest) throws(TransportError) {
        guard let body = request.body else {
            if request.method == .head {
                // HEAD needs NOBODY: CUSTOMREQUEST "HEAD" would still wait for a body:
                // https://curl.se/libcurl/c/CURLOPT_NOBODY.html
                try set(CURLOPT_NOBODY, 1)
            } else {
                try set(CURLOPT_HTTPGET, 1)
                if request.method != .get {
                    // CUSTOMREQUEST only replaces the method word; libcurl still acts as for
                    // GET (no body): https://curl.se/libcurl/c/CURLOPT_CUSTOMREQUEST.html
                    try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
                }
            }
            return
        }
        guard request.method != .head else {
            throw invalid("a HEAD request cannot carry a body")
        }
        // POSTFIELDS does not copy, so the bytes must outlive the transfer; at least one byte
        // is allocated because a NULL POSTFIELDS means "use the read callback":
        // https://curl.se/libcurl/c/CURLOPT_POSTFIELDS.html
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(body.count, 1), alignment: 1)
        requestBody = copy
        body.withUnsafeBytes { copy.copyMemory(from: $0) }
        // The size first, so binary bodies with zero bytes are sent whole:
        // https://curl.se/libcurl/c/CURLOPT_POSTFIELDSIZE_LARGE.html
        try check(
            conform_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            CURLOPT_POSTFIELDSIZE_LARGE)
        try set(CURLOPT_POSTFIELDS, pointer: copy.baseAddress)
        if request.method != .post {
            // PUT, PATCH, DELETE ... with a body: sent like a POST, with the method word replaced.
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
    }

    // MARK: - Headers

    private func setHeaders(_ request: HTTPRequest, _ settings: TransferSettings) throws(TransportError) {
        for header in request.headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(\.isHTTPTokenCharacter) else {
                throw invalid("the header name \"\(header.name)\" is not an HTTP token")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0d || $0 == 0x0a || $0 == 0 }) else {
                throw invalid("the value of header \(header.name) contains CR, LF or NUL")
            }
            // "Name:" would remove libcurl's own header of that name; "Name;" sends it empty:
            // https://curl.se/libcurl/c/CURLOPT_HTTPHEADER.html
            try appendHeaderLine(name: header.name, value: header.value)
        }
        if !request.headers.contains("Expect") {
            // libcurl adds "Expect: 100-continue" to larger bodies and then waits up to a second
            // for the interim response; an empty "Expect:" removes it:
            // https://curl.se/libcurl/c/CURLOPT_EXPECT_100_TIMEOUT_MS.html
            try appendHeaderLine("Expect:")
        }
        if request.body != nil, !request.headers.contains("Content-Type") {
            // A POSTFIELDS body gets "Content-Type: application/x-www-form-urlencoded" unless
            // the request names one; Conform sends only what the request says:
            // https://curl.se/libcurl/c/CURLOPT_POSTFIELDS.html
            try appendHeaderLine("Content-Type:")
        }
        if settings.contentDecoding == .automatic, !request.headers.contains("Accept-Encoding") {
            // Ask for gzip/deflate and decode them in `ContentDecoder`, strictly (libcurl's
            // decoder takes a truncated gzip body for a complete one). CURLOPT_ACCEPT_ENCODING
            // stays unset, so libcurl decodes nothing: https://curl.se/libcurl/c/CURLOPT_ACCEPT_ENCODING.html.
            // A request that names its own Accept-Encoding gets the raw bytes.
            try appendHeaderLine(name: "Accept-Encoding", value: ContentDecoder.acceptEncoding)
            decodesContent = true
        }
        if let headerList {
            try set(CURLOPT_HTTPHEADER, slist: headerList)
        }
        if let userAgent = settings.userAgent, !request.headers.contains("User-Agent") {
            try set(CURLOPT_USERAGENT, string: userAgent)
        }
    }

    /// `Name: value`, or `Name;` for an empty value, written as C bytes straight from the two
    /// strings (an interpolated String per header cost ~1,500 instructions, 4 headers a request).
    private func appendHeaderLine(name: String, value: String) throws(TransportError) {
        var line: [UInt8] = []
        line.reserveCapacity(name.utf8.count + value.utf8.count + 3)
        line.append(contentsOf: name.utf8)
        if value.isEmpty {
            line.append(UInt8(ascii: ";"))
        } else {
            line.append(UInt8(ascii: ":"))
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: value.utf8)
        }
        line.append(0)
        // curl_slist_append copies the string and returns NULL, leaving the list intact,
        // when it cannot: https://curl.se/libcurl/c/curl_slist_append.html
        let list = line.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { curl_slist_append(headerList, $0) }
        }
        guard let list else {
            throw TransportError(
                CURLE_OUT_OF_MEMORY, method: method, url: url, errorBuffer: "curl_slist_append failed")
        }
        headerList = list
    }

    private func appendHeaderLine(_ line: String) throws(TransportError) {
        // curl_slist_append copies the string and returns NULL, leaving the list intact,
        // when it cannot: https://curl.se/libcurl/c/curl_slist_append.html
        guard let list = curl_slist_append(headerList, line) else {
            throw TransportError(
                CURLE_OUT_OF_MEMORY, method: method, url: url, errorBuffer: "curl_slist_append failed")
        }
        headerList = list
    }

    // MARK: - TLS and proxy

    private func setTLS(_ tls: TLSVerification) throws(TransportError) {
        // Verification is libcurl's default; set explicitly because the handle is reused:
        // https://curl.se/libcurl/c/CURLOPT_SSL_VERIFYPEER.html, .../CURLOPT_SSL_VERIFYHOST.html
        switch tls {
        case .system:
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
        case .caFile(let path):
            try set(CURLOPT_CAINFO, string: path)
            try set(CURLOPT_SSL_VERIFYPEER, 1)
            try set(CURLOPT_SSL_VERIFYHOST, 2)
        case .insecure:
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        }
    }

    /// The client certificate for mutual TLS, or none (set either way: the handle is reused).
    /// https://curl.se/libcurl/c/CURLOPT_SSLCERT.html, .../CURLOPT_SSLKEY.html, .../CURLOPT_KEYPASSWD.html
    private func setClientCertificate(_ certificate: ClientCertificate?) throws(TransportError) {
        guard let certificate else { return }
        try set(CURLOPT_SSLCERT, string: certificate.certificateFile)
        try set(CURLOPT_SSLCERTTYPE, string: "PEM")
        try set(CURLOPT_SSLKEY, string: certificate.keyFile)
        try set(CURLOPT_SSLKEYTYPE, string: "PEM")
        if let password = certificate.keyPassword { try set(CURLOPT_KEYPASSWD, string: password) }
    }

    private func setProxy(_ proxy: ProxyPolicy, target: ParsedURL) throws(TransportError) {
        // An empty CURLOPT_PROXY disables proxies even when http_proxy & co. are set:
        // https://curl.se/libcurl/c/CURLOPT_PROXY.html
        switch proxy {
        case .environment where target.hasLoopbackHost, .none:
            try set(CURLOPT_PROXY, string: "")
        case .environment:
            break
        case .url(let proxyURL):
            try set(CURLOPT_PROXY, string: proxyURL)
        }
    }

    // MARK: - Typed setopt

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(conform_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, string value: String) throws(TransportError) {
        // libcurl copies string options (since 7.17.0): https://curl.se/libcurl/c/curl_easy_setopt.html
        try check(conform_easy_setopt_string(raw, option, value), option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(conform_easy_setopt_pointer(raw, option, value), option)
    }

    func set(_ option: CURLoption, slist value: UnsafeMutablePointer<curl_slist>) throws(TransportError) {
        try check(conform_easy_setopt_slist(raw, option, value), option)
    }

    func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw TransportError(code, method: method, url: url, errorBuffer: "setting \(Self.name(of: option)) failed")
    }

    /// `CURLOPT_URL` for `CURLOPT_URL`, via libcurl's option table (7.73.0).
    static func name(of option: CURLoption) -> String {
        guard let entry = curl_easy_option_by_id(option), let name = entry.pointee.name else {
            return "option \(option.rawValue)"
        }
        return "CURLOPT_" + String(cString: name)
    }

    func invalid(_ reason: String) -> TransportError {
        TransportError(kind: .invalidRequest, method: method, url: url, summary: "invalid request", detail: reason)
    }

    /// Whole milliseconds, rounded up, at least 1; `nil` for zero or negative durations.
    /// Capped at 2^31-1 ms (24.8 days) so the value fits every platform's `long`.
    static func milliseconds(_ duration: Duration) -> Int? {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return nil }
        let cap = Int64(Int32.max)
        guard seconds < cap / 1000 else { return Int(cap) }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(min(seconds * 1000 + fraction, cap))
    }
}
