#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of member names, looked up by code point without `Hasher`.
///
/// A schema's `properties` and `required` are looked up once for every member of every
/// object checked against it. `Dictionary<JSONName, _>` paid for SipHash over the name's bytes
/// on each lookup (~480 instructions, the largest single cost of a response check). This
/// table is built once per compiled schema: open addressing over a power-of-two slot array,
/// placed by the name's length and its first and last bytes (three loads, no loop over the
/// bytes). Names that share those collide and are told apart by their bytes, so the answer is
/// exact whatever the placement: "é" and "e\u{301}" are two names, as JSON says (equal UTF-8
/// bytes are equal code points).
///
/// The stored names are kept as one run of UTF-8 bytes, and a lookup reads the looked-up
/// name's bytes once (`withUTF8`) for both the placement and the comparisons: going through
/// `String` for each comparison (`hasSameCodePoints`, a contiguous-storage closure per
/// string) cost about as much as the rest of the lookup.
struct MemberNameTable<Value: Sendable>: Sendable {
    /// The names' UTF-8 bytes, one name after the other.
    private let bytes: [UInt8]
    /// Where each name's bytes start in `bytes`; one more entry than names, so name `i` is
    /// `starts[i]..<starts[i + 1]`.
    private let starts: [Int]
    private let values: [Value]
    /// Position in `values` plus one; 0 marks an empty slot. At most half full, so a probe
    /// for an absent name ends at an empty slot soon.
    private let slots: [Int32]
    private let shift: Int

    /// A repeated name keeps its last value (as a dictionary assignment would).
    init(_ pairs: [(name: String, value: Value)]) {
        var bits = 2
        while 1 << bits < 2 * pairs.count { bits += 1 }
        let shift = Int.bitWidth - bits
        var table = (bytes: [UInt8](), starts: [0], values: [Value](), slots: [Int32](repeating: 0, count: 1 << bits))
        for (name, value) in pairs {
            var name = name
            name.withUTF8 { name in
                var slot = Self.slot(of: name, shift: shift)
                while true {
                    let stored = Int(table.slots[slot])
                    if stored == 0 {
                        table.bytes.append(contentsOf: name)
                        table.starts.append(table.bytes.count)
                        table.values.append(value)
                        table.slots[slot] = Int32(table.values.count)
                        return
                    }
                    if Self.name(stored - 1, in: table.bytes, table.starts, equals: name) {
                        table.values[stored - 1] = value
                        return
                    }
                    slot = (slot + 1) & (table.slots.count - 1)
                }
            }
        }
        bytes = table.bytes
        starts = table.starts
        values = table.values
        slots = table.slots
        self.shift = shift
    }

    var isEmpty: Bool { values.isEmpty }

    func value(for name: String) -> Value? {
        guard !values.isEmpty else { return nil }
        // The name's own bytes (a small string's copied to the stack), read without copying the
        // string: `withUTF8` on a `var` copy retained and released it for every lookup. Only a
        // bridged string has no contiguous UTF-8, and takes the copy.
        let found = name.utf8.withContiguousStorageIfAvailable { position(of: $0) }
        if let found {
            guard let position = found else { return nil }
            return values[position]
        }
        var copy = name
        guard let position = copy.withUTF8({ position(of: $0) }) else { return nil }
        return values[position]
    }

    private func position(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.slot(of: name, shift: shift)
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            if Self.name(stored - 1, in: bytes, starts, equals: name) { return stored - 1 }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Whether stored name `index` has exactly the bytes of `name`.
    private static func name(_ index: Int, in bytes: [UInt8], _ starts: [Int], equals name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == name.count else { return false }
        guard let probe = name.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, probe, name.count) == 0 }
    }

    /// Fibonacci hashing of (length, first byte, last byte): equal names land on the same
    /// slot; unequal ones usually do not, and when they do, probing sorts them out.
    private static func slot(of name: UnsafeBufferPointer<UInt8>, shift: Int) -> Int {
        var key: UInt64 = 0
        if let first = name.first, let last = name.last {
            key = UInt64(truncatingIfNeeded: name.count) &* 0x1_0001 &+ UInt64(first) &* 0x101 &+ UInt64(last)
        }
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }
}
