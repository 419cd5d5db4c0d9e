public import BroadsheetContent
import Dispatch
import Synchronization
public import BroadsheetCore
import BroadsheetMarkdown

/// Stage 2: groups checked entries into the archive model, finding clashes between entries.
public enum ArchiveBuilder {
    /// Slugs an entry may not take because the day folder's own pages use them (`index.html`,
    /// `print.html`).
    static let reservedEntrySlugs: Set<String> = ["index", "print"]

    /// Builds the archive; every clash found is reported in the returned diagnostics.
    public static func build(config: SiteConfig, entries sources: [EntrySource]) -> (Archive, Diagnostics) {
        var diagnostics = Diagnostics()
        // Positions are sorted by keys gathered once, not by reaching into each entry at every comparison.
        let keys = sources.map { (date: $0.date, file: $0.file) }
        let order = keys.indices.sorted { left, right in
            if keys[left].date != keys[right].date { return keys[left].date < keys[right].date }
            return keys[left].file < keys[right].file
        }
        var kept: [EntrySource] = []
        kept.reserveCapacity(sources.count)
        // Sorted by date, the entries of a day are together: two pages can only clash within a day, so
        // a small table of that day's slugs finds every clash.
        var slugsOfDay: [String: String] = [:]
        var currentDay = Int.min
        for position in order {
            let source = sources[position]
            if reservedEntrySlugs.contains(source.slug.value) {
                diagnostics.error(
                    "the slug '\(source.slug.value)' is reserved for the day's own pages",
                    at: SourceLocation(file: source.file, line: 1, column: 1),
                    hint: "add slug: with another name to the front matter")
                continue
            }
            let day = source.date.dayNumber
            if day != currentDay {
                slugsOfDay.removeAll(keepingCapacity: true)
                currentDay = day
            }
            if let other = slugsOfDay[source.slug.value] {
                diagnostics.error(
                    "\(source.file) and \(other) both make the page \(Permalink.entry(source.date, source.slug))",
                    at: SourceLocation(file: source.file, line: 1, column: 1),
                    hint: "give one of them another file name or a slug: in its front matter")
                continue
            }
            slugsOfDay[source.slug.value] = source.file
            kept.append(source)
        }

        // Tags and outlets are resolved at the same time, on two threads: each takes a tenth of a rebuild.
        let resolved = Mutex<[Int: ([NameResolver.Resolved], [[Int]], Diagnostics)]>([:])
        let entrySources = kept
        DispatchQueue.concurrentPerform(iterations: 2) { list in
            var found = Diagnostics()
            let (names, ofEntry) = list == 0
                ? NameResolver(kind: "tag").resolve(entrySources.map(\.tags), into: &found)
                : NameResolver(kind: "source").resolve(entrySources.map(\.sources), into: &found)
            resolved.withLock { $0[list] = (names, ofEntry, found) }
        }
        let (tags, tagsOfEntry, tagDiagnostics) = resolved.withLock { $0[0] ?? ([], [], Diagnostics()) }
        let (outlets, outletsOfEntry, outletDiagnostics) = resolved.withLock { $0[1] ?? ([], [], Diagnostics()) }
        diagnostics.merge(tagDiagnostics)
        diagnostics.merge(outletDiagnostics)

        let entries = kept.enumerated().map { index, source in
            Entry(
                index: index, file: source.file, title: source.title, date: source.date, slug: source.slug,
                tags: tagsOfEntry[index], outlets: outletsOfEntry[index],
                summary: source.summary ?? source.body.firstParagraph,
                body: source.body, permalink: .entry(source.date, source.slug))
        }
        let calendar = CalendarGrouping(entries: entries)
        let archive = Archive(
            config: config, entries: entries, days: calendar.days, months: calendar.months, years: calendar.years,
            tags: tags.map { Tag(name: $0.name, slug: $0.slug, entries: $0.entries.reversed(), permalink: .tag($0.slug)) },
            outlets: outlets.map {
                Tag(name: $0.name, slug: $0.slug, entries: $0.entries.reversed(), permalink: .source($0.slug))
            },
            dayOfEntry: calendar.dayOfEntry)
        return (archive, diagnostics)
    }
}
