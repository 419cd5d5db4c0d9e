import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetModel

extension PageRenderer {
    /// Every indexable page with the date it last changed; print views and 404 are left out.
    func sitemap() -> RenderedFile {
        var urls: [(Permalink, CalendarDate?)] = []
        let latest = archive.entries.last?.date
        urls.append((.home, latest))
        for number in stride(from: 2, through: homePageCount, by: 1) { urls.append((Permalink.home.page(number), latest)) }
        urls += [(Permalink(["archive"]), latest), (.tags, latest), (.sources, latest), (.search, latest)]
        for year in archive.years {
            let last = archive.months[year.months.last!].days.last.map { archive.days[$0].date }
            urls.append((year.permalink, last))
        }
        for month in archive.months { urls.append((month.permalink, month.days.last.map { archive.days[$0].date })) }
        for day in archive.days { urls.append((day.permalink, day.date)) }
        for entry in archive.entries { urls.append((entry.permalink, entry.date)) }
        for tag in archive.tags + archive.outlets {
            let last = tag.entries.first.map { archive.entries[$0].date }
            for number in 1...pageCount(tag.entries.count) { urls.append((tag.permalink.page(number), last)) }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (permalink, date) in urls {
            xml += "<url><loc>\(HTMLText.escape(views.urls.absolute(permalink)))</loc>"
            if let date { xml += "<lastmod>\(date.dayOnly.isoDay)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return RenderedFile(path: SitePath("sitemap.xml")!, bytes: Array(xml.utf8))
    }
}
