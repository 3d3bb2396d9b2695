/// The one exact path for numbers: every comparison the checker makes (`minimum`, `const`,
/// `enum`, `uniqueItems`, `values`) goes through ``JSONValue/compareNumbers(_:_:)``.
///
/// `.integer` against `.integer` and `.double` against `.double` compare natively and exactly
/// (a double stands for its shortest decimal, and rounding keeps order, so two doubles order
/// as their decimals do). Everything else compares as ``JSONDecimal``.
extension JSONValue {
    /// Whether this is a number (`.integer`, `.double` or `.decimal`).
    public var isNumber: Bool {
        switch self {
        case .integer, .double, .decimal: true
        default: false
        }
    }

    /// The exact value of a number; `nil` for other values and for a non-finite double (which
    /// no JSON text can produce).
    public var decimalValue: JSONDecimal? {
        switch self {
        case .integer(let i): JSONDecimal(i)
        case .double(let d): JSONDecimal(d)
        case .decimal(let x): x
        default: nil
        }
    }

    /// -1, 0 or 1 for two numbers; `nil` when either is not a number. Exact for every pair;
    /// throws only for two numbers beyond ``JSONDecimal/exponentLimit`` in the same direction.
    public static func compareNumbers(_ a: JSONValue, _ b: JSONValue) throws(NumberTooLargeError) -> Int? {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return order(x, y)
        case (.double(let x), .double(let y)) where x.isFinite && y.isFinite: return order(x, y)
        // Integers up to 2^53 are doubles exactly, and their shortest decimal is the integer.
        case (.integer(let x), .double(let y)) where x.magnitude <= 1 << 53 && y.isFinite: return order(Double(x), y)
        case (.double(let x), .integer(let y)) where y.magnitude <= 1 << 53 && x.isFinite: return order(x, Double(y))
        default:
            guard let x = a.decimalValue, let y = b.decimalValue else { return nil }
            return try JSONDecimal.compare(x, y)
        }
    }

    private static func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }

    /// Whether this number is an integer multiple of `divisor` (a positive number); `nil` when
    /// this is not a number.
    func isMultiple(of divisor: JSONDecimal, written: JSONValue) throws(NumberTooLargeError) -> Bool? {
        // The common case, `multipleOf: 2` on an integer, needs no decimal.
        if case .integer(let value) = self, case .integer(let step) = written, step > 0 { return value % step == 0 }
        guard let value = decimalValue else { return nil }
        return try value.isMultiple(of: divisor)
    }
}
