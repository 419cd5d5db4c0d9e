public import BroadsheetCore
import BroadsheetContent
import BroadsheetModel

extension PageRenderer {
    /// The file `render(page)` writes, known without rendering; nil only where rendering would fail too.
    public func path(of page: PageKind) -> SitePath? {
        switch page {
        case .entry(let index): return archive.entries[index].permalink.file
        case .entryPrint(let index): return archive.entries[index].permalink.print.file
        case .day(let index): return archive.days[index].permalink.file
        case .dayPrint(let index): return archive.days[index].permalink.print.file
        case .month(let index): return archive.months[index].permalink.file
        case .monthPrint(let index): return archive.months[index].permalink.print.file
        case .year(let index): return archive.years[index].permalink.file
        case .archive: return Permalink(["archive"]).file
        case .home(let number): return Permalink.home.page(number).file
        case .tagIndex: return Permalink.tags.file
        case .sourceIndex: return Permalink.sources.file
        case .tag(let index, let number): return archive.tags[index].permalink.page(number).file
        case .source(let index, let number): return archive.outlets[index].permalink.page(number).file
        case .tagFeed(let index): return SitePath(archive.tags[index].permalink.folder + "feed.xml")
        case .search: return Permalink.search.file
        case .searchIndex: return SitePath("search-index.json")
        case .notFound: return SitePath("404.html")
        case .feed: return SitePath("feed.xml")
        case .jsonFeed: return SitePath("feed.json")
        case .dailyFeed: return SitePath("daily.xml")
        case .sitemap: return SitePath("sitemap.xml")
        case .sitemapPart(let part): return SitePath("sitemap-\(part).xml")
        case .robots: return SitePath("robots.txt")
        }
    }

    /// The template a page is rendered with; nil for files built without one.
    public static func template(of page: PageKind) -> String? {
        switch page {
        case .entry: "entry"
        case .entryPrint: "entry-print"
        case .day: "day"
        case .dayPrint: "day-print"
        case .month: "month"
        case .monthPrint: "month-print"
        case .year: "year"
        case .archive: "archive"
        case .home: "home"
        case .tagIndex: "tags"
        case .sourceIndex: "sources"
        case .tag, .source: "list"
        case .tagFeed, .feed, .dailyFeed: "atom"
        case .search: "search"
        case .notFound: "404"
        case .searchIndex, .jsonFeed, .sitemap, .sitemapPart, .robots: nil
        }
    }

    /// `path(of:)` as text, built without checking the path: for looking a page up among files already
    /// written (whose paths were checked then), many thousand times faster to get.
    public func pathText(of page: PageKind) -> String {
        switch page {
        case .entry(let index): return archive.entries[index].permalink.filePath
        case .entryPrint(let index): return archive.entries[index].permalink.print.filePath
        case .day(let index): return archive.days[index].permalink.filePath
        case .dayPrint(let index): return archive.days[index].permalink.print.filePath
        case .month(let index): return archive.months[index].permalink.filePath
        case .monthPrint(let index): return archive.months[index].permalink.print.filePath
        default: return path(of: page)?.value ?? ""
        }
    }

    /// The pages that show the bodies of the entries at `changed` (archive indexes), for edits that keep
    /// everything else a page can show of an entry (title, summary, date, slug, tags and sources): the
    /// entry and its print view, its day and its print view, its month's print edition, and the feeds
    /// that carry it.
    public func pages(showingBodiesOf changed: [Int]) -> Set<PageKind> {
        var pages: Set<PageKind> = []
        let feedEntries = archive.config.feedEntries
        for index in changed {
            let day = archive.dayOfEntry[index]
            pages.formUnion([.entry(index), .entryPrint(index), .day(day), .dayPrint(day)])
            if let month = archive.months.firstIndex(where: { $0.days.contains(day) }) { pages.insert(.monthPrint(month)) }
            if index >= archive.entries.count - feedEntries { pages.formUnion([.feed, .jsonFeed]) }
            if day >= archive.days.count - feedEntries { pages.insert(.dailyFeed) }
            for tag in archive.entries[index].tags where archive.tags[tag].entries.prefix(feedEntries).contains(index) {
                pages.insert(.tagFeed(tag))
            }
        }
        return pages
    }

