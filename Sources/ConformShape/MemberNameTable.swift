/// A fixed set of member names, looked up by code point without `Hasher`.
///
/// A schema's `properties` and `required` are looked up once for every member of every
/// object checked against it. `Dictionary<JSONName, _>` paid for SipHash over the name's bytes
/// on each lookup (~480 instructions, the largest single cost of a response check). This
/// table is built once per compiled schema: open addressing over a power-of-two slot array,
/// placed by the name's length and its first and last bytes (three loads, no loop over the
/// bytes). Names that share those collide and are told apart by
/// `hasSameCodePoints`, so the answer is exact whatever the placement: "é" and "e\u{301}" are
/// two names, as JSON says.
struct MemberNameTable<Value: Sendable>: Sendable {
    private let names: [String]
    private let values: [Value]
    /// Position in `names` plus one; 0 marks an empty slot. At most half full, so a probe
    /// for an absent name ends at an empty slot soon.
    private let slots: [Int32]
    private let shift: Int

    /// A repeated name keeps its last value (as a dictionary assignment would).
    init(_ pairs: [(name: String, value: Value)]) {
        var names: [String] = []
        var values: [Value] = []
        var bits = 2
        while 1 << bits < 2 * pairs.count { bits += 1 }
        var slots = [Int32](repeating: 0, count: 1 << bits)
        let shift = Int.bitWidth - bits
        for (name, value) in pairs {
            var slot = Self.slot(of: name, shift: shift)
            while true {
                let stored = Int(slots[slot])
                if stored == 0 {
                    names.append(name)
                    values.append(value)
                    slots[slot] = Int32(names.count)
                    break
                }
                if names[stored - 1].hasSameCodePoints(as: name) {
                    values[stored - 1] = value
                    break
                }
                slot = (slot + 1) & (slots.count - 1)
            }
        }
        self.names = names
        self.values = values
        self.slots = slots
        self.shift = shift
    }

    var isEmpty: Bool { names.isEmpty }

    func value(for name: String) -> Value? {
        guard !names.isEmpty else { return nil }
        var slot = Self.slot(of: name, shift: shift)
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            if names[stored - 1].hasSameCodePoints(as: name) { return values[stored - 1] }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Fibonacci hashing of (length, first byte, last byte): equal names land on the same
    /// slot; unequal ones usually do not, and when they do, probing sorts them out.
    private static func slot(of name: String, shift: Int) -> Int {
        // One look at the bytes: the `utf8` view's subscripts each check the string's form.
        let key = name.utf8.withContiguousStorageIfAvailable(Self.placementKey) ?? Array(name.utf8).withUnsafeBufferPointer(Self.placementKey)
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    private static func placementKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let first = bytes.first, let last = bytes.last else { return 0 }
        return UInt64(truncatingIfNeeded: bytes.count) &* 0x1_0001 &+ UInt64(first) &* 0x101 &+ UInt64(last)
    }
}
