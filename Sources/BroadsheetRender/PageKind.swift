/// Every kind of file the render stage produces; one value is one output file.
public enum PageKind: Sendable, Hashable {
    case entry(Int)
    case entryPrint(Int)
    case day(Int)
    case dayPrint(Int)
    case month(Int)
    case monthPrint(Int)
    case year(Int)
    case archive
    case home(page: Int)
    case tagIndex
    case tag(Int, page: Int)
    case tagFeed(Int)
    case sourceIndex
    case source(Int, page: Int)
    case search
    case searchIndex
    case notFound
    case feed
    case jsonFeed
    case dailyFeed
    case sitemap
    case sitemapPart(Int)
    case robots
}
