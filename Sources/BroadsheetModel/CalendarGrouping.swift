import BroadsheetCore

/// Groups ordered entries into days, months and years.
struct CalendarGrouping {
    var days: [DigestDay] = []
    var months: [DigestMonth] = []
    var years: [DigestYear] = []
    var dayOfEntry: [Int] = []

    init(entries: [Entry]) {
        var current: (date: CalendarDate, entries: [Int], permalink: Permalink)?
        for entry in entries {
            let day = entry.date.dayOnly
            if let open = current, open.date == day {
                current?.entries.append(entry.index)
            } else {
                if let open = current { days.append(DigestDay(date: open.date, entries: open.entries, permalink: open.permalink)) }
                // An entry's page is in its day's folder.
                current = (day, [entry.index], entry.permalink.folderPage)
            }
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
