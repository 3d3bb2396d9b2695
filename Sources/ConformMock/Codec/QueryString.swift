/// `application/x-www-form-urlencoded` pairs, as in query strings and form bodies.
enum QueryString {
    /// Why a query string or form body could not be read.
    struct DecodingError: Error {
        let detail: String
    }

    /// Splits on `&`, then on the first `=`; decodes `+` as space and `%XX` escapes. Empty
    /// pieces (`a=1&&b=2`, a trailing `&`) are skipped, as the official client sends them.
    static func pairs(_ text: String) throws(DecodingError) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            pairs.append((key, value))
        }
        return pairs
    }

    static func decode(_ text: Substring) throws(DecodingError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw DecodingError(detail: "invalid %-encoding in '\(text)'")
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw DecodingError(detail: "'\(text)' does not decode to UTF-8 text")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
