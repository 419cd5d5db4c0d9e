public import BroadsheetContent
import Dispatch
import Synchronization
public import BroadsheetCore
import BroadsheetMarkdown

/// Stage 2: groups checked entries into the archive model, finding clashes between entries.
public enum ArchiveBuilder {
    /// Builds the archive; every clash found is reported in the returned diagnostics.
    public static func build(config: SiteConfig, entries sources: [EntrySource]) -> (Archive, Diagnostics) {
        var diagnostics = Diagnostics()
        // Positions are sorted by one integer each (day, then time of day as written), so a comparison is
        // a subtraction; only entries written for the same moment compare their file names.
        let keys = sources.map { $0.date.orderKey }
        let order = keys.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left] < keys[right] }
            return sources[left].file < sources[right].file
        }
        var kept: [EntrySource] = []
        kept.reserveCapacity(sources.count)
        var keptPositions: [Int] = []
        keptPositions.reserveCapacity(sources.count)
        // Sorted by date, the entries of a day are together: two pages can only clash within a day, so
        // the day's slugs so far find every clash. A day has a handful of entries, which a list searches
        // faster than a table; a table takes over for an unusually busy day.
        var slugsOfDay: [(slug: String, file: String)] = []
        var tableOfDay: [String: String]?
        var currentDay = Int.min
        for position in order {
            let source = sources[position]
            let slug = source.slug.value
            if slug == "index" || slug == "print" {
                diagnostics.error(
                    "the slug '\(slug)' is reserved for the day's own pages",
                    at: SourceLocation(file: source.file, line: 1, column: 1),
                    hint: "add slug: with another name to the front matter")
                continue
            }
            let day = source.date.dayNumber
            if day != currentDay {
                slugsOfDay.removeAll(keepingCapacity: true)
                tableOfDay = nil
                currentDay = day
            }
            let other = tableOfDay.map { $0[slug] } ?? slugsOfDay.first { $0.slug == slug }?.file
            if let other {
                diagnostics.error(
                    "\(source.file) and \(other) both make the page \(Permalink.entry(source.date, source.slug))",
                    at: SourceLocation(file: source.file, line: 1, column: 1),
                    hint: "give one of them another file name or a slug: in its front matter")
                continue
            }
            if tableOfDay != nil {
                tableOfDay?[slug] = source.file
            } else {
                slugsOfDay.append((slug, source.file))
                if slugsOfDay.count > 32 { tableOfDay = Dictionary(slugsOfDay, uniquingKeysWith: { first, _ in first }) }
            }
            kept.append(source)
            keptPositions.append(position)
        }

        // Tags, outlets, and the entries' places in the calendar are worked out at the same time: each is a
        // tenth of a rebuild.
        let resolved = Mutex<[Int: ([NameResolver.Resolved], [[Int]], Diagnostics)]>([:])
        let placed = Mutex<CalendarGrouping?>(nil)
        let entrySources = kept
        DispatchQueue.concurrentPerform(iterations: 3) { task in
            guard task < 2 else {
                let calendar = CalendarGrouping(entries: entrySources)
                placed.withLock { $0 = calendar }
                return
            }
            var found = Diagnostics()
            let (names, ofEntry) = task == 0
                ? NameResolver(kind: "tag").resolve(entrySources, names: { $0.tags }, into: &found)
                : NameResolver(kind: "source").resolve(entrySources, names: { $0.sources }, into: &found)
            resolved.withLock { $0[task] = (names, ofEntry, found) }
        }
        let (tags, tagsOfEntry, tagDiagnostics) = resolved.withLock { $0[0] ?? ([], [], Diagnostics()) }
        let (outlets, outletsOfEntry, outletDiagnostics) = resolved.withLock { $0[1] ?? ([], [], Diagnostics()) }
        let calendar = placed.withLock { $0 } ?? CalendarGrouping(entries: kept)
        diagnostics.merge(tagDiagnostics)
        diagnostics.merge(outletDiagnostics)

        var entries: [Entry] = []
        entries.reserveCapacity(kept.count)
        for (index, source) in kept.enumerated() {
            entries.append(
                Entry(
                    index: index, sourceIndex: keptPositions[index], source: source, tags: tagsOfEntry[index],
                    outlets: outletsOfEntry[index], permalink: calendar.permalinks[index]))
        }
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
