import BroadsheetCore
import BroadsheetModel
import BroadsheetTemplates

extension PageRenderer {
    /// The most URLs one sitemap file may list (sitemaps.org); larger sites get a sitemap index.
    static let sitemapLimit = 50_000

    /// Every indexable page with the date it last changed; print views and 404 are left out.
    func sitemapURLs() -> [(permalink: Permalink, lastmod: CalendarDate?)] {
        var urls: [(Permalink, CalendarDate?)] = []
        let latest = archive.entries.last?.date
        urls.append((.home, latest))
        for number in stride(from: 2, through: homePageCount, by: 1) { urls.append((Permalink.home.page(number), latest)) }
        urls += [(Permalink(["archive"]), latest), (.tags, latest), (.sources, latest), (.search, latest)]
        for year in archive.years {
            let last = year.months.last.flatMap { archive.months[$0].days.last }.map { archive.days[$0].date }
            urls.append((year.permalink, last))
        }
        for month in archive.months { urls.append((month.permalink, month.days.last.map { archive.days[$0].date })) }
        for day in archive.days { urls.append((day.permalink, day.date)) }
        for entry in archive.entries { urls.append((entry.permalink, entry.date)) }
        for tag in archive.tags + archive.outlets {
            let last = tag.entries.first.map { archive.entries[$0].date }
            for number in 1...pageCount(tag.entries.count) { urls.append((tag.permalink.page(number), last)) }
        }
        return urls
    }

    /// How many URLs `sitemapURLs()` lists, counted without listing them.
    func sitemapURLCount() -> Int {
        var count = homePageCount + 4 + archive.years.count + archive.months.count + archive.days.count + archive.entries.count
        for tag in archive.tags + archive.outlets { count += pageCount(tag.entries.count) }
        return count
    }

    /// How many sitemap files the URLs need beyond `sitemap.xml` itself: 0 when one file holds them all.
    func sitemapPartCount(_ urlCount: Int) -> Int {
        urlCount <= Self.sitemapLimit ? 0 : (urlCount + Self.sitemapLimit - 1) / Self.sitemapLimit
    }

    /// `sitemap.xml`: the URLs themselves, or an index of `sitemap-N.xml` files when there are too many.
    func sitemap() -> RenderedFile {
        let urls = sitemapURLs()
        let parts = sitemapPartCount(urls.count)
        guard parts > 0 else { return RenderedFile(path: SitePath("sitemap.xml")!, bytes: urlSet(urls[...])) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 1...parts {
            let slice = urls[(part - 1) * Self.sitemapLimit..<min(part * Self.sitemapLimit, urls.count)]
            xml += "<sitemap><loc>\(HTMLEscaping.escape(views.urls.absoluteFile("sitemap-\(part).xml")))</loc>"
            if let newest = slice.compactMap(\.lastmod).max() { xml += "<lastmod>\(newest.dayOnly.isoDay)</lastmod>" }
            xml += "</sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return RenderedFile(path: SitePath("sitemap.xml")!, bytes: Array(xml.utf8))
    }

    /// `sitemap-N.xml`, one slice of the URLs when the site needs a sitemap index.
    func sitemapPart(_ part: Int) -> RenderedFile {
        let urls = sitemapURLs()
        let slice = urls[min((part - 1) * Self.sitemapLimit, urls.count)..<min(part * Self.sitemapLimit, urls.count)]
        return RenderedFile(path: SitePath("sitemap-\(part).xml")!, bytes: urlSet(slice))
    }

    private func urlSet(_ urls: ArraySlice<(permalink: Permalink, lastmod: CalendarDate?)>) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (permalink, date) in urls {
            xml += "<url><loc>\(HTMLEscaping.escape(views.urls.absolute(permalink)))</loc>"
            if let date { xml += "<lastmod>\(date.dayOnly.isoDay)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return Array(xml.utf8)
    }
}
