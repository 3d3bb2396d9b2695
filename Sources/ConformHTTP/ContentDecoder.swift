internal import CZlib

/// Decodes `gzip` and `deflate` response bodies with zlib, strictly.
///
/// Why not libcurl's decoder: it hands over what it could inflate and reports success when a
/// gzip stream is cut short (Content-Length matching the truncated bytes), so a broken body
/// reached the checks as "empty" or "not JSON" — a contract failure — instead of the transport
/// error it is. Decoding here also bounds the *decoded* size (`maxBodySize`): a small
/// compressed body cannot inflate into gigabytes.
enum ContentDecoder {
    /// The codings Conform asks for and decodes (sent as `Accept-Encoding`).
    static let acceptEncoding = "gzip, deflate"

    enum Failure: Error, Equatable {
        /// The stream ended before its end marker (and, for gzip, its checksum trailer).
        case truncated
        /// Not a valid stream of the named coding.
        case corrupt(String)
        /// Decoded, the body would pass the limit.
        case tooLarge(limit: Int)
    }

    /// The content coding a response used, when it is one this decoder handles; `nil` for
    /// `identity` or none. Several codings (`gzip, br`) are not decoded.
    static func coding(of headers: HTTPHeaders) -> String? {
        guard let value = headers["Content-Encoding"]?.trimmingHTTPWhitespace().lowercased(), !value.isEmpty else { return nil }
        switch value {
        case "gzip", "x-gzip": return "gzip"
        case "deflate": return "deflate"
        default: return nil
        }
    }

    /// The decoded bytes of a complete `gzip` (RFC 1952) or `deflate` (RFC 9110: zlib
    /// format, RFC 1950; raw deflate is also accepted, as browsers do) body.
    static func decode(_ body: [UInt8], coding: String, limit: Int) throws(Failure) -> [UInt8] {
        if body.isEmpty { return [] }
        if coding == "deflate" {
            // zlib-wrapped first; a raw deflate stream fails the header check and is retried.
            do { return try inflate(body, windowBits: 15, limit: limit) } catch .corrupt {
                return try inflate(body, windowBits: -15, limit: limit)
            }
        }
        return try inflate(body, windowBits: 15 + 16, limit: limit)
    }

    /// Not a zlib status: the decoded body passed the limit.
    private static let overLimit = Int32.min

    private static func inflate(_ body: [UInt8], windowBits: Int32, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard conform_inflate_init2(&stream, windowBits) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(body.count * 4, 4096)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var input = body
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                if output.count + produced > limit { return Self.overLimit }
                output.append(contentsOf: chunk[0..<produced])
                switch result {
                case Z_STREAM_END: return Z_STREAM_END
                case Z_OK: continue
                // No progress possible: the input ran out before the stream's end.
                case Z_BUF_ERROR: return stream.avail_in == 0 ? Z_BUF_ERROR : Z_DATA_ERROR
                default: return result
                }
            }
        }
        switch status {
        case Z_STREAM_END:
            return output
        case Z_BUF_ERROR:
            throw .truncated
        case Self.overLimit:
            throw .tooLarge(limit: limit)
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw .corrupt(message)
        }
    }
}
