/// Writing JSON text back out: compact for requests, indented for reports and transcripts.
extension JSONValue {
    /// Compact JSON text with keys in their original order.
    public var compactText: String { String(decoding: compactBytes, as: UTF8.self) }

    /// Indented JSON text (two spaces), for people to read.
    public var prettyText: String {
        var output: [UInt8] = []
        write(to: &output, indent: Array("  ".utf8), level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The UTF-8 bytes of `compactText`, e.g. for a request body. Every text is written as
    /// bytes and decoded once (appending to a `String` piece by piece cost ~22,000 instructions
    /// for a small object, once per request).
    public var compactBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        write(to: &output, indent: nil, level: 0)
        return output
    }

    func write(to output: inout [UInt8], indent: [UInt8]?, level: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let i): output.append(contentsOf: String(i).utf8)
        case .double(let d): output.append(contentsOf: Self.format(d).utf8)
        case .decimal(let x):
            output.append(contentsOf: x.description.utf8)  // exact: every digit as read
            // Like a whole double: `9007199254740993.0` must not read back as the integer case.
            if x.int64Value != nil { output.append(contentsOf: ".0".utf8) }
        case .string(let s): Self.writeString(s, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > elements.startIndex { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent, level: level + 1)
                elements[index].write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in object {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(&output, indent: indent, level: level + 1)
                Self.writeString(key, to: &output)
                output.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
                value.write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ output: inout [UInt8], indent: [UInt8]?, level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<level { output.append(contentsOf: indent) }
    }

    /// Shortest text that reads back as the same double; whole values keep a `.0` so that
    /// `1.0` stays a number and never turns into the integer `1` on the way out.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let text = "\(d)"
        if text.contains(".") || text.contains("e") { return text }
        return text + ".0"
    }

    /// A JSON string literal: only `"`, `\\` and control characters change; every other byte
    /// (the UTF-8 of any scalar, a combining mark after a quote included) is copied as it is.
    static func writeString(_ s: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                output.append(byte)
                continue
            }
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `writeString` onto text.
    static func writeString(_ s: String, to output: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        writeString(s, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { compactText }
}
