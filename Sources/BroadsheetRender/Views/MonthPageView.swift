import BroadsheetTemplates

/// `/YYYY/MM/`: a calendar of the month with its digest days linked, and the month's entries.
struct MonthPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let heading: String
    let weekdays: [WeekdayView]
    let weeks: [CalendarWeekView]
    let days: [DayListView]
    let entryCount: Int
    let previous: LinkView?
    let next: LinkView?

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("heading") { $0.heading },
        .list("weekdays") { $0.weekdays },
        .list("weeks") { $0.weeks },
        .list("days") { $0.days },
        .int("entryCount") { $0.entryCount },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
    ]
}

/// A column heading of the calendar: `Mon` shown, `Monday` for screen readers.
struct WeekdayView: TemplateObject {
    let short: String
    let name: String

    static let templateFields: TemplateFields<Self> = [
        .string("short") { $0.short },
        .string("name") { $0.name },
    ]
}

/// One row of the month calendar, Monday first.
struct CalendarWeekView: TemplateObject {
    let cells: [CalendarCellView]

    static let templateFields: TemplateFields<Self> = [
        .list("cells") { $0.cells }
    ]
}

/// One cell of the month calendar: blank, a day without a digest, or a linked digest day.
struct CalendarCellView: TemplateObject {
    let day: String
    let url: String
    let count: Int
    let label: String

    static let templateFields: TemplateFields<Self> = [
        .string("day") { $0.day },
        .bool("isBlank") { $0.day.isEmpty },
        .bool("hasDigest") { !$0.url.isEmpty },
        .string("url") { $0.url },
        .int("count") { $0.count },
        .string("label") { $0.label },
    ]
}

/// A day in a list, with its entries as summaries.
struct DayListView: TemplateObject {
    let dateText: String
    let dateTime: String
    let url: String
    let entries: [EntryView]

    static let templateFields: TemplateFields<Self> = [
        .string("dateText") { $0.dateText },
        .string("dateTime") { $0.dateTime },
        .string("url") { $0.url },
        .list("entries") { $0.entries },
    ]
}
