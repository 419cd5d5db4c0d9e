import BroadsheetCore

/// Dates as pages print them, in English, from the calendar date as written.
enum DateText {
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// `Tuesday 14 January 2025`.
    static func long(_ date: CalendarDate) -> String {
        "\(weekdayNames[date.weekday - 1]) \(date.day) \(CalendarDate.monthName(date.month)) \(date.year)"
    }

    /// `14 January 2025`.
    static func short(_ date: CalendarDate) -> String {
        "\(date.day) \(CalendarDate.monthName(date.month)) \(date.year)"
    }

    /// `January 2025`.
    static func month(_ year: Int, _ month: Int) -> String { "\(CalendarDate.monthName(month)) \(year)" }

    /// `07:30 (UTC+09:00)`, or "" for a date without a time.
    static func time(_ date: CalendarDate) -> String {
        guard let time = date.time else { return "" }
        let offset = time.offsetMinutes == 0 ? "UTC" : "UTC\(time.offsetText)"
        return "\(two(time.hour)):\(two(time.minute)) (\(offset))"
    }

    /// The `datetime` attribute: the day, or the date-time with its offset as written.
    static func machine(_ date: CalendarDate) -> String { date.description }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