    /// The pages an edit of the entries at `changed` (archive indexes) can affect, when the archive's
    /// entries keep their files, dates and slugs and its tag and outlet lists stay the same. `oldTags` and
    /// `oldOutlets` give, for every entry, its tag and outlet indexes in the build being updated.
    ///
    /// The entry and its print view; its neighbours in the archive and within each of its old and new
    /// tags (their pages show its title); its day, month and year pages and print views, the archive page
    /// and the home page that lists its day; every page and feed of a tag or outlet it joined or left, and
    /// the page listing it of one it kept; the tag and source indexes, the site feeds, the search index,
    /// and the sitemap when a tag's or outlet's membership changed.
    public func pages(affectedBy changed: [Int], oldTags: [[Int]], oldOutlets: [[Int]]) -> Set<PageKind> {
        guard !changed.isEmpty else { return [] }
        var pages: Set<PageKind> = [.archive, .tagIndex, .sourceIndex, .feed, .jsonFeed, .dailyFeed, .searchIndex]
        let changedSet = Set(changed)
        var touchedTags = Set<Int>()
        var membershipChanged = false
        for index in changed {
            let entry = archive.entries[index]
            for neighbour in [index - 1, index, index + 1] where archive.entries.indices.contains(neighbour) {
                pages.formUnion([.entry(neighbour), .entryPrint(neighbour)])
            }
            let day = archive.dayOfEntry[index]
            pages.formUnion([.day(day), .dayPrint(day)])
            if let month = archive.months.firstIndex(where: { $0.days.contains(day) }) {
                pages.formUnion([.month(month), .monthPrint(month)])
                if let year = archive.years.firstIndex(where: { $0.months.contains(month) }) { pages.insert(.year(year)) }
            }
            pages.insert(.home(page: (archive.days.count - 1 - day) / archive.config.homeDays + 1))
            let old = Set(oldTags[index])
            let new = Set(entry.tags)
            touchedTags.formUnion(old.union(new))
            for tag in old.symmetricDifference(new) {
                membershipChanged = true
                pages.formUnion((1...pageCount(archive.tags[tag].entries.count + 1)).map { .tag(tag, page: $0) })
            }
            for tag in old.intersection(new) {
                if let position = archive.tags[tag].entries.firstIndex(of: index) {
                    pages.insert(.tag(tag, page: position / archive.config.perPage + 1))
                }
            }
            let oldOutlet = Set(oldOutlets[index])
            let newOutlet = Set(entry.outlets)
            for outlet in oldOutlet.symmetricDifference(newOutlet) {
                membershipChanged = true
                pages.formUnion((1...pageCount(archive.outlets[outlet].entries.count + 1)).map { .source(outlet, page: $0) })
            }
            for outlet in oldOutlet.intersection(newOutlet) {
                if let position = archive.outlets[outlet].entries.firstIndex(of: index) {
                    pages.insert(.source(outlet, page: position / archive.config.perPage + 1))
                }
            }
        }
        if membershipChanged {
            pages.insert(.sitemap)
            let parts = sitemapPartCount(sitemapURLCount())
            if parts > 0 { pages.formUnion((1...parts).map { .sitemapPart($0) }) }
        }
        // Within each touched tag, the entries next to a changed one before or after the edit show its title.
        var oldMembers: [Int: [Int]] = [:]
        for (index, tags) in oldTags.enumerated() {
            for tag in tags where touchedTags.contains(tag) { oldMembers[tag, default: []].append(index) }
        }
        for tag in touchedTags {
            pages.insert(.tagFeed(tag))
            let new = archive.tags[tag].entries.reversed()  // oldest first, as `oldMembers`
            for members in [Array(new), oldMembers[tag] ?? []] {
                for (position, member) in members.enumerated() where changedSet.contains(member) {
                    for neighbour in [position - 1, position + 1] where members.indices.contains(neighbour) {
                        pages.formUnion([.entry(members[neighbour]), .entryPrint(members[neighbour])])
                    }
                }
            }
        }
        // A page number past a shrunken list no longer exists: keep only pages the site has.
        return pages.filter { page in
            switch page {
            case .tag(let tag, let number): return number <= pageCount(archive.tags[tag].entries.count)
            case .source(let outlet, let number): return number <= pageCount(archive.outlets[outlet].entries.count)
            default: return true
            }
        }
    }
}
