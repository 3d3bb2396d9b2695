internal import CCurl
internal import CShims

/// One libcurl easy handle and everything libcurl may read or write through it during a
/// transfer: the error buffer, the request header list and body, and the response being
/// collected by the callbacks.
///
/// Ownership rules (each C resource freed exactly once):
/// - the `CURL *` is created in `init` and cleaned up in `deinit`, never elsewhere;
/// - the header `curl_slist` and the request body copy live from `prepare` until `recycle`
///   (or `deinit`), i.e. for as long as libcurl may read them;
/// - callbacks get `self` as an unretained pointer (`Unmanaged.passUnretained`): the
///   multi loop holds a strong reference to every handle that is added to the multi handle,
///   and callbacks only run inside `curl_multi_perform` on that loop, so `self` is alive.
///
/// Not thread-safe: only the multi loop thread uses it.
final class CurlEasyHandle {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// libcurl writes its specific error message here (`CURLOPT_ERRORBUFFER`):
    /// https://curl.se/libcurl/c/CURLOPT_ERRORBUFFER.html. One byte more than
    /// `CURL_ERROR_SIZE`, always zero, so the text is terminated whatever libcurl writes.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// The request header list, while libcurl may read it.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// A stable copy of the request body, while libcurl may read it (`CURLOPT_POSTFIELDS`
    /// does not copy: https://curl.se/libcurl/c/CURLOPT_POSTFIELDS.html).
    var requestBody: UnsafeMutableRawBufferPointer?

    // MARK: - The transfer in progress

    /// Method and URL of the current request, for error messages.
    var method = ""
    var url = ""
    /// The body limit of the current transfer.
    var maxBodySize = Int.max
    /// Set by the write callback when the body would pass `maxBodySize`.
    var bodyLimitExceeded = false
    /// The response collected so far.
    var responseBody: [UInt8] = []
    var responseHeaders = HTTPHeaders()
    var reasonPhrase = ""
    /// Whether the blank line that ends the final header block arrived. libcurl reports a
    /// connection closed inside the header block as a finished transfer; this tells them apart.
    var headerBlockComplete = false
    /// Whether this transfer asked for gzip/deflate, so `ContentDecoder` decodes the body.
    var decodesContent = false

    static let errorBufferSize = Int(CURL_ERROR_SIZE) + 1
    /// Told about creation and destruction, so tests can check that none leaks.
    private let counter: HandleCounter?

    init(counter: HandleCounter? = nil) throws(TransportError) {
        guard let raw = curl_easy_init() else {
            throw TransportError(
                kind: .other, method: "", url: "", summary: "curl_easy_init failed",
                detail: "libcurl could not allocate an easy handle")
        }
        self.raw = raw
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
        self.counter = counter
        counter?.created()
    }

    deinit {
        curl_easy_cleanup(raw)
        releaseRequestResources()
        errorBuffer.deallocate()
        counter?.destroyed()
    }

    /// Makes the handle ready for another request: options back to defaults, request
    /// resources freed, response state cleared. The handle must not be in a multi handle.
    ///
    /// Why `curl_easy_reset` rather than a new handle: it keeps the handle's allocations
    /// (and its DNS and TLS session caches) while forgetting every option:
    /// https://curl.se/libcurl/c/curl_easy_reset.html
    func recycle() {
        curl_easy_reset(raw)
        releaseRequestResources()
        method = ""
        url = ""
        maxBodySize = .max
        bodyLimitExceeded = false
        responseBody = []
        responseHeaders.removeAll()
        reasonPhrase = ""
        headerBlockComplete = false
        decodesContent = false
        errorBuffer[0] = 0
    }

    private func releaseRequestResources() {
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
        if let requestBody {
            requestBody.deallocate()
            self.requestBody = nil
        }
    }

    /// libcurl's own message for the last failure, or `nil` when it wrote none.
    var errorBufferText: String? {
        errorBuffer[Self.errorBufferSize - 1] = 0
        let text = String(cString: errorBuffer)
        return text.isEmpty ? nil : text
    }

    // MARK: - Callbacks (run inside curl_multi_perform on the loop thread)

    /// Appends body bytes, or refuses them (stopping the transfer) past `maxBodySize`.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard responseBody.count <= maxBodySize - bytes.count else {
            bodyLimitExceeded = true
            return 0  // any count but the one given aborts with CURLE_WRITE_ERROR
        }
        if responseBody.capacity == 0 {
            reserveForContentLength()
        }
        responseBody.append(contentsOf: bytes)
        return bytes.count
    }

    /// Reserves the announced `Content-Length` (bounded by the limit) on the first write,
    /// so a large body is not copied on every doubling. A hint only: with decoding on, the
    /// announced length is the compressed size.
    private func reserveForContentLength() {
        var length: curl_off_t = -1
        guard conform_easy_getinfo_off_t(raw, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK,
            length > 0
        else { return }
        responseBody.reserveCapacity(Int(min(length, curl_off_t(maxBodySize))))
    }

    /// Collects one header line.
    ///
    /// Why reset on a status line: the callback sees every response header block of the
    /// transfer (`100 Continue` and other 1xx, a proxy's CONNECT reply) before the final one,
    /// and each starts with its status line: https://curl.se/libcurl/c/CURLOPT_HEADERFUNCTION.html
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Int {
        var line = bytes[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            line = line.dropLast()
        }
        if line.isEmpty {  // the blank line that ends a block
            headerBlockComplete = true
            return bytes.count
        }
        if line.starts(with: "HTTP/".utf8) {
            headerBlockComplete = false
            responseHeaders.removeAll()
            reasonPhrase = Self.reasonPhrase(ofStatusLine: line)
        } else if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            responseHeaders.continueLastValue(Self.trimmedText(line))
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = Self.text(line[..<colon])
            let value = Self.trimmedText(line[line.index(after: colon)...])
            responseHeaders.append(name, value)
        }
        return bytes.count
    }

    /// `HTTP/1.1 302 Found` gives `Found`; `HTTP/2 200` gives an empty string.
    private static func reasonPhrase(ofStatusLine line: UnsafeRawBufferPointer.SubSequence) -> String {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        return parts.count == 3 ? trimmedText(parts[2]) : ""
    }

    /// `text(bytes).trimmingHTTPWhitespace()`. ASCII bytes (nearly every header) are trimmed
    /// before they become a String, since each byte is then one Character: Characters walked
    /// from both ends of a String made only to be cut cost ~1,500 instructions a header.
    private static func trimmedText(_ bytes: UnsafeRawBufferPointer.SubSequence) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text(bytes).trimmingHTTPWhitespace() }
        func isOWS(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && isOWS(bytes[start]) { start += 1 }
        while end > start && isOWS(bytes[end - 1]) { end -= 1 }
        return text(bytes[start..<end])
    }

    /// Header bytes as text. Field values are meant to be ASCII; anything else is decoded as
    /// UTF-8 with U+FFFD for invalid sequences, so reports stay readable.
    private static func text(_ bytes: UnsafeRawBufferPointer.SubSequence) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - C callbacks

/// `CURLOPT_WRITEFUNCTION`: https://curl.se/libcurl/c/CURLOPT_WRITEFUNCTION.html
func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
    return handle.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

/// `CURLOPT_HEADERFUNCTION`: one complete header line per call, CRLF included.
func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let handle = Unmanaged<CurlEasyHandle>.fromOpaque(context).takeUnretainedValue()
    return handle.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
}

extension String {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingHTTPWhitespace() -> String {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isOWS($0) }), let end = lastIndex(where: { !isOWS($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
