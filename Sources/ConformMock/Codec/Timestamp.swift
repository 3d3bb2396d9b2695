/// Dates and times as the API writes them (reference §16.2): dates `YYYY-MM-DD`, datetimes
/// `YYYY-MM-DDTHH:MM:SSZ` in UTC with whole seconds. Own code rather than a date formatter,
/// so no locale or time-zone database can change the output.
enum Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    typealias Seconds = Int64

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func format(_ seconds: Seconds) -> String {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return formatDate(year: year, month: month, day: day) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    static func formatDate(year: Int64, month: Int64, day: Int64) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// A calendar date, `YYYY-MM-DD`, from any ISO 8601 date or datetime: the time and zone
    /// are dropped as written, not converted (reference §16.2).
    static func parseDate(_ text: String) -> String? {
        guard let parts = parse(text) else { return nil }
        return formatDate(year: parts.year, month: parts.month, day: parts.day)
    }

    /// Seconds since the epoch from an ISO 8601 datetime. Fractions are truncated to whole
    /// seconds; a missing zone means UTC; a bare date means midnight UTC.
    static func parseDateTime(_ text: String) -> Seconds? {
        guard let parts = parse(text) else { return nil }
        let days = days(fromYear: parts.year, month: parts.month, day: parts.day)
        return days * 86_400 + parts.secondOfDay - parts.offsetSeconds
    }

    // MARK: - Parsing

    private struct Parts {
        var year: Int64, month: Int64, day: Int64
        var secondOfDay: Int64 = 0
        var offsetSeconds: Int64 = 0
    }

    /// `YYYY-MM-DD[(T|t| )HH:MM[:SS[.fff…]]][Z|z|±HH[:MM]|±HHMM]`, every component range-checked.
    private static func parse(_ text: String) -> Parts? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            year >= 1
        else { return nil }
        var parts = Parts(year: year, month: month, day: day)
        if scanner.atEnd { return parts }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
            let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        if scanner.skip(":") {
            guard let value = scanner.digits(2), value < 60 else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                guard scanner.skipDigits() > 0 else { return nil }
            }
        }
        parts.secondOfDay = hour * 3600 + minute * 60 + second
        if scanner.atEnd || scanner.skip("Z") || scanner.skip("z") { return scanner.atEnd ? parts : nil }
        let sign: Int64
        if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.digits(2), offsetHours < 24 else { return nil }
        var offsetMinutes: Int64 = 0
        if !scanner.atEnd {
            _ = scanner.skip(":")
            guard let minutes = scanner.digits(2), minutes < 60 else { return nil }
            offsetMinutes = minutes
        }
        guard scanner.atEnd else { return nil }
        parts.offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        return parts
    }

    private struct DigitScanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<(index + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += count
            return value
        }

        mutating func skipDigits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, days from 1970-01-01)

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
