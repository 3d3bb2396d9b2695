/// The `format` values this checker asserts. Formats only constrain strings: a number or an
/// object passes any `format`.
///
/// Any other format is a compile error rather than an annotation that silently checks
/// nothing: a spec that says `format: email` must not look like it tests emails.
public enum StringFormat: String, Sendable, CaseIterable {
    case uuid
    case date
    case dateTime = "date-time"

    public func accepts(_ string: String) -> Bool {
        // The string's own bytes (`withUTF8` on a copy of a native string copies nothing): an
        // `Array` of them cost an allocation and a free for every uuid and date checked.
        var string = string
        return string.withUTF8 { bytes in
            switch self {
            case .uuid: Self.isUUID(bytes)
            case .date: Self.fullDate(bytes, from: 0) != nil && bytes.count == 10
            case .dateTime: Self.isDateTime(bytes)
            }
        }
    }

    // MARK: - uuid

    /// RFC 4122 / RFC 9562 string form: `8-4-4-4-12` hex digits. Both letter cases are valid
    /// ("case-insensitive on input"); an API that promises lowercase says so with a `pattern`.
    static func isUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    // MARK: - date and date-time (RFC 3339 section 5.6)

    /// `full-date = date-fullyear "-" date-month "-" date-mday` with a day that exists in that
    /// month (`2015-02-30` does not; `2016-02-29` does). Returns the parsed parts.
    static func fullDate(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count >= start + 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = digits(bytes, start, 4), let month = digits(bytes, start + 5, 2), let day = digits(bytes, start + 8, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `full-date "T" full-time`, where `full-time = partial-time time-offset`:
    /// `2015-02-05T08:17:01Z`, `2015-02-05t08:17:01.123+01:00`. `T` and `Z` may be lowercase
    /// (RFC 3339 section 5.6 note). Seconds may be `60` only for a leap second, which happens
    /// at 23:59:60 UTC, so the offset is taken into account.
    static func isDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard fullDate(bytes, from: 0) != nil, bytes.count >= 20, bytes[10] | 0x20 == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), let second = digits(bytes, 17, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        if bytes[index] | 0x20 == UInt8(ascii: "z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHour = digits(bytes, index + 1, 2), let offsetMinute = digits(bytes, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return false
        }
        guard index == bytes.count else { return false }
        if second == 60 {
            // Local time minus offset is UTC; a leap second is only ever 23:59:60 UTC.
            let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utcMinutes == 23 * 60 + 59
        }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The decimal value of `count` ASCII digits at `start`, or `nil` if any is not a digit.
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
        }
        return value
    }
}
