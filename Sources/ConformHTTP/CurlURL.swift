internal import CCurl
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The parts of a URL Conform decides on, parsed by libcurl's own URL parser.
///
/// Why libcurl's parser: the loopback and proxy decisions must be about the host libcurl
/// will actually connect to. A second parser can disagree on tricky input
/// (`http://127.0.0.1@evil.example/`, `http://0x7f.1/`), and that disagreement is exactly
/// how credentials leak. https://curl.se/libcurl/c/curl_url_get.html
struct ParsedURL: Sendable, Hashable {
    /// Lowercase scheme, e.g. `https`.
    let scheme: String
    /// The host as libcurl normalises it: IPv4 in dotted quad, IPv6 in brackets.
    let host: String

    /// Parses an absolute URL; `nil` when libcurl rejects it or it has no host.
    ///
    /// Each request's URL is parsed twice, for the credential policy and then for the transfer
    /// (~10,000 instructions each time), so the answers for recent URLs are kept, keyed by
    /// their bytes (never `String ==`, which would call two different URLs equal).
    ///
    /// Scheme and host depend only on a URL's `scheme://authority/` prefix, so URLs that share a
    /// plain one (every object id of a run under one base URL) share the answer: the prefix is
    /// the key, and libcurl parses the first such URL only.
    init?(_ url: String) {
        guard (try? CurlGlobal.ensureInitialized()) != nil else { return nil }
        let origin = Self.plainOriginPrefix(of: url)
        let key = URLBytes(text: origin ?? url)
        if let known = Self.recent.withLock({ $0[key] }) {
            guard let known else { return nil }
            self = known
            return
        }
        let parsed = Self.parse(url)
        // A URL libcurl refuses says nothing about others with the same prefix.
        if origin == nil || parsed != nil {
            Self.recent.withLock { recent in
                if recent.count >= Self.recentLimit { recent.removeAll(keepingCapacity: true) }
                recent[key] = parsed
            }
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `http://127.0.0.1:8080/` of `http://127.0.0.1:8080/api/x?y`: the bytes up to the first
    /// `/` after the authority, when the scheme and the authority hold only the characters of
    /// a plain host and port (letters, digits, `.`, `-`, `_`, `~`, `:`, `[`, `]`); `nil` for
    /// anything else (user info, percent-encoding, a `?` or `#` before any `/`), which is then
    /// parsed whole, every time.
    static func plainOriginPrefix(of url: String) -> String? {
        // Over the contiguous bytes (native strings always have them): String.UTF8View
        // indices cost ~2,000 instructions for a short URL, twice per request.
        let end = url.utf8.withContiguousStorageIfAvailable { Self.plainOriginLength(of: $0) } ?? Self.plainOriginLength(of: Array(url.utf8))
        guard let end else { return nil }
        return String(decoding: url.utf8.prefix(end), as: UTF8.self)
    }

    /// The length of `plainOriginPrefix`'s answer, or `nil`.
    private static func plainOriginLength(of bytes: some RandomAccessCollection<UInt8>) -> Int? {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var offset = 0
        var iterator = bytes.makeIterator()
        var schemeLength = 0
        while let byte = iterator.next() {
            offset += 1
            if byte == UInt8(ascii: ":") { break }
            let isSchemeCharacter = isLetter(byte) || (schemeLength > 0 && (isDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            guard isSchemeCharacter else { return nil }
            schemeLength += 1
        }
        guard schemeLength > 0, offset == schemeLength + 1,
            iterator.next() == UInt8(ascii: "/"), iterator.next() == UInt8(ascii: "/")
        else { return nil }
        offset += 2
        var authorityLength = 0
        while let byte = iterator.next() {
            offset += 1
            if byte == UInt8(ascii: "/") { return authorityLength > 0 ? offset : nil }
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            else { return nil }
            authorityLength += 1
        }
        return nil
    }

    private static let recentLimit = 256
    private static let recent = LockedState<[URLBytes: ParsedURL?]>([:])

    /// A URL as a key: equal byte for byte, hashed in one pass over the bytes (an `[UInt8]`
    /// key hashed byte by byte, ~3,000 instructions a lookup).
    private struct URLBytes: Hashable, Sendable {
        let text: String

        static func == (lhs: URLBytes, rhs: URLBytes) -> Bool {
            var left = lhs.text
            var right = rhs.text
            return left.withUTF8 { l in
                right.withUTF8 { r in l.count == r.count && (l.isEmpty || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0) }
            }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    private init(scheme: String, host: String) {
        self.scheme = scheme
        self.host = host
        hasLoopbackHost = Self.isLoopback(host: host)
    }

    private static func parse(_ url: String) -> ParsedURL? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
            let scheme = Self.part(handle, CURLUPART_SCHEME),
            let host = Self.part(handle, CURLUPART_HOST), !host.isEmpty
        else { return nil }
        return ParsedURL(scheme: scheme.lowercased(), host: host)
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }

    /// Whether the host is loopback: `localhost`, `127.0.0.0/8`, `::1` (or `::ffff:127.x.y.z`).
    /// Decided once per parse (parses are shared by URLs with one origin; every request asks
    /// twice, for the credential policy and the proxy decision).
    let hasLoopbackHost: Bool

    private static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        if name.hasPrefix("["), name.hasSuffix("]") {
            var address = in6_addr()
            let literal = String(name.dropFirst().dropLast())
            guard inet_pton(AF_INET6, literal, &address) == 1 else { return false }
            return withUnsafeBytes(of: &address) { bytes in
                let isV6Loopback = bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
                let isMappedV4Loopback =
                    bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
                    && bytes[12] == 127
                return isV6Loopback || isMappedV4Loopback
            }
        }
        var address = in_addr()
        guard inet_pton(AF_INET, name, &address) == 1 else { return false }
        return withUnsafeBytes(of: &address) { $0[0] == 127 }
    }
}

/// Whether `url` points at a loopback host (`localhost`, `127.0.0.0/8`, `::1`), judged by
/// libcurl's URL parser, i.e. by the host libcurl would connect to. `false` for URLs
/// libcurl cannot parse.
public func isLoopback(url: String) -> Bool {
    ParsedURL(url)?.hasLoopbackHost ?? false
}
