import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetCore
import BroadsheetModel

/// Builds the view values templates render from the archive: URLs computed, dates formatted, lists sorted.
struct ViewFactory: Sendable {
    let archive: Archive
    let urls: SiteURLs
    let site: SiteView
    /// A link to each tag and each source, by index. Every entry view lists its own, on every page that
    /// shows the entry; copying the `Tag` and joining its URL each time cost more than the rest of the view.
    let tagLinks: [LinkView]
    let outletLinks: [LinkView]
    /// Each entry's view without its body, by index, when the build renders most pages (see
    /// `PageRenderer.preparing(pageCount:jobs:)`); nil makes views as pages ask for them.
    var cards: [EntryView]?

    init(archive: Archive) {
        self.archive = archive
        let urls = SiteURLs(config: archive.config)
        self.urls = urls
        tagLinks = archive.tags.map { LinkView(label: $0.name, url: urls.link($0.permalink)) }
        outletLinks = archive.outlets.map { LinkView(label: $0.name, url: urls.link($0.permalink)) }
        let config = archive.config
        let featured = config.featuredTags.compactMap { name -> LinkView? in
            guard let tag = archive.tags.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
            return LinkView(label: tag.name, url: urls.link(tag.permalink))
        }
        site = SiteView(
            title: config.title, description: config.description, language: config.language,
            homeURL: urls.link(.home), archiveURL: urls.link(Permalink(["archive"])), tagsURL: urls.link(.tags),
            sourcesURL: urls.link(.sources), searchURL: urls.link(.search),
            styleURL: urls.file("assets/style.css"), printStyleURL: urls.file("assets/print.css"),
            searchScriptURL: urls.file("assets/search.js"),
            feedURL: urls.file("feed.xml"), jsonFeedURL: urls.file("feed.json"), dailyFeedURL: urls.file("daily.xml"),
            featuredTags: featured)
    }

    // MARK: - Entries

    /// An entry as pages show it; `full` includes the body.
    func entry(_ index: Int, full: Bool) -> EntryView {
        guard let cards else { return makeEntry(index, full: full) }
        guard full else { return cards[index] }
        var view = cards[index]
        view.body = archive.entries[index].body.html
        return view
    }

    /// Builds an entry's view.
    func makeEntry(_ index: Int, full: Bool) -> EntryView {
        let entry = archive.entries[index]
        let date = entry.date
        let day = date.day
        return EntryView(
            title: entry.title, url: urls.link(entry.permalink), printURL: urls.link(entry.permalink.print),
            anchor: "entry-\(day < 10 ? "0" : "")\(day)-\(entry.slug.value)",
            dateText: DateText.long(date), dateTime: DateText.machine(date), timeText: DateText.time(date),
            dayURL: urls.link(archive.days[archive.dayOfEntry[index]].permalink), summary: entry.summary, body: full ? entry.body.html : "",
            tags: entry.tags.map { tagLinks[$0] },
            sources: entry.outlets.map { outletLinks[$0] })
    }

    func entryLink(_ index: Int) -> LinkView {
        let entry = archive.entries[index]
        return LinkView(label: entry.title, url: urls.link(entry.permalink))
    }

    func dayLink(_ index: Int) -> LinkView {
        let day = archive.days[index]
        return LinkView(label: DateText.long(day.date), url: urls.link(day.permalink))
    }

    /// Days of the given entries, newest day first, each listing its entries in the day's order.
    func dayList(entries: [Int]) -> [DayListView] {
        var groups: [(day: Int, entries: [Int])] = []
        for index in entries {
            let day = archive.dayOfEntry[index]
            if let last = groups.last, last.day == day {
                groups[groups.count - 1].entries.append(index)
            } else {
                groups.append((day, [index]))
            }
        }
        return groups.map { group in
            let day = archive.days[group.day]
            return DayListView(
                dateText: DateText.long(day.date), dateTime: day.date.isoDay, url: urls.link(day.permalink),
                entries: group.entries.sorted().map { entry($0, full: false) })
        }
    }

    // MARK: - Page chrome

    func meta(
        title: String, permalink: Permalink, description: String = "", print: Permalink? = nil, noIndex: Bool = false,
        kind: String = "website", breadcrumbs: [LinkView] = [], crumb: String = ""
    ) -> PageMeta {
        let fullTitle = permalink == .home ? title : "\(title) – \(archive.config.title)"
        return PageMeta(
            title: fullTitle, canonicalURL: urls.absolute(permalink),
            description: description.isEmpty ? archive.config.description : description,
            printURL: print.map(urls.link), noIndex: noIndex, kind: kind, breadcrumbs: breadcrumbs,
            crumb: crumb.isEmpty ? title : crumb)
    }

    /// Year › month › day links down to (not including) the page itself.
    func breadcrumbs(year: Int, month: Int? = nil, day: CalendarDate? = nil) -> [LinkView] {
        var links = [LinkView(label: "Home", url: urls.link(.home)), LinkView(label: String(year), url: urls.link(.year(year)))]
        if let month { links.append(LinkView(label: CalendarDate.monthName(month), url: urls.link(.month(year, month)))) }
        if let day { links.append(LinkView(label: DateText.short(day), url: urls.link(.day(day)))) }
        return links
    }
}
