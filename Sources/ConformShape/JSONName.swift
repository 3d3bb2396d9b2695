/// JSON member names are equal only code point by code point (RFC 8259 §8.3), but Swift's
/// `String ==` and `String.hashValue` apply Unicode canonical equivalence: "é" (U+00E9) equals
/// "e\u{301}", and "Å" U+00C5 equals U+212B. A checker that compared names with `==` would
/// merge two members of one object, or let one satisfy `required` for the other. Every place
/// that compares or looks up a member name goes through these instead.
extension String {
    /// Whether both strings hold the same Unicode scalars (the same UTF-8 bytes).
    ///
    /// Canonically different strings never have the same code points, so `==` (Swift's fast
    /// path: raw bits, then bytes for ASCII and NFC text) settles almost every comparison, as a
    /// member lookup's scan makes them; only an equal pair has its bytes compared.
    @inlinable
    public func hasSameCodePoints(as other: String) -> Bool {
        guard self == other else { return false }
        return utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

/// A member name as a dictionary or set key: equal and hashed by code points.
public struct JSONName: Hashable, Sendable, CustomStringConvertible {
    public let text: String

    @inlinable
    public init(_ text: String) { self.text = text }

    public var description: String { text }

    @inlinable
    public static func == (lhs: JSONName, rhs: JSONName) -> Bool { lhs.text.hasSameCodePoints(as: rhs.text) }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        // `withUTF8` on a copy: native strings are already contiguous UTF-8, so nothing is
        // copied, and every string hashes its bytes the same way.
        var bytes = text
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}
