extension CalendarDate {
    /// Why a date string was not accepted.
    public enum ParseError: Error, Sendable, Equatable {
        /// The text is not `YYYY-MM-DD` or an ISO 8601 date-time with an offset.
        case unknownFormat
        /// The text has the right shape but names a day or time that does not exist.
        case impossible(String)
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)` (a space may stand for `T`).
    public static func parse(_ text: String) -> Result<CalendarDate, ParseError> {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2)
        else { return .failure(.unknownFormat) }
        guard (1...12).contains(month) else { return .failure(.impossible("there is no month \(month)")) }
        guard day >= 1, day <= daysIn(month: month, year: year) else {
            return .failure(.impossible("\(monthName(month)) \(year) has \(daysIn(month: month, year: year)) days"))
        }
        if reader.atEnd {
            return CalendarDate(year: year, month: month, day: day).map { .success($0) } ?? .failure(.unknownFormat)
        }
        guard reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2)
        else { return .failure(.unknownFormat) }
        var second = 0
        if reader.skip(":") {
            guard let value = reader.number(2) else { return .failure(.unknownFormat) }
            second = value
            if reader.skip(".") || reader.skip(",") {
                guard reader.skipDigits() else { return .failure(.unknownFormat) }
            }
        }
        let offset: Int
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else if let sign = reader.sign(), let hours = reader.number(2) {
            _ = reader.skip(":")
            guard let minutes = reader.number(2), hours <= 23, minutes <= 59 else {
                return .failure(.impossible("the UTC offset is out of range"))
            }
            offset = sign * (hours * 60 + minutes)
        } else {
            return .failure(.unknownFormat)
        }
        guard reader.atEnd else { return .failure(.unknownFormat) }
        guard hour <= 23, minute <= 59, second <= 60 else {
            return .failure(.impossible("\(pad(hour)):\(pad(minute)):\(pad(second)) is not a time of day"))
        }
        let time = TimeOfDay(hour: hour, minute: minute, second: second, offsetMinutes: offset)
        return CalendarDate(year: year, month: month, day: day, time: time).map { .success($0) }
            ?? .failure(.unknownFormat)
    }

    /// The English name of a month, 1–12.
    public static func monthName(_ month: Int) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ]
        return (1...12).contains(month) ? names[month - 1] : "month \(month)"
    }
}

/// Reads fixed-width digit groups from ASCII bytes.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += width
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index > start
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
