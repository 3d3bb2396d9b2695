#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON member names are equal only code point by code point (RFC 8259 §8.3), but Swift's
/// `String ==` and `String.hashValue` apply Unicode canonical equivalence: "é" (U+00E9) equals
/// "e\u{301}", and "Å" U+00C5 equals U+212B. A checker that compared names with `==` would
/// merge two members of one object, or let one satisfy `required` for the other. Every place
/// that compares or looks up a member name goes through these instead.
extension String {
    /// Whether both strings hold the same Unicode scalars (the same UTF-8 bytes).
    ///
    /// Native strings are contiguous UTF-8 with their byte count at hand: unequal lengths
    /// settle at once, inlined, without a call (most pairs a scan over member names compares
    /// differ in length), and equal ones take one `memcmp` over the bytes (the generic
    /// `elementsEqual` over `utf8` took ~500 instructions a pair). Bridged strings without
    /// contiguous storage fall back to comparing the views.
    @inlinable
    public func hasSameCodePoints(as other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        return count == 0 || hasSameBytes(as: other, count: count)
    }

    /// The bytes of two strings of `count` UTF-8 bytes each, compared.
    @usableFromInline
    func hasSameBytes(as other: String, count: Int) -> Bool {
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0
            }
        }
        if let compared, let result = compared { return result }
        return utf8.elementsEqual(other.utf8)
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
