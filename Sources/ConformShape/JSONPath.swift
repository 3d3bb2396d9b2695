import Foundation

/// A location inside a JSON document, written the way JSONPath writes it: `$.objects[0].status.key`.
///
/// Every mismatch and every drift record names one of these, so a failure says exactly where.
public struct JSONPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case key(String)
        case index(Int)

        /// Keys compare code point by code point (see `JSONName`); the synthesised hash stays
        /// consistent with that.
        public static func == (lhs: Segment, rhs: Segment) -> Bool {
            switch (lhs, rhs) {
            case (.key(let a), .key(let b)): a.hasSameCodePoints(as: b)
            case (.index(let a), .index(let b)): a == b
            case (.key, .index), (.index, .key): false
            }
        }
    }

    public private(set) var segments: [Segment]

    public init(_ segments: [Segment] = []) { self.segments = segments }

    /// `$`, the document itself.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(segments + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(segments + [.index(index)]) }

    public var parent: JSONPath? { segments.isEmpty ? nil : JSONPath(Array(segments.dropLast())) }
    public var lastKey: String? { if case .key(let k)? = segments.last { k } else { nil } }

    public var description: String {
        var text = "$"
        for segment in segments {
            switch segment {
            case .index(let i): text += "[\(i)]"
            case .key(let k): text += Self.memberStep(k)
            }
        }
        return text
    }

    /// One member step as paths print it: `.name`, or `['odd name']` (quoted as below).
    public static func memberStep(_ key: String) -> String {
        isPlainName(key) ? "." + key : "['" + quoted(key) + "']"
    }

    /// A bracketed key: `\` and `'` escaped. A name that Unicode normalisation would change
    /// ("e\u{301}", "\u{212B}") has its non-ASCII code points written as `\u{…}`, so two
    /// names that look alike never print alike.
    static func quoted(_ key: String) -> String {
        let escapesNonASCII = key.unicodeScalars.contains { !$0.isASCII } && key.precomposedStringWithCanonicalMapping.unicodeScalars
            .elementsEqual(key.unicodeScalars) == false
        var text = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case "'": text += "\\'"
            case _ where escapesNonASCII && !scalar.isASCII: text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// Names made of letters, digits and `_` (not starting with a digit) print in dot form.
    static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
            || ("0"..."9").contains($0) || $0 == "_" || $0 == "$" }
    }

    /// Document order as a person reads a report: segment by segment, indices numerically
    /// (`[2]` before `[10]`), a parent before its children.
    public static func < (lhs: JSONPath, rhs: JSONPath) -> Bool {
        for (left, right) in zip(lhs.segments, rhs.segments) where left != right {
            switch (left, right) {
            case (.index(let a), .index(let b)): return a < b
            // UTF-8 byte order is code point order, and consistent with `==`.
            case (.key(let a), .key(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
            case (.index, .key): return true
            case (.key, .index): return false
            }
        }
        return lhs.segments.count < rhs.segments.count
    }

    /// The value at this path, or `nil` when some step does not exist.
    public func resolve(in value: JSONValue) -> JSONValue? {
        var current = value
        for segment in segments {
            switch segment {
            case .key(let k): guard let next = current[k] else { return nil }; current = next
            case .index(let i):
                guard case .array(let a) = current else { return nil }
                let index = i < 0 ? a.count + i : i
                guard a.indices.contains(index) else { return nil }
                current = a[index]
            }
        }
        return current
    }
}

/// Why a path expression in a spec could not be read; `offset` counts characters from its start.
public struct JSONPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { message }

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

