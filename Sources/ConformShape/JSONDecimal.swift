/// A JSON number kept exactly as written: `±digits × 10^exponent`, of any length.
///
/// JSON puts no limit on a number's digits or exponent, and APIs do send values that neither
/// `Int64` nor `Double` holds: 30-digit identifiers, `0.30000000000000001`, `1e400`. Reading
/// them as doubles makes `maximum: 9223372036854775807` accept 9223372036854775808 and turns
/// `1e-400` into the integer 0. This type keeps the decimal digits, so comparison, equality,
/// "is it an integer" and `multipleOf` are exact, and none of them expands the exponent:
/// `1e1000000` costs no more than `1`.
///
/// Values are normalised (no leading or trailing zeros in `digits`, zero is never negative),
/// so equal numbers are equal values and hash alike.
public struct JSONDecimal: Sendable, Hashable {
    /// `true` for numbers below zero; zero is never negative (`-0` equals `0` in JSON Schema).
    public let isNegative: Bool
    /// The significant decimal digits, most significant first, each `0...9`, without leading
    /// or trailing zeros; empty for zero.
    let digits: [UInt8]
    /// The power of ten the last digit stands for: `digits × 10^exponent`. Beyond
    /// ``exponentLimit`` it holds only a direction (``beyondExponent``), see ``literal``.
    let exponent: Int
    /// The number as written, kept only when its exponent is beyond ``exponentLimit``: such a
    /// number still orders against every ordinary one, but two of them in the same direction
    /// cannot be compared (``NumberTooLargeError``).
    let literal: String?

    /// Written exponents up to this magnitude (about 5.8·10^17) are exact. Exponent arithmetic
    /// stays in `Int` because every other exponent is at most this plus the number's length.
    public static let exponentLimit = 1 << 59
    /// The stand-in exponent of numbers beyond the limit: larger than any ordinary exponent
    /// plus digit count, and small enough that a difference of two never overflows.
    static let beyondExponent = 1 << 61

    /// Zero.
    public static let zero = JSONDecimal(isNegative: false, digits: [], exponent: 0, literal: nil)

    init(isNegative: Bool, digits: [UInt8], exponent: Int, literal: String?) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
        self.literal = literal
    }

    /// Builds a normalised value from digits that may have leading or trailing zeros.
    init(isNegative: Bool, unnormalisedDigits: [UInt8], exponent: Int) {
        var digits = unnormalisedDigits
        var exponent = exponent
        var trailing = 0
        while trailing < digits.count, digits[digits.count - 1 - trailing] == 0 { trailing += 1 }
        if trailing == digits.count {
            self = .zero
            return
        }
        digits.removeLast(trailing)
        exponent += trailing
        if let firstSignificant = digits.firstIndex(where: { $0 != 0 }), firstSignificant > 0 {
            digits.removeFirst(firstSignificant)
        }
        self.init(isNegative: isNegative, digits: digits, exponent: exponent, literal: nil)
    }

    public init(_ integer: Int64) {
        var magnitude = integer.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(isNegative: integer < 0, unnormalisedDigits: reversed.reversed(), exponent: 0)
    }

    /// The exact value of the shortest decimal that reads back as `double` (what Swift's
    /// `description` prints: `0.1` is 0.1, not 0.1000000000000000055511151231257827); `nil`
    /// for infinities and NaN.
    public init?(_ double: Double) {
        guard double.isFinite else { return nil }
        var text = double.description
        guard let value = text.withUTF8({ JSONDecimal(literal: $0) }) else { return nil }
        self = value
    }

    /// Reads a number in JSON's grammar (`-12.5e3`); `nil` for anything else.
    public init?(_ text: String) {
        var copy = text
        guard let value = copy.withUTF8({ JSONDecimal(literal: $0) }) else { return nil }
        self = value
    }

    // MARK: - Properties

    public var isZero: Bool { digits.isEmpty }

    /// Whether the value has no fractional part (`1e400` is an integer, `1e-400` is not).
    public var isIntegral: Bool { exponent >= 0 }

    /// Whether the exponent is beyond ``exponentLimit`` (e.g. `1e999999999999999999`).
    public var isBeyondExponentLimit: Bool { literal != nil }

    /// The value as an `Int64`, when it is an integer in that range.
    public var int64Value: Int64? {
        guard isIntegral, !isBeyondExponentLimit, digits.count + exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits {
            magnitude = magnitude * 10 + UInt64(digit)  // at most 19 digits: no overflow
        }
        for _ in 0..<exponent {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            magnitude = product
        }
        if isNegative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The nearest `Double` (correctly rounded; `±infinity` or `±0` beyond its range). Only
    /// for uses that are approximate by nature: the exact comparisons never go through it.
    public var doubleValue: Double {
        if let double = Double(description) { return double }
        // Only for a beyond-the-limit literal that `Double` refuses to read.
        let huge = exponent > 0
        return isNegative ? (huge ? -.infinity : -0.0) : (huge ? .infinity : 0.0)
    }
}

