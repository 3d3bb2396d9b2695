/// Why a body could not be read as JSON, and where (1-based line and column, 0-based byte offset).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public let line: Int
    public let column: Int

    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Parses a complete JSON text (RFC 8259). Leading and trailing whitespace is allowed;
    /// anything else after the value is an error.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var copy = text
        // withUTF8 rethrows untyped errors, so carry the typed one out in a Result.
        let result = copy.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(bytes: buffer) }
        }
        return try result.get()
    }

    /// Parses UTF-8 bytes, e.g. a response body.
    public static func parse(bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result = Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(bytes: buffer) }
        }
        return try result.get()
    }

    static func parse(bytes buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONByteParser(bytes: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < buffer.count { throw parser.error("unexpected data after the JSON value") }
        return value
    }
}

/// A single-pass parser over UTF-8 bytes. Strings are validated as UTF-8 on the way.
struct JSONByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The UTF-8 length and first byte of the string `parseString` last returned, as decoded
    /// (escapes resolved): what an object's filter of member names seen so far is keyed by.
    var lastStringCount = 0
    var lastStringFirstByte: UInt8 = 0
    /// Deeper nesting than this is refused rather than risking the stack on hostile input.
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ message: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let end = min(index, bytes.count)
        for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        return JSONParseError(message: message, offset: index, line: line, column: end - lineStart + 1)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Self.printable(bytes[index]))'")
        }
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("invalid literal, expected '\(word)'")
        }
        index += count
    }

    /// Room made for members when an object turns out not to be empty.
    static let expectedMembers = 8

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(JSONObject()) }
        // The members gathered in a local array that becomes the object's storage at the end
        // (appending through `JSONObject` cost ~40 instructions a member more). Appending one
        // by one would grow it from 1 to 2, 4, 8 (an allocation, a copy and a free each time);
        // API objects mostly have a handful to a dozen members.
        var members: [JSONObject.Member] = []
        members.reserveCapacity(Self.expectedMembers)
        // Where each name is, once a repeat is suspected in an object above the index
        // threshold (then kept up to date, and it becomes the object's index): a scan there
        // would make a large object quadratic.
        var positions: [JSONName: Int]?
        // The names met so far, as bits placed by length and first byte: a name whose bit is
        // clear cannot repeat one, and is appended without scanning the names before it (the
        // scan cost ~140 instructions a member). A set bit only means "maybe": the scan decides.
        var seen: UInt64 = 0
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key in object")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after object key") }
            index += 1
            skipWhitespace()
            let bit: UInt64 = 1 << ((UInt64(truncatingIfNeeded: lastStringCount) &* 7 &+ UInt64(lastStringFirstByte)) & 63)
            let value = try parseValue(depth: depth + 1)
            if seen & bit == 0 && positions == nil {
                members.append(JSONObject.Member(key: key, value: value))
                seen |= bit
            } else {
                seen |= bit
                Self.setMember(key, value, in: &members, positions: &positions)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(distinctMembers: members, index: positions))
            }
            throw error("expected ',' or '}' in object")
        }
    }

    /// A member whose name may repeat an earlier one: a repeated name keeps its first position
    /// and takes the later value. Below the index threshold the names are scanned; above it
    /// `positions` is built (once) and looked up.
    private static func setMember(_ key: String, _ value: JSONValue, in members: inout [JSONObject.Member],
        positions: inout [JSONName: Int]?)
    {
        if positions == nil && members.count >= JSONObject.indexThreshold {
            var built: [JSONName: Int] = [:]
            built.reserveCapacity(members.count + 1)
            for (position, member) in members.enumerated() { built[JSONName(member.key)] = position }
            positions = built
        }
        if positions != nil {
            let name = JSONName(key)
            if let position = positions?[name] {
                members[position].value = value
            } else {
                positions?[name] = members.count
                members.append(JSONObject.Member(key: key, value: value))
            }
            return
        }
        if let position = members.firstIndex(where: { $0.key.hasSameCodePoints(as: key) }) {
            members[position].value = value
        } else {
            members.append(JSONObject.Member(key: key, value: value))
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input in array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("expected ',' or ']' in array")
        }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes, plain UTF-8. Most strings are ASCII, which needs no
        // validation (the generic UTF-8 validation costs more than the scan itself).
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                lastStringCount = slice.count
                lastStringFirstByte = slice.first ?? 0
                index += 1
                return ascii ? Self.asciiString(slice) : try decodeUTF8(slice, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string must be escaped") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        // Slow path: escapes. The decoded text is gathered as UTF-8 bytes in one buffer and
        // validated once, so the cost is linear in the string (appending to a String's scalar
        // view per escape was quadratic: 640k `\u00e9` escapes took 25 s). Validating the
        // whole buffer equals validating each raw run: an escape writes complete sequences
        // and never a continuation byte, so it cannot complete a run's broken tail.
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 16)
        decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                lastStringCount = decoded.count
                lastStringFirstByte = decoded.first ?? 0
                index += 1
                return try decoded.withUnsafeBufferPointer { buffer throws(JSONParseError) in try decodeUTF8(buffer, at: start) }
            }
            if byte < 0x20 { throw error("control character in string must be escaped") }
            if byte != UInt8(ascii: "\\") { index += 1; continue }
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"): decoded.append(contentsOf: UTF8.encode(try parseUnicodeEscape())!)
            default:
                index -= 1
                throw error("invalid escape '\\\(Self.printable(escape))'")
            }
            runStart = index
        }
        throw error("unterminated string")
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw error("invalid low surrogate in \\u escape") }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(combined)!
        }
        guard let scalar = Unicode.Scalar(first) else { throw error("unpaired surrogate in \\u escape") }
        return scalar
    }

    /// A string of bytes the scan found all ASCII. One that fits in a small string (15 bytes)
    /// is copied in without being validated again: `String(decoding:as:)` checked it byte by
    /// byte as UTF-8 (~60 instructions a string) before copying it; the small string's own
    /// ASCII check reads two words. Longer ones are validated once more as they are copied.
    static func asciiString(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        guard slice.count <= 15, let source = slice.baseAddress else { return String(decoding: slice, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: slice.count) { buffer in
            buffer.baseAddress!.initialize(from: source, count: slice.count)
            return slice.count
        }
    }

    func decodeUTF8(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        if let string = String(validating: slice, as: UTF8.self) { return string }
        var copy = self
        copy.index = offset
        throw copy.error("invalid UTF-8 in string")
    }
}
