import Testing
@testable import ConformShape

/// `format` is an assertion for `uuid`, `date` and `date-time` (RFC 3339), on strings only.
@Suite struct FormatTests {
    @Test(arguments: [
        ("2eb8aa08-aa98-11ea-b4aa-73b441d16380", true),
        // RFC 4122 / 9562: hex digits are case-insensitive on input. An API that promises
        // lowercase says so with a `pattern`.
        ("2EB8AA08-AA98-11EA-B4AA-73B441D16380", true),
        ("00000000-0000-0000-0000-000000000000", true),
        ("2eb8aa08-aa98-11ea-b4aa-73b441d1638", false),
        ("2eb8aa08aa9811eab4aa73b441d16380", false),
        ("2eb8aa08-aa98-11ea-b4aa-73b441d1638g", false),
        ("{2eb8aa08-aa98-11ea-b4aa-73b441d16380}", false),
        ("2eb8aa08-aa98-11ea-b4aa-73b441d16380 ", false),
        ("2eb8aa0-8aa98-11ea-b4aa-73b441d16380", false),
        ("", false),
    ])
    func uuid(_ text: String, _ valid: Bool) throws {
        try expectFormat("uuid", text, valid)
    }

    @Test(arguments: [
        ("2015-02-05", true),
        ("2016-02-29", true),  // leap year
        ("2000-02-29", true),  // divisible by 400
        ("2015-02-30", false),
        ("2015-02-29", false),
        ("1900-02-29", false),  // divisible by 100, not 400
        ("2015-04-31", false),
        ("2015-13-01", false),
        ("2015-00-10", false),
        ("2015-01-00", false),
        ("2015-2-5", false),
        ("06/19/1963", false),
        ("2015-02-05T08:17:01Z", false),
        ("٢٠١٥-02-05", false),  // non-ASCII digits
        ("20150205", false),
    ])
    func date(_ text: String, _ valid: Bool) throws {
        try expectFormat("date", text, valid)
    }

    @Test(arguments: [
        ("2015-02-05T08:17:01Z", true),
        ("2015-02-05t08:17:01z", true),
        ("2015-02-05T08:17:01.123+01:00", true),
        ("2015-02-05T08:17:01.123456789-08:30", true),
        ("1998-12-31T23:59:60Z", true),  // leap second
        ("1998-12-31T15:59:60.123-08:00", true),  // the same leap second, in another zone
        ("1998-12-31T22:59:60Z", false),  // not at 23:59 UTC
        ("1990-02-31T15:59:60.123-08:00", false),
        ("2015-02-05T08:17:01", false),  // no offset
        ("2015-02-05 08:17:01Z", false),
        ("2015-02-30T08:17:01Z", false),
        ("2015-02-05T24:00:00Z", false),
        ("2015-02-05T08:60:00Z", false),
        ("2015-02-05T08:17:61Z", false),
        ("2015-02-05T08:17:01.Z", false),
        ("2015-02-05T08:17:01+0100", false),
        ("2015-02-05T08:17:01+24:00", false),
        ("2015-02-05T08:17Z", false),
        ("2015-02-05", false),
    ])
    func dateTime(_ text: String, _ valid: Bool) throws {
        try expectFormat("date-time", text, valid)
    }

    @Test(arguments: ["uuid", "date", "date-time"])
    func formatsIgnoreNonStrings(_ format: String) throws {
        let schema = try compile(#"{"format": "\#(format)"}"#)
        for instance in ["12", "13.7", "{}", "[]", "false", "null"] {
            #expect(schema.check(json(instance)).passed, "\(format) vs \(instance)")
        }
    }

    private func expectFormat(_ format: String, _ text: String, _ valid: Bool) throws {
        let schema = try compile(#"{"format": "\#(format)"}"#)
        let instance = JSONValue.string(text)
        let result = schema.check(instance)
        #expect(result.passed == valid, "\(format): \(text)")
        #expect(schema.validates(instance) == valid)
        if !valid {
            #expect(result.mismatches.first?.expected == "\(format) string")
        }
    }
}
