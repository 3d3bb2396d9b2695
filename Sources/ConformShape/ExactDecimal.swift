/// A JSON number as the decimal a person wrote: `digits × 10^exponent`, for `multipleOf`.
///
/// Binary floating point gets `multipleOf` wrong for ordinary data: `19.99 / 0.01` is
/// `1998.9999999999998`, so a price of 19.99 would fail `multipleOf: 0.01`. Taking each double
/// as its shortest round-trip decimal (what was written in the JSON) and dividing exactly gives
/// the answer a person expects.
struct ExactDecimal: Sendable, Hashable {
    /// Without trailing zeros; at most 19 digits (a `Double` never needs more than 17).
    let digits: UInt64
    let exponent: Int

    init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer):
            self.init(digits: integer.magnitude, exponent: 0)
        case .double(let double):
            guard double.isFinite else { return nil }
            self.init(decimalText: "\(double.magnitude)")
        default:
            return nil
        }
    }

    init(digits: UInt64, exponent: Int) {
        var digits = digits
        var exponent = exponent
        while digits != 0 && digits % 10 == 0 {
            digits /= 10
            exponent += 1
        }
        self.digits = digits
        self.exponent = digits == 0 ? 0 : exponent
    }

    /// Reads Swift's description of a non-negative double: `0.0075`, `1e-08`, `1.5e+300`.
    init?(decimalText text: String) {
        var digits: UInt64 = 0
        var exponent = 0
        var seenPoint = false
        var rest = Substring(text)
        while let character = rest.first, character != "e", character != "E" {
            rest = rest.dropFirst()
            if character == "." { seenPoint = true; continue }
            guard let digit = character.wholeNumberValue else { return nil }
            let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            digits = sum
            if seenPoint { exponent -= 1 }
        }
        if !rest.isEmpty {
            guard let written = Int(rest.dropFirst()) else { return nil }
            exponent += written
        }
        self.init(digits: digits, exponent: exponent)
    }

    /// Whether `self` is an integer multiple of `divisor` (which must not be zero).
    ///
    /// `a·10^e1 / (b·10^e2)` is an integer exactly when `a·10^(e1-e2)` is divisible by `b`
    /// (for `e1 >= e2`, computed with modular powers so `1e308` costs nothing), or when `a` is
    /// divisible by `b·10^(e2-e1)` (otherwise).
    func isMultiple(of divisor: ExactDecimal) -> Bool {
        guard divisor.digits != 0 else { return false }
        guard digits != 0 else { return true }
        let shift = exponent - divisor.exponent
        if shift >= 0 {
            let b = divisor.digits
            let scale = Self.powerOf10(shift, modulo: b)
            return Self.multiplyModulo(digits % b, scale, b) == 0
        }
        var scaled = divisor.digits
        for _ in 0..<(-shift) {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            // The divisor outgrew the dividend: a non-zero `digits` cannot be a multiple.
            if overflow || product > digits { return false }
            scaled = product
        }
        return digits % scaled == 0
    }

    static func multiplyModulo(_ a: UInt64, _ b: UInt64, _ modulus: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return modulus.dividingFullWidth((high: product.high % modulus, low: product.low)).remainder
    }

    static func powerOf10(_ exponent: Int, modulo modulus: UInt64) -> UInt64 {
        guard modulus > 1 else { return 0 }
        var result: UInt64 = 1
        var base: UInt64 = 10 % modulus
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = multiplyModulo(result, base, modulus) }
            base = multiplyModulo(base, base, modulus)
            remaining >>= 1
        }
        return result
    }
}
