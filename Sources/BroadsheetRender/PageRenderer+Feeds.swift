import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetModel
import BroadsheetTemplates
import Foundation

extension PageRenderer {
    /// RFC 3339 with the entry's own offset; a date without a time is midnight in the site's time zone.
    func timestamp(_ date: CalendarDate) -> String {
        date.rfc3339(fallbackOffsetMinutes: offsetMinutes(on: date))
    }

    private func offsetMinutes(on date: CalendarDate) -> Int {
        guard date.time == nil, let zone = TimeZone(identifier: archive.config.timezone) else { return 0 }
        let noon = Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + 43_200))
        return zone.secondsFromGMT(for: noon) / 60
    }

    private func feedItem(_ index: Int) -> FeedItemView {
        let entry = archive.entries[index]
        let url = views.urls.absolute(entry.permalink)
        return FeedItemView(
            title: entry.title, url: url, id: url, updated: timestamp(entry.date), summary: entry.summary,
            content: relativeLinks.absolute(entry.body.html, base: views.urls.absoluteFile("")), categories: entry.tags.map { archive.tags[$0].name })
    }

    private func feed(title: String, subtitle: String, path: String, alternate: Permalink, entries: [Int]) -> FeedView {
        let items = entries.prefix(archive.config.feedEntries).map(feedItem)
        let config = archive.config
        return FeedView(
            title: title, subtitle: subtitle, id: views.urls.absoluteFile(path), selfURL: views.urls.absoluteFile(path),
            alternateURL: views.urls.absolute(alternate), updated: items.first?.updated ?? "1970-01-01T00:00:00Z",
            author: config.author.isEmpty ? config.title : config.author, language: config.language, items: items)
    }

    func siteFeed() throws(RenderFailure) -> RenderedFile {
        let view = feed(
            title: archive.config.title, subtitle: archive.config.description, path: "feed.xml", alternate: .home,
            entries: Array(archive.entries.indices.reversed()))
        return try file("atom", view, path: SitePath("feed.xml")!)
    }

    func tagFeed(_ index: Int) throws(RenderFailure) -> RenderedFile {
        let tag = archive.tags[index]
        let path = tag.permalink.encodedPath + "feed.xml"
        let view = feed(
            title: "\(archive.config.title): \(tag.name)", subtitle: "", path: path, alternate: tag.permalink,
            entries: tag.entries)
        guard let sitePath = SitePath(tag.permalink.folder + "feed.xml") else { throw RenderFailure(message: "tag feed path") }
        return try file("atom", view, path: sitePath)
    }

    /// One item per digest day, holding the whole day: for readers who follow the digest day by day.
    func dailyFeed() throws(RenderFailure) -> RenderedFile {
        let days = archive.days.indices.reversed().prefix(archive.config.feedEntries)
        let items = days.map { index in
            let day = archive.days[index]
            let url = views.urls.absolute(day.permalink)
            let titles = day.entries.map { archive.entries[$0].title }
            let content = day.entries.map { entryIndex in
                let entry = archive.entries[entryIndex]
                return "<h2><a href=\"\(HTMLEscaping.escape(views.urls.absolute(entry.permalink)))\">\(HTMLEscaping.escape(entry.title))</a></h2>\n\(relativeLinks.absolute(entry.body.html, base: views.urls.absoluteFile("")))"
            }.joined(separator: "\n")
            let last = day.entries.map { archive.entries[$0].date }.max() ?? day.date
            return FeedItemView(
                title: "Digest for \(DateText.long(day.date))", url: url, id: url, updated: timestamp(last),
                summary: titles.joined(separator: " · "), content: content, categories: [])
        }
        let config = archive.config
        let view = FeedView(
            title: "\(config.title), a day at a time", subtitle: config.description, id: views.urls.absoluteFile("daily.xml"),
            selfURL: views.urls.absoluteFile("daily.xml"), alternateURL: views.urls.absolute(.home),
            updated: items.first?.updated ?? "1970-01-01T00:00:00Z", author: config.author.isEmpty ? config.title : config.author,
            language: config.language, items: Array(items))
        return try file("atom", view, path: SitePath("daily.xml")!)
    }

    /// JSON Feed 1.1 of the latest entries.
    func jsonFeed() -> RenderedFile {
        let config = archive.config
        var json = JSONText()
        json.raw("{")
        json.field("version", "https://jsonfeed.org/version/1.1")
        json.field("title", config.title)
        json.field("home_page_url", views.urls.absolute(.home))
        json.field("feed_url", views.urls.absoluteFile("feed.json"))
        if !config.description.isEmpty { json.field("description", config.description) }
        json.field("language", config.language)
        json.raw("\"authors\":[{")
        json.field("name", config.author.isEmpty ? config.title : config.author, last: true)
        json.raw("}],\"items\":[")
        for (position, index) in archive.entries.indices.reversed().prefix(config.feedEntries).enumerated() {
            let entry = archive.entries[index]
            let url = views.urls.absolute(entry.permalink)
            if position > 0 { json.raw(",") }
            json.raw("{")
            json.field("id", url)
            json.field("url", url)
            json.field("title", entry.title)
            json.field("summary", entry.summary)
            json.field("content_html", relativeLinks.absolute(entry.body.html, base: views.urls.absoluteFile("")))
            json.field("date_published", timestamp(entry.date))
            json.raw("\"tags\":[")
            json.raw(entry.tags.map { tagIndex in
                var tag = JSONText()
                tag.string(archive.tags[tagIndex].name)
                return String(decoding: tag.bytes, as: UTF8.self)
            }.joined(separator: ","))
            json.raw("]}")
        }
        json.raw("]}\n")
        return RenderedFile(path: SitePath("feed.json")!, bytes: json.bytes)
    }

    func robots() -> RenderedFile {
        let text = "User-agent: *\nAllow: /\n\nSitemap: \(views.urls.absoluteFile("sitemap.xml"))\n"
        return RenderedFile(path: SitePath("robots.txt")!, bytes: Array(text.utf8))
    }
}
