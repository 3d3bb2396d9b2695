/// Standard base64 (RFC 4648 §4) decoding for attachment uploads. Strict: the docs say the
/// text must contain no newlines (reference §16.2), so whitespace is an error, and padding
/// must be right.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var index = 0
        while index < bytes.count {
            let isLast = index + 4 == bytes.count
            var values: [UInt32] = []
            var padding = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                if byte == UInt8(ascii: "=") {
                    // Padding only at the end of the last quantum, at most two characters.
                    guard isLast, offset >= 2 else { return nil }
                    padding += 1
                    values.append(0)
                } else {
                    guard padding == 0, let value = value(of: byte) else { return nil }
                    values.append(value)
                }
            }
            let quantum = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
            output.append(UInt8(quantum >> 16 & 0xFF))
            if padding < 2 { output.append(UInt8(quantum >> 8 & 0xFF)) }
            if padding < 1 { output.append(UInt8(quantum & 0xFF)) }
            index += 4
        }
        return output
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let b0 = UInt32(chunk[0]), b1 = chunk.count > 1 ? UInt32(chunk[1]) : 0, b2 = chunk.count > 2 ? UInt32(chunk[2]) : 0
            let quantum = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(quantum >> 18 & 63)])
            output.append(alphabet[Int(quantum >> 12 & 63)])
            output.append(chunk.count > 1 ? alphabet[Int(quantum >> 6 & 63)] : "=")
            output.append(chunk.count > 2 ? alphabet[Int(quantum & 63)] : "=")
            index += 3
        }
        return output
    }

    private static func value(of byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
