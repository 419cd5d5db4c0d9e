public import BroadsheetCore

/// One day's digest: every entry of a calendar date.
public struct DigestDay: Sendable, Hashable {
    /// The calendar date (no time).
    public let date: CalendarDate
    /// Indexes into `Archive.entries`, in the day's order (time if given, then file name).
    public let entries: [Int]
    /// The day page's address, `.day(date)`; stored, as every list of entries links to it.
    public let permalink: Permalink
}

/// One month of the archive.
public struct DigestMonth: Sendable, Hashable {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// Indexes into `Archive.days`, oldest first.
    public let days: [Int]
    /// How many entries the month holds.
    public let entryCount: Int
    /// The month page's address.
    public var permalink: Permalink { .month(year, month) }
}

/// One year of the archive.
public struct DigestYear: Sendable, Hashable {
    /// The year.
    public let year: Int
    /// Indexes into `Archive.months`, oldest first.
    public let months: [Int]
    /// How many entries the year holds.
    public let entryCount: Int
    /// The year page's address.
    public var permalink: Permalink { .year(year) }
}
