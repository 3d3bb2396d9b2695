/// Writing JSON text back out: compact for requests, indented for reports and transcripts.
extension JSONValue {
    /// Compact JSON text with keys in their original order.
    public var compactText: String {
        var output = ""
        write(to: &output, indent: nil, level: 0)
        return output
    }

    /// Indented JSON text (two spaces), for people to read.
    public var prettyText: String {
        var output = ""
        write(to: &output, indent: "  ", level: 0)
        return output
    }

    /// The UTF-8 bytes of `compactText`, e.g. for a request body: written as bytes, not built
    /// as a `String` and copied (~22,000 instructions for a small object, once per request).
    public var compactBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128)
        writeCompact(to: &output)
        return output
    }

    /// `compactText`'s bytes, appended to `output`.
    func writeCompact(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .string(let s): Self.writeString(s, to: &output)
        case .integer, .double, .decimal:
            // Numbers are rare next to names and strings: the one text rule, `write(to:)`'s.
            var text = ""
            write(to: &text, indent: nil, level: 0)
            output.append(contentsOf: text.utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > elements.startIndex { output.append(UInt8(ascii: ",")) }
                elements[index].writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in object {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                value.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `writeString(_:to:)`'s escaping, byte by byte: only `"`, `\\` and control characters
    /// change; every other byte (UTF-8 of any scalar) is copied as it is.
    static func writeString(_ s: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                output.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    func write(to output: inout String, indent: String?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .integer(let i): output += String(i)
        case .double(let d): output += Self.format(d)
        case .decimal(let x):
            output += x.description  // exact: every digit as read
            // Like a whole double: `9007199254740993.0` must not read back as the integer case.
            if x.int64Value != nil { output += ".0" }
        case .string(let s): Self.writeString(s, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                element.write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            output += "{"
            for (i, (key, value)) in object.enumerated() {
                if i > 0 { output += "," }
                newline(&output, indent: indent, level: level + 1)
                Self.writeString(key, to: &output)
                output += indent == nil ? ":" : ": "
                value.write(to: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output += "}"
        }
    }

    private func newline(_ output: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        output += "\n"
        for _ in 0..<level { output += indent }
    }

    /// Shortest text that reads back as the same double; whole values keep a `.0` so that
    /// `1.0` stays a number and never turns into the integer `1` on the way out.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let text = "\(d)"
        if text.contains(".") || text.contains("e") { return text }
        return text + ".0"
    }

    static func writeString(_ s: String, to output: inout String) {
        output += "\""
        // Copy runs that need no escaping in one append; only `"`, `\\` and control characters
        // are written one by one. Runs are cut on Unicode scalars, not Characters: a combining
        // mark after a quote belongs to the quote's Character but is copied as is.
        // A run is appended as a `Substring` (one copy of its bytes); appending it through
        // `unicodeScalars` went scalar by scalar, ~8,000 instructions a short string.
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                utf8.formIndex(after: &index)
                continue
            }
            if runStart != index { output.append(contentsOf: Substring(s.unicodeScalars[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): output += "\\\""
            case UInt8(ascii: "\\"): output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            default:
                let hex = String(byte, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart != utf8.endIndex { output.append(contentsOf: Substring(s.unicodeScalars[runStart...])) }
        output += "\""
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { compactText }
}
