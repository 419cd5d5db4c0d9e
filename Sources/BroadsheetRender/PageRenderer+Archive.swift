import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetModel

extension PageRenderer {
    func entryPage(_ index: Int, print: Bool) throws(RenderFailure) -> RenderedFile {
        let entry = archive.entries[index]
        let previous = index > 0 ? views.entryLink(index - 1) : nil
        let next = index + 1 < archive.entries.count ? views.entryLink(index + 1) : nil
        let meta = views.meta(
            title: entry.title, permalink: entry.permalink, description: entry.summary, print: entry.permalink.print,
            noIndex: print, kind: "article",
            breadcrumbs: views.breadcrumbs(year: entry.date.year, month: entry.date.month, day: entry.date.dayOnly),
            crumb: entry.title)
        let view = EntryPageView(
            site: views.site, page: meta, entry: views.entry(index, full: true),
            previous: previous.map { LinkView(label: "Previous: \($0.label)", url: $0.url) },
            next: next.map { LinkView(label: "Next: \($0.label)", url: $0.url) },
            topics: entry.tags.map { topicNeighbours(of: index, inTag: $0) })
        return try file(print ? "entry-print" : "entry", view, at: print ? entry.permalink.print : entry.permalink)
    }

    /// The entries just older and newer than `index` on one topic.
    private func topicNeighbours(of index: Int, inTag tag: Int) -> TopicNeighboursView {
        let entries = archive.tags[tag].entries
        // A tag lists its entries newest first, so entry indexes descend: binary search for the position.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle] > index { low = middle + 1 } else { high = middle }
        }
        let older = low + 1 < entries.count ? views.entryLink(entries[low + 1]) : nil
        let newer = low > 0 ? views.entryLink(entries[low - 1]) : nil
        return TopicNeighboursView(topic: views.tagLinks[tag], previous: older, next: newer)
    }

    func dayPage(_ index: Int, print: Bool) throws(RenderFailure) -> RenderedFile {
        let day = archive.days[index]
        let meta = views.meta(
            title: "Digest for \(DateText.long(day.date))", permalink: day.permalink,
            description: day.entries.prefix(3).map { archive.entries[$0].title }.joined(separator: " · "),
            print: day.permalink.print, noIndex: print,
            breadcrumbs: views.breadcrumbs(year: day.date.year, month: day.date.month), crumb: DateText.short(day.date))
        let view = DayPageView(
            site: views.site, page: meta, dateText: DateText.long(day.date), dateTime: day.date.isoDay,
            entries: day.entries.map { views.entry($0, full: true) },
            previous: index > 0 ? views.dayLink(index - 1) : nil,
            next: index + 1 < archive.days.count ? views.dayLink(index + 1) : nil)
        return try file(print ? "day-print" : "day", view, at: print ? day.permalink.print : day.permalink)
    }

    func monthPage(_ index: Int) throws(RenderFailure) -> RenderedFile {
        let month = archive.months[index]
        let heading = DateText.month(month.year, month.month)
        let entries = month.days.flatMap { archive.days[$0].entries }.reversed()
        let link = { (other: DigestMonth) in LinkView(label: DateText.month(other.year, other.month), url: views.urls.link(other.permalink)) }
        let view = MonthPageView(
            site: views.site, page: views.meta(title: heading, permalink: month.permalink, print: month.permalink.print,
                                               breadcrumbs: views.breadcrumbs(year: month.year),
                                               crumb: CalendarDate.monthName(month.month)),
            heading: heading,
            weekdays: DateText.weekdayNames.map { WeekdayView(short: String($0.prefix(3)), name: $0) },
            weeks: calendar(month), days: views.dayList(entries: Array(entries)), entryCount: month.entryCount,
            previous: index > 0 ? link(archive.months[index - 1]) : nil,
            next: index + 1 < archive.months.count ? link(archive.months[index + 1]) : nil)
        return try file("month", view, at: month.permalink)
    }

    /// The month as weeks of seven cells, Monday first, blank cells outside the month.
    private func calendar(_ month: DigestMonth) -> [CalendarWeekView] {
        guard let first = CalendarDate(year: month.year, month: month.month, day: 1) else { return [] }
        var digestDays: [Int: DigestDay] = [:]
        for index in month.days { digestDays[archive.days[index].date.day] = archive.days[index] }
        var cells = Array(repeating: CalendarCellView(day: "", url: "", count: 0, label: ""), count: first.weekday - 1)
        for day in 1...CalendarDate.daysIn(month: month.month, year: month.year) {
            if let digest = digestDays[day] {
                let count = digest.entries.count
                cells.append(CalendarCellView(
                    day: String(day), url: views.urls.link(digest.permalink), count: count,
                    label: "\(DateText.long(digest.date)): \(count) \(count == 1 ? "entry" : "entries")"))
            } else {
                cells.append(CalendarCellView(day: String(day), url: "", count: 0, label: ""))
            }
        }
        while cells.count % 7 != 0 { cells.append(CalendarCellView(day: "", url: "", count: 0, label: "")) }
        return stride(from: 0, to: cells.count, by: 7).map { CalendarWeekView(cells: Array(cells[$0..<$0 + 7])) }
    }

    func monthPrint(_ index: Int) throws(RenderFailure) -> RenderedFile {
        let month = archive.months[index]
        let heading = DateText.month(month.year, month.month)
        let days = month.days.map { dayIndex in
            let day = archive.days[dayIndex]
            return EditionDayView(
                dateText: DateText.long(day.date), anchor: "day-\(day.date.isoDay)",
                entries: day.entries.map { views.entry($0, full: true) })
        }
        let view = PrintEditionView(
            site: views.site, page: views.meta(title: "\(heading), print edition", permalink: month.permalink, noIndex: true),
            heading: heading, days: days)
        return try file("month-print", view, at: month.permalink.print)
    }

    func yearPage(_ index: Int) throws(RenderFailure) -> RenderedFile {
        let year = archive.years[index]
        let links = year.months.map { monthIndex in
            let month = archive.months[monthIndex]
            return CountedLinkView(
                label: DateText.month(month.year, month.month), url: views.urls.link(month.permalink), count: month.entryCount)
        }
        let view = LinkListPageView(
            site: views.site,
            page: views.meta(title: String(year.year), permalink: year.permalink,
                             breadcrumbs: [LinkView(label: "Home", url: views.urls.link(.home))]),
            heading: String(year.year), intro: "\(year.entryCount) entries in \(year.months.count) months.",
            links: links, groups: [])
        return try file("year", view, at: year.permalink)
    }

    func archivePage() throws(RenderFailure) -> RenderedFile {
        let groups = archive.years.reversed().map { year in
            LinkGroupView(
                heading: String(year.year), url: views.urls.link(year.permalink), count: year.entryCount,
                links: year.months.map { monthIndex in
                    let month = archive.months[monthIndex]
                    return CountedLinkView(
                        label: CalendarDate.monthName(month.month), url: views.urls.link(month.permalink),
                        count: month.entryCount)
                })
        }
        let view = LinkListPageView(
            site: views.site, page: views.meta(title: "Archive", permalink: Permalink(["archive"])),
            heading: "Archive", intro: "\(archive.entries.count) entries on \(archive.days.count) days.",
            links: [], groups: groups)
        return try file("archive", view, at: Permalink(["archive"]))
    }
}
