/// Why a pattern was refused: what is wrong and where (a 0-based code point offset into the
/// pattern text), so a schema author can find the place.
struct ECMAPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    let offset: Int
    let reason: String

    var description: String { "at offset \(offset): \(reason)" }
}