// MARK: - Reading

extension JSONDecimal {
    /// Reads JSON's number grammar from UTF-8 bytes; `nil` when they are not exactly one number.
    init?(literal bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        func isDigit(_ i: Int) -> Bool { i < count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard isDigit(index) else { return nil }
        var digits: [UInt8] = []
        var exponent = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { return nil }  // leading zeros are not JSON
        } else {
            while isDigit(index) {
                digits.append(bytes[index] - 0x30)
                index += 1
            }
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return nil }
            while isDigit(index) {
                let digit = bytes[index] - 0x30
                // Zeros before the first significant digit only move the point.
                if !digits.isEmpty || digit != 0 { digits.append(digit) }
                exponent -= 1
                index += 1
            }
        }
        var beyond = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard isDigit(index) else { return nil }
            var written = 0
            while isDigit(index) {
                // Saturate: once past the limit, the exact value no longer matters.
                if written <= Self.exponentLimit { written = written * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            if written > Self.exponentLimit {
                beyond = exponentNegative ? -1 : 1
            } else {
                exponent += exponentNegative ? -written : written
            }
        }
        guard index == count else { return nil }
        self.init(isNegative: negative, unnormalisedDigits: digits, exponent: exponent)
        if beyond != 0 && !isZero {
            self = JSONDecimal(isNegative: isNegative, digits: self.digits, exponent: beyond * Self.beyondExponent,
                literal: String(decoding: bytes, as: UTF8.self))
        }
    }
}

// MARK: - Writing

extension JSONDecimal: CustomStringConvertible {
    /// JSON text for the exact value: plain digits for ordinary sizes (`123456789012345678901`,
    /// `0.30000000000000001`), scientific notation otherwise (`1e+400`, `1.5e-400`). A number
    /// beyond the exponent limit is written as it was read.
    public var description: String {
        if let literal { return literal }
        guard !digits.isEmpty else { return "0" }
        var text = isNegative ? "-" : ""
        let count = digits.count
        // The power of ten of the first digit.
        let scientificExponent = count + exponent - 1
        func append(_ slice: ArraySlice<UInt8>) {
            for digit in slice { text.unicodeScalars.append(Unicode.Scalar(digit + 0x30)) }
        }
        if exponent >= 0 && exponent <= 21 {
            append(digits[...])
            text += String(repeating: "0", count: exponent)
        } else if exponent < 0 && scientificExponent >= -7 {
            if scientificExponent >= 0 {
                append(digits[..<(count + exponent)])
                text += "."
                append(digits[(count + exponent)...])
            } else {
                text += "0." + String(repeating: "0", count: -scientificExponent - 1)
                append(digits[...])
            }
        } else {
            append(digits[..<1])
            if count > 1 {
                text += "."
                append(digits[1...])
            }
            text += scientificExponent >= 0 ? "e+" : "e-"
            text += String(scientificExponent.magnitude)
        }
        return text
    }
}
