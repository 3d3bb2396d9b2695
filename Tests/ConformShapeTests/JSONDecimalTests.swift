import Testing
@testable import ConformShape

/// Reading and writing numbers exactly: which case holds each one, and that nothing a JSON
/// text can contain is refused or silently changed.
@Suite struct JSONDecimalTests {
    /// A double stands for its shortest decimal; anything else a double cannot say is a decimal.
    @Test(arguments: [
        ("0.1", "double"), ("1.5", "double"), ("1e2", "double"), ("-0.0", "double"), ("1e308", "double"),
        ("100000000000000000000", "double"), ("0.30000000000000004", "double"), ("12.345678901234567", "double"),
        // The same value as a double's shortest text, written differently.
        ("1.0000000000000000000", "double"), ("4.3500000000000000E+2", "double"), ("-1.2345678901234567E-3", "double"),
        // Its double prints as -1.2345678901234568e-05: one digit off, so this is kept as a decimal.
        ("-1.2345678901234567E-5", "decimal"),
        ("9223372036854775807", "integer"), ("-9223372036854775808", "integer"), ("-0", "integer"),
        ("0.30000000000000001", "decimal"), ("1e400", "decimal"), ("1e-400", "decimal"), ("1e309", "decimal"),
        ("1.0000000000000000000001", "decimal"), ("123456789012345678901234567890", "decimal"),
        ("9223372036854775808", "decimal"), ("9007199254740993.0", "decimal"),
    ])
    func numbersLandInTheNarrowestExactCase(text: String, kind: String) throws {
        let value = try JSONValue.parse(text)
        let found = switch value {
        case .integer: "integer"
        case .double: "double"
        case .decimal: "decimal"
        default: "not a number"
        }
        #expect(found == kind)
        #expect(try JSONValue.compareNumbers(value, .decimal(try #require(JSONDecimal(text)))) == 0)
    }

    /// No syntactically valid number is "not JSON", however long or large.
    @Test func hugeNumbersParseAndWriteBackExactly() throws {
        let digits401 = "9" + String(repeating: "8", count: 400)
        for text in ["1e400", "-1e400", "1e-400", digits401, "-" + digits401 + ".5", "1e999999999999999999999",
            "1E+400", "0." + String(repeating: "0", count: 500) + "1"]
        {
            let value = try JSONValue.parse("[\(text)]")
            let number = try #require(value[0])
            #expect(number.isNumber)
            #expect(try JSONValue.parse(value.compactText) == value, "\(text) -> \(value.compactText)")
            #expect(try JSONValue.compareNumbers(number, .decimal(try #require(JSONDecimal(text)))) == 0)
        }
        #expect(try JSONValue.parse(digits401).compactText == digits401)
        #expect(try JSONValue.parse("1E+400").compactText == "1e+400")
        #expect(try JSONValue.parse("0.30000000000000001").compactText == "0.30000000000000001")
    }

    @Test func invalidNumbersAreStillRefused() {
        for text in ["01", "1.", ".5", "1e", "1e+", "+1", "-", "--1", "1.5.5", "0x10"] {
            #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
            #expect(JSONDecimal(text) == nil, "\(text)")
        }
    }

    @Test func equalValuesAreEqualAndHashAlike() throws {
        let written = ["123456789012345678901234567890", "1.2345678901234567890123456789e29", "123456789012345678901234567890.000",
            "12345678901234567890123456789e1"]
        let decimals = try written.map { try #require(JSONDecimal($0)) }
        #expect(Set(decimals).count == 1)
        #expect(try JSONValue.parse(written[0]).jsonEquals(JSONValue.parse(written[1])))
        #expect(JSONDecimal("-0") == JSONDecimal.zero && JSONDecimal("0e999") == JSONDecimal.zero)
    }

    @Test func orderIsExact() throws {
        let ascending = ["-1e400", "-9223372036854775809", "-9223372036854775808", "-1", "-1e-400", "0", "1e-400",
            "0.3", "0.30000000000000001", "1", "1.0000000000000000000001", "9007199254740992", "9007199254740993",
            "9223372036854775807", "9223372036854775808", "1e308", "1e309", "1e400", "1e999999999999999999999"]
        let values = try ascending.map { try JSONValue.parse($0) }
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                let expected = i < j ? -1 : (i == j ? 0 : 1)
                #expect(try JSONValue.compareNumbers(a, b) == expected, "\(ascending[i]) vs \(ascending[j])")
            }
        }
        // Two exponents beyond the limit in the same direction cannot be ordered exactly.
        #expect(throws: NumberTooLargeError.self) {
            try JSONValue.compareNumbers(JSONValue.parse("1e999999999999999999999"), JSONValue.parse("1e999999999999999999998"))
        }
    }

    @Test(arguments: [
        ("123456789012345678901234567890", "7", true), ("19.99", "0.01", true), ("19.999", "0.01", false),
        ("1e308", "0.5", true), ("3e-400", "1e-400", true), ("1e-401", "1e-400", false), ("1e1000000", "1024", true),
        ("1e1000000", "3", false), ("246913578024691357802469135780", "123456789012345678901234567890", true),
        ("1.23456789012345678901234567890e1000", "123456789012345678901234567890", true),
        ("9999999999999999999", "999999999999999999", false), ("4.5", "1.5", true), ("0", "7", true), ("-21", "7", true),
    ])
    func multiplesAreExact(value: String, divisor: String, expected: Bool) throws {
        let x = try #require(JSONDecimal(value))
        let d = try #require(JSONDecimal(divisor))
        #expect(try x.isMultiple(of: d) == expected)
    }

    @Test func descriptionsArePlainForOrdinarySizes() throws {
        let cases = [("1e21", "1000000000000000000000"), ("1e22", "1e+22"), ("0.00000015", "0.00000015"),
            ("1e-8", "1e-8"), ("-12.50", "-12.5"), ("1.5e-400", "1.5e-400")]
        for (text, description) in cases { #expect(JSONDecimal(text)?.description == description) }
        #expect(JSONDecimal(0.1)?.description == "0.1")
        #expect(JSONDecimal(Int64.min).int64Value == Int64.min)
        #expect(JSONDecimal("9223372036854775808")?.int64Value == nil)
    }

    @Test func typeNamesFollowTheExactValue() throws {
        #expect(try JSONValue.parse("1e400").jsonType == .integer)
        #expect(try JSONValue.parse("1e-400").jsonType == .number)
        #expect(try JSONValue.parse("1.0000000000000000000001").typeDescription == "number")
        #expect(try JSONValue.parse("123456789012345678901234567890").typeDescription == "integer")
        #expect(ValueDescription.typed(try JSONValue.parse("0.30000000000000001")) == "number 0.30000000000000001")
    }
}
