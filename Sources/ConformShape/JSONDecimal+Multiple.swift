/// `multipleOf`, exactly, for numbers of any size.
///
/// Binary floating point gets `multipleOf` wrong for ordinary data (`19.99 / 0.01` is
/// `1998.9999999999998`) and cannot hold `1e-400` at all. In decimal it is a question about
/// integers: `a·10^e1` is a multiple of `b·10^e2` exactly when `a·10^(e1−e2)` is divisible by
/// `b`, and that is answered by a remainder computed digit by digit.
extension JSONDecimal {
    /// Whether `self` is an integer multiple of `divisor`. A zero divisor has no multiples
    /// (the schema compiler refuses it); zero is a multiple of everything.
    public func isMultiple(of divisor: JSONDecimal) throws(NumberTooLargeError) -> Bool {
        guard !divisor.isZero else { return false }
        guard !isZero else { return true }
        if let literal = self.literal ?? divisor.literal, isBeyondExponentLimit, divisor.isBeyondExponentLimit {
            throw NumberTooLargeError(number: literal)
        }
        let shift = exponent - divisor.exponent
        // `a` has no trailing zeros, so it is not divisible by 10, let alone by `b·10^(−shift)`.
        guard shift >= 0 else { return false }
        // `b = 2^x·5^y·c` with `c` coprime to 10, and `x, y < 4·digits(b)`. Once the shift
        // covers `x` and `y`, more zeros change nothing: `c` divides `a·10^k` exactly when it
        // divides `a`. So `1e1000000` needs a handful of zeros, not a million.
        let zeros = min(shift, 4 * divisor.digits.count)
        if divisor.digits.count <= 18 {
            var modulus: UInt64 = 0
            for digit in divisor.digits { modulus = modulus * 10 + UInt64(digit) }
            if modulus == 1 { return true }
            return Self.remainder(digits, zeros: zeros, modulo: modulus) == 0
        }
        var remainder = Natural.zero
        let modulus = Natural(decimalDigits: divisor.digits)
        for digit in digits { remainder.appendDigit(digit, reducingModulo: modulus) }
        for _ in 0..<zeros { remainder.appendDigit(0, reducingModulo: modulus) }
        return remainder.isZero
    }

    /// `(digits followed by zeros) mod modulus` for a modulus below 10^18, where
    /// `remainder·10 + 9` cannot overflow.
    private static func remainder(_ digits: [UInt8], zeros: Int, modulo modulus: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        for digit in digits { remainder = (remainder * 10 + UInt64(digit)) % modulus }
        for _ in 0..<zeros { remainder = (remainder * 10) % modulus }
        return remainder
    }
}

/// A non-negative integer of any size, just enough for `multipleOf` with a divisor of more
/// than 18 digits: little-endian base-2^32 limbs without high zero limbs.
struct Natural: Comparable {
    private(set) var limbs: [UInt32]

    static let zero = Natural(limbs: [])

    private init(limbs: [UInt32]) { self.limbs = limbs }

    init(decimalDigits: [UInt8]) {
        self = .zero
        for digit in decimalDigits { multiplyAdd(10, UInt32(digit)) }
    }

    var isZero: Bool { limbs.isEmpty }

    /// `self = (self·10 + digit) mod modulus`, for `self < modulus`: the new value is below
    /// `10·modulus`, so at most nine subtractions bring it back.
    mutating func appendDigit(_ digit: UInt8, reducingModulo modulus: Natural) {
        multiplyAdd(10, UInt32(digit))
        while self >= modulus { subtract(modulus) }
    }

    /// `self = self·factor + addend`.
    mutating func multiplyAdd(_ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// `self -= other`, for `other <= self`.
    mutating func subtract(_ other: Natural) {
        var borrow: UInt64 = 0
        for index in limbs.indices {
            let subtrahend = (index < other.limbs.count ? UInt64(other.limbs[index]) : 0) + borrow
            let minuend = UInt64(limbs[index])
            if minuend >= subtrahend {
                limbs[index] = UInt32(minuend - subtrahend)
                borrow = 0
            } else {
                limbs[index] = UInt32(minuend + (1 << 32) - subtrahend)
                borrow = 1
            }
        }
        while limbs.last == 0 { limbs.removeLast() }
    }

    static func < (lhs: Natural, rhs: Natural) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}
