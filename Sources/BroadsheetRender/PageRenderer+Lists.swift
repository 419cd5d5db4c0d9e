import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetModel

extension PageRenderer {
    func homePage(_ number: Int) throws(RenderFailure) -> RenderedFile {
        let perPage = archive.config.homeDays
        let newestFirst = Array(archive.days.indices.reversed())
        let slice = newestFirst.dropFirst((number - 1) * perPage).prefix(perPage)
        let entries = slice.flatMap { archive.days[$0].entries.reversed() }
        let permalink = Permalink.home.page(number)
        let heading = number == 1 ? archive.config.title : "\(archive.config.title), page \(number)"
        let view = EntryListPageView(
            site: views.site, page: views.meta(title: heading, permalink: permalink), heading: heading,
            intro: number == 1 ? archive.config.description : "",
            days: views.dayList(entries: entries),
            pagination: pagination(number, count: homePageCount, base: .home, newer: "Newer digests", older: "Older digests"),
            feedURL: "")
        return try file("home", view, at: permalink)
    }

    func nameIndex(sources: Bool) throws(RenderFailure) -> RenderedFile {
        let names = sources ? archive.outlets : archive.tags
        let heading = sources ? "Sources" : "Topics"
        let intro = sources
            ? "The \(names.count) outlets the digest cites, with the number of entries citing each."
            : "All \(names.count) topics, with the number of entries on each."
        let view = LinkListPageView(
            site: views.site, page: views.meta(title: heading, permalink: sources ? .sources : .tags),
            heading: heading, intro: intro,
            links: names.map { CountedLinkView(label: $0.name, url: views.urls.link($0.permalink), count: $0.entries.count) },
            groups: [])
        return try file(sources ? "sources" : "tags", view, at: sources ? .sources : .tags)
    }

    func namePage(_ index: Int, page number: Int, sources: Bool) throws(RenderFailure) -> RenderedFile {
        let tag = sources ? archive.outlets[index] : archive.tags[index]
        let perPage = archive.config.perPage
        let entries = Array(tag.entries.dropFirst((number - 1) * perPage).prefix(perPage))
        let permalink = tag.permalink.page(number)
        let count = tag.entries.count
        let heading = sources ? "Cited: \(tag.name)" : "Topic: \(tag.name)"
        let title = number == 1 ? heading : "\(heading), page \(number)"
        let parent = sources
            ? LinkView(label: "Sources", url: views.urls.link(.sources)) : LinkView(label: "Topics", url: views.urls.link(.tags))
        let view = EntryListPageView(
            site: views.site,
            page: views.meta(
                title: title, permalink: permalink,
                description: "\(count) \(count == 1 ? "entry" : "entries") \(sources ? "citing" : "on") \(tag.name).",
                breadcrumbs: [LinkView(label: "Home", url: views.urls.link(.home)), parent], crumb: tag.name),
            heading: title,
            intro: "\(count) \(count == 1 ? "entry" : "entries"), newest first.",
            days: views.dayList(entries: entries),
            pagination: pagination(number, count: pageCount(count), base: tag.permalink, newer: "Newer entries", older: "Older entries"),
            feedURL: sources ? "" : views.urls.file(tag.permalink.encodedPath + "feed.xml"))
        return try file("list", view, at: permalink)
    }

    func notFoundPage() throws(RenderFailure) -> RenderedFile {
        let view = PlainPageView(site: views.site, page: views.meta(title: "Page not found", permalink: .home, noIndex: true))
        guard let path = SitePath("404.html") else { throw RenderFailure(message: "404.html") }
        return try file("404", view, path: path)
    }

    func pagination(_ number: Int, count: Int, base: Permalink, newer: String, older: String) -> PaginationView? {
        guard count > 1 else { return nil }
        return PaginationView(
            number: number, count: count,
            previous: number > 1 ? LinkView(label: newer, url: views.urls.link(base.page(number - 1))) : nil,
            next: number < count ? LinkView(label: older, url: views.urls.link(base.page(number + 1))) : nil)
    }
}
