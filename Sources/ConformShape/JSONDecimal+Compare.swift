/// Two numbers whose order cannot be decided exactly: both have exponents beyond
/// ``JSONDecimal/exponentLimit`` in the same direction (`1e999999999999999999` against
/// `1e999999999999999998`).
public struct NumberTooLargeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The number (or the first of the two) that is too large, as written.
    public let number: String

    public init(number: String) { self.number = number }

    public var description: String { "number too large to compare exactly: \(ValueDescription.shorten(number))" }
}

/// Ordering and equality compare the digits and the position of the first one; no exponent
/// is ever expanded, so `1e400` against `1e399` is two integer comparisons.
extension JSONDecimal {
    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
    public static func compare(_ lhs: JSONDecimal, _ rhs: JSONDecimal) throws(NumberTooLargeError) -> Int {
        let leftSign = lhs.isZero ? 0 : (lhs.isNegative ? -1 : 1)
        let rightSign = rhs.isZero ? 0 : (rhs.isNegative ? -1 : 1)
        if leftSign != rightSign { return leftSign < rightSign ? -1 : 1 }
        if leftSign == 0 { return 0 }
        let magnitude = try compareMagnitudes(lhs, rhs)
        return leftSign > 0 ? magnitude : -magnitude
    }

    private static func compareMagnitudes(_ lhs: JSONDecimal, _ rhs: JSONDecimal) throws(NumberTooLargeError) -> Int {
        if let literal = lhs.literal ?? rhs.literal, lhs.exponent == rhs.exponent, lhs.isBeyondExponentLimit,
            rhs.isBeyondExponentLimit
        {
            // The same digits and the same written exponent are equal even where order is unknown.
            if lhs == rhs { return 0 }
            throw NumberTooLargeError(number: literal)
        }
        // The power of ten just above the first digit decides, unless it is the same.
        let leftMagnitude = lhs.digits.count + lhs.exponent
        let rightMagnitude = rhs.digits.count + rhs.exponent
        if leftMagnitude != rightMagnitude { return leftMagnitude < rightMagnitude ? -1 : 1 }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right { return left < right ? -1 : 1 }
        // Same leading digits: the longer one has more non-zero digits after them.
        if lhs.digits.count == rhs.digits.count { return 0 }
        return lhs.digits.count < rhs.digits.count ? -1 : 1
    }
}
