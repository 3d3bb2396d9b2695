import Testing
import ConformDataModel
@testable import ConformMock

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2015-02-05T08:17:01Z", "2015-02-05T08:17:01Z"),
        ("2015-02-05t08:17:01z", "2015-02-05T08:17:01Z"),
        ("2015-02-05 08:17", "2015-02-05T08:17:00Z"),
        ("2016-02-29T00:00:00+01:00", "2016-02-28T23:00:00Z"),
        ("2000-03-01T00:00:00,5Z", "2000-03-01T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
    ])
    func datetimesNormaliseToUTCWholeSeconds(_ input: String, _ output: String) {
        #expect(Timestamp.parseDateTime(input).map(Timestamp.format) == output)
    }

    @Test(arguments: [
        "", "2015", "2015-2-5", "2015-02-05T", "2015-02-05T08", "2015-02-05T24:00:00Z", "2015-02-05T08:60",
        "2015-02-05T08:00:00+2", "2015-02-05T08:00:00.Z", "2015-13-01", "2015-02-29", "0000-01-01", "2015-02-05T08:00:00Zjunk",
    ])
    func refusesMalformedDatetimes(_ input: String) {
        #expect(Timestamp.parseDateTime(input) == nil)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        var day = Timestamp.days(fromYear: 1900, month: 1, day: 1)
        let end = Timestamp.days(fromYear: 2300, month: 1, day: 1)
        while day < end {
            let (year, month, dayOfMonth) = Timestamp.civil(fromDays: day)
            #expect(Timestamp.days(fromYear: year, month: month, day: dayOfMonth) == day)
            day += 1
        }
    }

    @Test func extremeClockReadingsStayInFourDigitYears() {
        var early = MockClock.Reader(.fixed(.min))
        var late = MockClock.Reader(.stepping(start: .max, step: .max))
        #expect(Timestamp.format(early.now()) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.format(late.now()) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.format(late.now()) == "9999-12-31T23:59:59Z")
    }

    @Test func steppingClockAdvancesEachReading() {
        var clock = MockClock.Reader(.stepping(start: 100, step: 5))
        #expect([clock.now(), clock.now(), clock.now()] == [100, 105, 110])
    }
}

@Suite struct EncodingHelperTests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func base64RoundTrips(_ text: String) {
        let encoded = Base64.encode(Array(text.utf8))
        #expect(Base64.decode(encoded) == Array(text.utf8))
    }

    @Test(arguments: ["Zg", "Zg=", "Z===", "Zm9v\n", "Zm 9", "Zg==Zg==", "=Zg="])
    func base64IsStrict(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func uuidsAreLowercaseAndVersion4() {
        var state = MockIDGenerator.State(.seeded(1))
        let id = state.next()
        #expect(UUIDText.isLowercaseUUID(id))
        #expect(Array(id)[14] == "4")
        #expect("89ab".contains(Array(id)[19]))
        #expect(UUIDText.normalized("550E8400-E29B-41D4-A716-446655440000") == "550e8400-e29b-41d4-a716-446655440000")
        #expect(UUIDText.normalized("550e8400-e29b-41d4-a716-44665544000g") == nil)
    }

    @Test(arguments: [(3.14159, ".2f", "3.14"), (-0.004, ".2f", "0.00"), (2.5, ".0f", "3"), (-1.5, ".1f", "-1.5"), (7, ".3f", "7.000")])
    func displayNumberSpecifiers(_ value: Double, _ specifier: String, _ text: String) {
        #expect(NumberText.format(value, specifier: specifier) == text)
    }

    @Test func plainDisplayNumbersDropAWholeFraction() {
        #expect(NumberText.plain(3.0) == "3")
        #expect(NumberText.plain(3.25) == "3.25")
    }
}
