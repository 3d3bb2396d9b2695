internal import CCurl

/// What following a redirect needs from URLs, by libcurl's own parser (the one that decides
/// where requests go): resolving a `Location` against the request's URL, and the origin
/// (scheme, host, port) that decides whether credentials may follow.
public enum URLResolution {
    /// `reference` (absolute, or relative as RFC 3986 allows: `/b`, `../c?x`, `//host/p`)
    /// resolved against `base`; `nil` when libcurl rejects either, or the result is not
    /// http(s). libcurl resolves a relative URL against the one already set on the handle:
    /// https://curl.se/libcurl/c/curl_url_set.html
    public static func resolve(_ reference: String, against base: String) -> String? {
        guard (try? CurlGlobal.ensureInitialized()) != nil, let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, base, 0) == CURLUE_OK,
            curl_url_set(handle, CURLUPART_URL, reference, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK
        else { return nil }
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_URL, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        let resolved = String(cString: value)
        guard let scheme = ParsedURL(resolved)?.scheme, scheme == "http" || scheme == "https" else { return nil }
        return resolved
    }

    /// `https://example.com:443`: scheme, host and port (the default one when none is
    /// written), as RFC 6454 compares origins. `nil` for URLs libcurl cannot parse.
    public static func origin(of url: String) -> String? {
        guard (try? CurlGlobal.ensureInitialized()) != nil, let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart, _ flags: UInt32 = 0) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME), let host = part(CURLUPART_HOST),
            let port = part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT))
        else { return nil }
        return "\(scheme.lowercased())://\(host.lowercased()):\(port)"
    }

    /// Scheme (lowercase), host (lowercase, as libcurl normalises it) and path (`/` when
    /// none is written) of an absolute URL, for matching cookies.
    public static func components(of url: String) -> (scheme: String, host: String, path: String)? {
        guard (try? CurlGlobal.ensureInitialized()) != nil, let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, 0) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME), let host = part(CURLUPART_HOST) else { return nil }
        let path = part(CURLUPART_PATH) ?? "/"
        return (scheme.lowercased(), host.lowercased(), path.isEmpty ? "/" : path)
    }
}
