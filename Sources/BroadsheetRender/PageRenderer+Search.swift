import BroadsheetCore
import BroadsheetContent
import BroadsheetMarkdown
import BroadsheetModel

extension PageRenderer {
    func searchPage() throws(RenderFailure) -> RenderedFile {
        let view = SearchPageView(
            site: views.site, page: views.meta(title: "Search", permalink: .search),
            indexURL: views.urls.file("search-index.json"),
            tags: archive.tags.map { LinkView(label: $0.name, url: $0.slug.value) },
            firstDate: archive.entries.first?.date.isoDay ?? "", lastDate: archive.entries.last?.date.isoDay ?? "")
        return try file("search", view, at: .search)
    }

    /// The search index: names once, entries as compact rows that point at them.
    ///
    /// `{"tags":[…],"sources":[…],"entries":[[title, path, yyyymmdd, [tags], [sources], summary], …]}`,
    /// newest first, paths relative to the site root.
    func searchIndex() -> RenderedFile {
        var json = JSONText()
        json.raw("{\"tags\":[")
        for (position, tag) in archive.tags.enumerated() {
            if position > 0 { json.raw(",") }
            json.string(tag.name)
        }
        json.raw("],\"sources\":[")
        for (position, outlet) in archive.outlets.enumerated() {
            if position > 0 { json.raw(",") }
            json.string(outlet.name)
        }
        json.raw("],\"entries\":[")
        for (position, index) in archive.entries.indices.reversed().enumerated() {
            let entry = archive.entries[index]
            if position > 0 { json.raw(",\n") }
            json.raw("[")
            json.string(entry.title)
            json.raw(",")
            json.string(entry.permalink.encodedPath)
            json.raw(",\(entry.date.year * 10000 + entry.date.month * 100 + entry.date.day),[")
            json.raw(entry.tags.map(String.init).joined(separator: ","))
            json.raw("],[")
            json.raw(entry.outlets.map(String.init).joined(separator: ","))
            json.raw("],")
            json.string(entry.summary)
            json.raw("]")
        }
        json.raw("]}\n")
        return RenderedFile(path: SitePath("search-index.json")!, bytes: json.bytes)
    }
}
