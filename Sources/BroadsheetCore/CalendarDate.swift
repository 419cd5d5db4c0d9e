/// A date as the publisher wrote it: the calendar day, and the time and offset when given.
///
/// Never converted to another time zone: `2022-10-04T07:30:00+09:00` is 4 October on every machine.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The four-digit year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int
    /// The time of day as written, when the date had one.
    public let time: TimeOfDay?

    /// A time of day with the UTC offset it was written with.
    public struct TimeOfDay: Sendable, Hashable, Codable {
        /// Hour, 0–23.
        public let hour: Int
        /// Minute, 0–59.
        public let minute: Int
        /// Second, 0–60 (a leap second is accepted as written).
        public let second: Int
        /// Offset from UTC in minutes, as written (`Z` is 0).
        public let offsetMinutes: Int

        /// Creates a time of day.
        public init(hour: Int, minute: Int, second: Int, offsetMinutes: Int) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.offsetMinutes = offsetMinutes
        }

        /// Seconds since midnight, local to the written offset; orders entries within a day.
        public var secondsOfDay: Int { hour * 3600 + minute * 60 + second }

        /// `+09:00`, `-05:00` or `Z`.
        public var offsetText: String {
            if offsetMinutes == 0 { return "Z" }
            let sign = offsetMinutes < 0 ? "-" : "+"
            let minutes = abs(offsetMinutes)
            return "\(sign)\(pad(minutes / 60)):\(pad(minutes % 60))"
        }
    }

    /// Creates a date; returns nil when the day does not exist (2023-02-30).
    public init?(year: Int, month: Int, day: Int, time: TimeOfDay? = nil) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// `YYYY-MM-DD`.
    public var isoDay: String { "\(pad(year, 4))-\(pad(month))-\(pad(day))" }

    /// The date only, so days compare and hash equal whatever their time.
    public var dayOnly: CalendarDate {
        time == nil ? self : CalendarDate(uncheckedYear: year, month: month, day: day)
    }

    /// RFC 3339 with the written offset; a date without a time is midnight at `fallbackOffsetMinutes`.
    public func rfc3339(fallbackOffsetMinutes: Int) -> String {
        let time = time ?? TimeOfDay(hour: 0, minute: 0, second: 0, offsetMinutes: fallbackOffsetMinutes)
        return "\(isoDay)T\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second))\(time.offsetText)"
    }

    /// Days since 1970-01-01 of the calendar day (proleptic Gregorian), ignoring the time.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: exact for every year we accept, no Foundation calendar involved.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar day `dayNumber` days after 1970-01-01.
    public static func fromDayNumber(_ number: Int) -> CalendarDate {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return CalendarDate(uncheckedYear: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The day before or after, by `days`.
    public func adding(days: Int) -> CalendarDate { .fromDayNumber(dayNumber + days) }

    public var description: String {
        guard let time else { return isoDay }
        return "\(isoDay)T\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second))\(time.offsetText)"
    }

    // Ordered by calendar day, then by the time as written (dates without a time first).
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.orderKey < rhs.orderKey }

    /// One integer that orders dates as `<` does: equal for dates `<` cannot tell apart.
    public var orderKey: Int {
        // A day spans 100,000 keys: more than the seconds of a day with a leap second, plus one for no time.
        dayNumber * 100_000 + (time.map { $0.secondsOfDay + 1 } ?? 0)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.time = nil
    }
}

/// Zero-pads a non-negative number to `width` digits.
func pad(_ value: Int, _ width: Int = 2) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
