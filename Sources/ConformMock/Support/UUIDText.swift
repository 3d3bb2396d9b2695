import ConformDataModel

/// Object and attachment IDs are lowercase UUIDs, e.g. `550e8400-e29b-41d4-a716-446655440000`
/// (reference §1.3). Any version is accepted: the docs' own examples are version 1.
enum UUIDText {
    /// Whether `text` is a UUID in lowercase 8-4-4-4-12 form.
    static func isLowercaseUUID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard scalar == "-" else { return false }
            } else {
                guard scalar.isLowerHexDigit else { return false }
            }
        }
        return true
    }

    /// The lowercase form if `text` is a UUID in either case, else `nil`.
    static func normalized(_ text: String) -> String? {
        let lower = text.lowercased()
        return isLowercaseUUID(lower) ? lower : nil
    }

    /// A version 4 UUID from 128 bits.
    static func format(high: UInt64, low: UInt64) -> String {
        // Set the version (4) and the RFC 4122 variant bits.
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = hex64(high) + hex64(low)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    private static func hex64(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
