/// Numbers: every number JSON's grammar allows is read, however long or large, into the
/// narrowest case that holds it exactly (see ``JSONValue/decimal(_:)``).
///
/// Every response body is parsed, so the common cases stay cheap and build no string:
/// integers of up to 18 digits are accumulated directly, decimals of up to 15 digits with a
/// small exponent are computed directly (Clinger's fast path). Only numbers with 16 or more
/// digits or extreme exponents pay for `strtod` and the round-trip check.
extension JSONByteParser {
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed in numbers") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerIsZero = bytes[integerStart] == UInt8(ascii: "0")
        let integerDigits = index - integerStart
        var fractionDigits = 0
        var fractionLeadingZeros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
            let fractionStart = index
            while index < bytes.count, bytes[index] == UInt8(ascii: "0") { index += 1 }
            fractionLeadingZeros = index - fractionStart
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        var writtenExponent = 0
        var hasExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in exponent") }
            while index < bytes.count, isDigit(bytes[index]) {
                // Only "moderate or not" matters here; JSONDecimal reads any exponent exactly.
                if writtenExponent < 100_000 { writtenExponent = writtenExponent * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            if exponentNegative { writtenExponent = -writtenExponent }
        }
        let literal = UnsafeBufferPointer(rebasing: bytes[start..<index])
        let isIntegerLiteral = fractionDigits == 0 && !hasExponent

        // Up to 18 digits always fit in 64 bits.
        if isIntegerLiteral && integerDigits <= 18 {
            var magnitude: Int64 = 0
            for position in integerStart..<index { magnitude = magnitude * 10 + Int64(bytes[position] - 0x30) }
            return .integer(negative ? -magnitude : magnitude)
        }
        // Up to 15 significant digits, well inside the normal range, a double round-trips
        // (DBL_DIG): its shortest decimal is the number as written.
        let significant = integerIsZero ? fractionDigits - fractionLeadingZeros : integerDigits + fractionDigits
        let decimalExponent = writtenExponent - fractionDigits
        if !isIntegerLiteral && significant <= 15 && decimalExponent >= -22 && decimalExponent <= 22 {
            // Clinger's fast path: the digits (below 2^53) and 10^k (k <= 22) are both exact
            // doubles, so one multiplication or division rounds correctly, with no string.
            var coefficient: UInt64 = 0
            for position in integerStart..<(integerStart + integerDigits + (fractionDigits > 0 ? fractionDigits + 1 : 0))
            where bytes[position] != UInt8(ascii: ".") {
                coefficient = coefficient * 10 + UInt64(bytes[position] - 0x30)
            }
            let magnitude = decimalExponent < 0
                ? Double(coefficient) / Self.powersOfTen[-decimalExponent] : Double(coefficient) * Self.powersOfTen[decimalExponent]
            return .double(negative ? -magnitude : magnitude)
        }
        let text = String(decoding: literal, as: UTF8.self)
        if isIntegerLiteral, let integer = Int64(text) { return .integer(integer) }
        let leadingPower = integerIsZero ? writtenExponent - fractionLeadingZeros - 1 : writtenExponent + integerDigits - 1
        if significant == 0 || (significant <= 15 && leadingPower >= -300 && leadingPower <= 300), let double = Double(text) {
            return .double(double)
        }
        if let double = Double(text), double.isFinite, Self.isShortestDecimal(of: double, literal) { return .double(double) }
        // The bytes were checked against JSON's grammar above; JSONDecimal follows the same.
        guard let decimal = JSONDecimal(literal: literal) else { throw error("invalid number") }
        return .decimal(decimal)
    }

    /// 10^0 through 10^22: the powers of ten a double holds exactly.
    static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// Whether `literal` has the value of the shortest decimal that reads back as `double`,
    /// i.e. whether `.double(double)` stands for exactly the number written.
    static func isShortestDecimal(of double: Double, _ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        var description = double.description
        return description.withUTF8 { shortest in
            // The usual case: the server printed the same shortest text Swift does.
            if shortest.count == literal.count && shortest.elementsEqual(literal) { return true }
            // Otherwise compare values (`1E+20` against `1e+20`, `0.50` against `0.5`). A
            // shortest decimal has at most 17 digits; a literal with more significant digits
            // than a `ShortDecimal` holds cannot be one.
            guard let written = ShortDecimal(literal) else { return false }
            return ShortDecimal(shortest) == written
        }
    }
}

/// A decimal of at most 19 significant digits, normalised (no trailing zeros) so that equal
/// values compare equal; read without allocating, for the parser's round-trip check.
struct ShortDecimal: Equatable {
    var isNegative = false
    var coefficient: UInt64 = 0
    var exponent = 0

    /// `nil` when the number has more than 19 significant digits. The bytes must be a JSON
    /// number (or a finite double's description, which is one).
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if bytes.first == UInt8(ascii: "-") {
            isNegative = true
            index = 1
        }
        var significant = 0
        // Zeros after a non-zero digit wait here: only a later non-zero digit makes them part
        // of the coefficient; trailing ones go to the exponent.
        var pendingZeros = 0
        var afterPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            index += 1
            if byte == UInt8(ascii: ".") {
                afterPoint = true
                continue
            }
            if afterPoint { exponent -= 1 }
            let digit = UInt64(byte - 0x30)
            if digit == 0 {
                if coefficient != 0 { pendingZeros += 1 }
                continue
            }
            significant += pendingZeros + 1
            guard significant <= 19 else { return nil }
            for _ in 0..<pendingZeros { coefficient *= 10 }
            pendingZeros = 0
            coefficient = coefficient * 10 + digit
        }
        exponent += pendingZeros
        if index < bytes.count {
            index += 1
            var negativeExponent = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < bytes.count {
                // Saturated far beyond any double, but never near overflow.
                if written < 1 << 50 { written = written * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            exponent += negativeExponent ? -written : written
        }
        if coefficient == 0 {
            isNegative = false
            exponent = 0
        }
    }
}
