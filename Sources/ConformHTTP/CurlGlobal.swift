internal import CCurl

/// libcurl's process-wide initialisation, performed exactly once.
///
/// Why: `curl_global_init` must run before any other libcurl call and, in general, not
/// concurrently with other libcurl calls (https://curl.se/libcurl/c/curl_global_init.html).
/// A Swift global is initialised lazily under `swift_once`, so the first client, on whatever
/// thread, runs it and every other thread waits for that one result. Conform never calls
/// `curl_global_cleanup`: the process exits with libcurl initialised, which is what the
/// docs recommend for programs that use libcurl until the end.
enum CurlGlobal {
    private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Runs `curl_global_init` on first use; throws if it failed (then and on every later call).
    static func ensureInitialized() throws(TransportError) {
        let code = initResult
        guard code == CURLE_OK else {
            throw TransportError(code, method: "", url: "", errorBuffer: "curl_global_init failed")
        }
    }

    /// Feature bits of the libcurl actually loaded (not the headers compiled against).
    ///
    /// `CURLVERSION_NOW` is a macro alias Swift does not import; `version` and `features`
    /// are in the first struct version, so asking for that one is enough:
    /// https://curl.se/libcurl/c/curl_version_info.html
    static var features: Int32 {
        _ = try? ensureInitialized()
        guard let info = curl_version_info(CURLVERSION_FIRST) else { return 0 }
        return info.pointee.features
    }

    /// Whether this libcurl can speak HTTP/2 (built with nghttp2).
    static var supportsHTTP2: Bool { features & Int32(CURL_VERSION_HTTP2) != 0 }

    /// `libcurl/7.88.1`, for the default `User-Agent`.
    static var versionString: String {
        _ = try? ensureInitialized()
        guard let info = curl_version_info(CURLVERSION_FIRST), let version = info.pointee.version else {
            return "libcurl"
        }
        return "libcurl/" + String(cString: version)
    }
}
