/// Standard base64 with padding (RFC 4648 section 4), for HTTP Basic.
/// (Kept here so ConformHTTP needs no Foundation.)
func base64Encode(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let chunk = bytes[index..<min(index + 3, bytes.count)]
        let b0 = chunk[chunk.startIndex]
        let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
        let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
        output.append(alphabet[Int(b0 >> 2)])
        output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
        output.append(chunk.count > 1 ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
        output.append(chunk.count > 2 ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: output, as: UTF8.self)
}
