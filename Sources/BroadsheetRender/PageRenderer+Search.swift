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

    /// The search index: names once, entries as compact rows that point at them, nothing the script
    /// can derive (entry paths come from date + slug, and most slugs from the title).
    ///
    /// ```
    /// {"version":3,"latest":<day number of the first row>,
    ///  "tags":[name…],"tagSlugs":[slug…],"sources":[name…],
    ///  "entries":[[title, daysBefore, [tag…], [source…], summary, slug?], …]}
    /// ```
    ///
    /// Rows are newest first. `daysBefore` is how many days the row's date lies before the previous
    /// row's (before `latest` for the first row); a day number counts days since 1970-01-01. The page
    /// is `YYYY/MM/DD/<slug>.html`: `slug?` is left out when the slug is the title's `plainSlug`, is a number N
    /// when the slug is that string's first N characters, and is the slug otherwise. Summaries are capped at
    /// `Excerpt.limit` characters.
    func searchIndex() -> RenderedFile {
        var json = JSONText()
        let rows = archive.entries.reversed()
        var previousDay = rows.first?.date.dayNumber ?? 0
        json.raw("{\"version\":3,\"latest\":\(previousDay),\"tags\":[")
        json.list(archive.tags.map(\.name))
        json.raw("],\"tagSlugs\":[")
        json.list(archive.tags.map(\.slug.value))
        json.raw("],\"sources\":[")
        json.list(archive.outlets.map(\.name))
        json.raw("],\"entries\":[")
        var plain: [UInt8] = []
        for (position, entry) in rows.enumerated() {
            let day = entry.date.dayNumber
            if position > 0 { json.raw(",\n") }
            json.raw("[")
            json.string(entry.title)
            json.raw(",")
            json.number(previousDay - day)
            json.raw(",[")
            json.numbers(entry.tags)
            json.raw("],[")
            json.numbers(entry.outlets)
            json.raw("],")
            json.string(Excerpt.shorten(entry.summary))
            let slug = entry.slug.value.utf8
            Self.plainSlug(entry.title, into: &plain)
            if slug.elementsEqual(plain) {
                // derived by the script
            } else if plain.starts(with: slug) {
                json.raw(",")
                json.number(slug.count)  // the slug of a shortened title
            } else {
                json.raw(",")
                json.string(entry.slug.value)
            }
            json.raw("]")
            previousDay = day
        }
        json.raw("]}\n")
        return RenderedFile(path: SitePath("search-index.json")!, bytes: json.bytes)
    }

    /// The slug search.js derives from a title when a row has none: ASCII letters and digits
    /// lower-cased, every run of other bytes one hyphen, no hyphen at either end. Byte-level on
    /// purpose, so the script's `replace(/[^A-Za-z0-9]+/g, "-")` gives exactly the same text. Written
    /// over `bytes`, whose storage is reused from row to row.
    static func plainSlug(_ title: String, into bytes: inout [UInt8]) {
        bytes.removeAll(keepingCapacity: true)
        var pendingHyphen = false
        for byte in title.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                bytes.append(byte + 32)
            default:
                pendingHyphen = true
            }
        }
    }
}

extension JSONText {
    /// Strings separated by commas, without brackets.
    fileprivate mutating func list(_ strings: [String]) {
        for (position, text) in strings.enumerated() {
            if position > 0 { raw(",") }
            string(text)
        }
    }
}
