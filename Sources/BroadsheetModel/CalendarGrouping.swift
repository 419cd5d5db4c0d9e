import BroadsheetContent
import BroadsheetCore

/// Groups ordered entries into days, months and years, and gives each entry its page's address.
struct CalendarGrouping: Sendable {
    var days: [DigestDay] = []
    var months: [DigestMonth] = []
    var years: [DigestYear] = []
    var dayOfEntry: [Int] = []
    /// Each entry's permalink, in its day's folder.
    var permalinks: [Permalink] = []

    /// Groups `entries`, in archive order.
    init(entries: [EntrySource]) {
        permalinks.reserveCapacity(entries.count)
        dayOfEntry.reserveCapacity(entries.count)
        var current: (date: CalendarDate, entries: [Int], permalink: Permalink)?
        for (index, entry) in entries.enumerated() {
            let day = entry.date.dayOnly
            if let open = current, open.date == day {
                current?.entries.append(index)
            } else {
                if let open = current { days.append(DigestDay(date: open.date, entries: open.entries, permalink: open.permalink)) }
                current = (day, [index], .day(day))
            }
            // The entries of a day share the strings of its folder's permalink.
            permalinks.append(.entry(in: current!.permalink, entry.slug))
            dayOfEntry.append(days.count)
        }
        if let open = current { days.append(DigestDay(date: open.date, entries: open.entries, permalink: open.permalink)) }

        for (index, day) in days.enumerated() {
            if let last = months.last, last.year == day.date.year, last.month == day.date.month {
                months[months.count - 1] = DigestMonth(
                    year: last.year, month: last.month, days: last.days + [index],
                    entryCount: last.entryCount + day.entries.count)
            } else {
                months.append(DigestMonth(year: day.date.year, month: day.date.month, days: [index], entryCount: day.entries.count))
            }
        }
        for (index, month) in months.enumerated() {
            if let last = years.last, last.year == month.year {
                years[years.count - 1] = DigestYear(
                    year: last.year, months: last.months + [index], entryCount: last.entryCount + month.entryCount)
            } else {
                years.append(DigestYear(year: month.year, months: [index], entryCount: month.entryCount))
            }
        }
    }
}
