public import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
public import BroadsheetModel
import BroadsheetTemplates

/// Stage 3: renders every page of an archive through the theme, one file at a time.
///
/// Pages are listed first and rendered on demand, so the build can render and write in bounded parallel
/// batches instead of holding a 100,000-entry site in memory.
public struct PageRenderer: Sendable {
    let archive: Archive
    let templates: TemplateSet
    var views: ViewFactory
    let relativeLinks: RelativeLinks

    /// Creates a renderer for an archive with a loaded theme.
    public init(archive: Archive, library: TemplateLibrary) {
        self.archive = archive
        templates = library.templates
        views = ViewFactory(archive: archive)
        relativeLinks = RelativeLinks(basePath: archive.config.basePath)
    }

    /// This renderer, with every entry's view made up front (on `jobs` threads) when `pageCount` pages
    /// are about to be rendered, as many as half the entries or more. A cold build shows each entry on about
    /// ten pages (its own, its day, its month's print edition, its tags' and sources' lists, each with a
    /// print view), and making its view afresh for each was a twentieth of the build; a rebuild of a few
    /// pages makes only the views it needs.
    public func preparing(pageCount: Int, jobs: Int) async -> PageRenderer {
        guard !archive.entries.isEmpty, pageCount * 2 >= archive.entries.count else { return self }
        var prepared = self
        let views = self.views
        prepared.views.cards = await ParallelMap.map(Array(archive.entries.indices), jobs: jobs) {
            views.makeEntry($0, full: false)
        }
        return prepared
    }

    /// Every file the site consists of, in a stable order.
    public var pages: [PageKind] {
        var pages: [PageKind] = [.home(page: 1), .archive, .tagIndex, .sourceIndex, .search, .searchIndex, .notFound,
                                 .feed, .jsonFeed, .dailyFeed, .sitemap, .robots]
        pages += (1..<max(1, homePageCount)).map { .home(page: $0 + 1) }
        let sitemapParts = sitemapPartCount(sitemapURLCount())
        if sitemapParts > 0 { pages += (1...sitemapParts).map { .sitemapPart($0) } }
        for index in archive.entries.indices { pages += [.entry(index), .entryPrint(index)] }
        for index in archive.days.indices { pages += [.day(index), .dayPrint(index)] }
        for index in archive.months.indices { pages += [.month(index), .monthPrint(index)] }
        pages += archive.years.indices.map { .year($0) }
        for (index, tag) in archive.tags.enumerated() {
            pages += (1...pageCount(tag.entries.count)).map { .tag(index, page: $0) }
            pages.append(.tagFeed(index))
        }
        for (index, outlet) in archive.outlets.enumerated() {
            pages += (1...pageCount(outlet.entries.count)).map { .source(index, page: $0) }
        }
        return pages
    }

    /// A hash of `pages` (the list `pages` returns) and the site paths of the assets: equal hashes (for archives with the same entries, days, tags and outlets) mean
    /// the same files at the same paths.
    public func pageListHash(_ pages: [PageKind], assets: [String]) -> UInt64 {
        var hash = ContentHash()
        for path in assets { hash.add(path) }
        hash.add(pages.count)
        for page in pages {
            let parts: [Int]
            switch page {
            case .home(let number): parts = [1, number]
            case .sitemapPart(let part): parts = [2, part]
            case .tag(let tag, let number): parts = [3, tag, number]
            case .source(let outlet, let number): parts = [4, outlet, number]
            default: continue
            }
            for part in parts { hash.add(part) }
        }
        return hash.value
    }

    /// Renders one file.
    public func render(_ page: PageKind) throws(RenderFailure) -> RenderedFile {
        switch page {
        case .entry(let index): return try entryPage(index, print: false)
        case .entryPrint(let index): return try entryPage(index, print: true)
        case .day(let index): return try dayPage(index, print: false)
        case .dayPrint(let index): return try dayPage(index, print: true)
        case .month(let index): return try monthPage(index)
        case .monthPrint(let index): return try monthPrint(index)
        case .year(let index): return try yearPage(index)
        case .archive: return try archivePage()
        case .home(let number): return try homePage(number)
        case .tagIndex: return try nameIndex(sources: false)
        case .sourceIndex: return try nameIndex(sources: true)
        case .tag(let index, let number): return try namePage(index, page: number, sources: false)
        case .source(let index, let number): return try namePage(index, page: number, sources: true)
        case .tagFeed(let index): return try tagFeed(index)
        case .search: return try searchPage()
        case .searchIndex: return searchIndex()
        case .notFound: return try notFoundPage()
        case .feed: return try siteFeed()
        case .jsonFeed: return jsonFeed()
        case .dailyFeed: return try dailyFeed()
        case .sitemap: return sitemap()
        case .sitemapPart(let part): return sitemapPart(part)
        case .robots: return robots()
        }
    }

    // MARK: - Helpers

    var homePageCount: Int { (archive.days.count + archive.config.homeDays - 1) / archive.config.homeDays }

    func pageCount(_ items: Int) -> Int { max(1, (items + archive.config.perPage - 1) / archive.config.perPage) }

    func file<View: TemplateObject>(_ template: String, _ view: View, at permalink: Permalink) throws(RenderFailure) -> RenderedFile {
        guard let path = permalink.file else { throw RenderFailure(message: "no safe file path for \(permalink)") }
        return try file(template, view, path: path)
    }

    func file<View: TemplateObject>(_ template: String, _ view: View, path: SitePath) throws(RenderFailure) -> RenderedFile {
        do {
            let bytes = try templates.render(template, view)
            // 404.html is served at any address, so its links stay root-relative.
            guard path.value.hasSuffix(".html"), path.value != "404.html" else { return RenderedFile(path: path, bytes: bytes) }
            let depth = path.value.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
            return RenderedFile(path: path, bytes: relativeLinks.rewrite(bytes, depth: depth))
        } catch {
            throw RenderFailure(message: "\(error.message) while rendering \(path)")
        }
    }
}

/// A page that could not be rendered; strict template checking makes this a bug, not a user error.
public struct RenderFailure: Error, Sendable {
    /// What went wrong.
    public let message: String
}
