internal import CCurl
internal import CShims

extension CurlEasyHandle {
    /// The outcome of the finished transfer: the response, or the error libcurl reported.
    /// Moves the body out of the handle; call `recycle` afterwards.
    func finish(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            return .failure(transferError(code))
        }
        guard headerBlockComplete else {
            // No complete response arrived: that is the transport failing, not a 200 with an
            // empty body (which would be judged, wrongly, as a contract failure).
            return .failure(TransportError(
                kind: .connectionClosed, method: method, url: url, summary: "the connection closed inside the response's header block",
                detail: "the server closed the connection before the blank line that ends the response headers"))
        }
        do {
            return .success(try response())
        } catch {
            return .failure(error)
        }
    }

    private func transferError(_ code: CURLcode) -> TransportError {
        if (code == CURLE_WRITE_ERROR && bodyLimitExceeded) || code == CURLE_FILESIZE_EXCEEDED {
            // Our write callback refusing bytes surfaces as CURLE_WRITE_ERROR:
            // https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html
            var error = TransportError(code, method: method, url: url, errorBuffer: errorBufferText)
            error.kind = .bodyTooLarge
            error.detail = "the response body exceeds the limit of \(maxBodySize) bytes (maxBodySize); the transfer was stopped"
            return error
        }
        var osErrno = 0
        if conform_easy_getinfo_long(raw, CURLINFO_OS_ERRNO, &osErrno) != CURLE_OK { osErrno = 0 }
        var error = TransportError(
            code, method: method, url: url, errorBuffer: errorBufferText, osErrno: osErrno == 0 ? nil : osErrno)
        if code == CURLE_UNSUPPORTED_PROTOCOL, requestWasSent {
            // The scheme was checked before sending, so after the request went out this code
            // means the reply: "Received HTTP/0.9 when not allowed" (not HTTP at all) or
            // "Unsupported HTTP version in response": https://curl.se/libcurl/c/CURLOPT_HTTP09_ALLOWED.html
            error.kind = .malformedResponse
        }
        return error
    }

    /// Whether any request bytes were sent (`CURLINFO_REQUEST_SIZE`).
    private var requestWasSent: Bool {
        var size = 0
        return conform_easy_getinfo_long(raw, CURLINFO_REQUEST_SIZE, &size) == CURLE_OK && size > 0
    }

    private func response() throws(TransportError) -> HTTPResponse {
        let port = try info(long: CURLINFO_PRIMARY_PORT)
        return HTTPResponse(
            status: try info(long: CURLINFO_RESPONSE_CODE),
            reasonPhrase: reasonPhrase,
            headers: responseHeaders,
            body: try decodedBody(),
            version: try version(),
            timings: HTTPTimings(
                nameLookup: try duration(CURLINFO_NAMELOOKUP_TIME_T),
                connect: try duration(CURLINFO_CONNECT_TIME_T),
                tlsHandshake: try duration(CURLINFO_APPCONNECT_TIME_T),
                firstByte: try duration(CURLINFO_STARTTRANSFER_TIME_T),
                total: try duration(CURLINFO_TOTAL_TIME_T)
            ),
            connectionsOpened: try info(long: CURLINFO_NUM_CONNECTS),
            remoteAddress: try info(string: CURLINFO_PRIMARY_IP),
            remotePort: port == 0 ? nil : port
        )
    }

    /// The body, decoded when this transfer asked for a coding and the server used it.
    private func decodedBody() throws(TransportError) -> [UInt8] {
        let body = takeBody()
        guard decodesContent, let coding = ContentDecoder.coding(of: responseHeaders) else { return body }
        do {
            return try ContentDecoder.decode(body, coding: coding, limit: maxBodySize)
        } catch {
            switch error {
            case .truncated:
                return try fail(.malformedResponse, "the \(coding) body is truncated",
                                "the \(coding) stream ended before its end (\(body.count) bytes received): the response was cut short")
            case .corrupt(let reason):
                return try fail(.malformedResponse, "the \(coding) body cannot be decoded", "zlib: \(reason)")
            case .tooLarge(let limit):
                return try fail(.bodyTooLarge, "the decoded body is too large",
                                "the \(coding) body decodes to more than the limit of \(limit) bytes (maxBodySize)")
            }
        }
    }

    private func fail(_ kind: TransportError.Kind, _ summary: String, _ detail: String) throws(TransportError) -> [UInt8] {
        throw TransportError(kind: kind, method: method, url: url, summary: summary, detail: detail)
    }

    private func takeBody() -> [UInt8] {
        defer { responseBody = [] }
        return responseBody
    }

    private func version() throws(TransportError) -> HTTPVersion {
        // https://curl.se/libcurl/c/CURLINFO_HTTP_VERSION.html
        switch try info(long: CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): .http1_0
        case Int(CURL_HTTP_VERSION_1_1): .http1_1
        case Int(CURL_HTTP_VERSION_2_0): .http2
        case Int(CURL_HTTP_VERSION_3): .http3
        case let raw: .other(raw)
        }
    }

    // MARK: - Typed getinfo

    /// `CURLINFO_*_TIME_T` values are microseconds: https://curl.se/libcurl/c/CURLINFO_TOTAL_TIME_T.html
    private func duration(_ info: CURLINFO) throws(TransportError) -> Duration {
        var microseconds: curl_off_t = 0
        try check(conform_easy_getinfo_off_t(raw, info, &microseconds), info)
        return .microseconds(microseconds)
    }

    private func info(long info: CURLINFO) throws(TransportError) -> Int {
        var value = 0
        try check(conform_easy_getinfo_long(raw, info, &value), info)
        return value
    }

    /// The string belongs to the handle; copied at once: https://curl.se/libcurl/c/curl_easy_getinfo.html
    private func info(string info: CURLINFO) throws(TransportError) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        try check(conform_easy_getinfo_string(raw, info, &value), info)
        guard let value else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    private func check(_ code: CURLcode, _ info: CURLINFO) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw TransportError(code, method: method, url: url, errorBuffer: "curl_easy_getinfo(\(info.rawValue)) failed")
    }
}
