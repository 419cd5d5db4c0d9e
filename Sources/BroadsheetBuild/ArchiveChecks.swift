import BroadsheetContent
import BroadsheetCore
import BroadsheetModel

/// Warnings about the archive as a whole: things that are probably mistakes but still build.
enum ArchiveChecks {
    static func run(_ archive: Archive) -> Diagnostics {
        var diagnostics = Diagnostics()
        folderDates(archive, into: &diagnostics)
        repeatedHeadlines(archive, into: &diagnostics)
        lonelyTags(archive, into: &diagnostics)
        missingDays(archive, into: &diagnostics)
        return diagnostics
    }

    /// An entry whose folder names another day than its date.
    private static func folderDates(_ archive: Archive, into diagnostics: inout Diagnostics) {
        for entry in archive.entries {
            guard let folder = FolderDate.parse(entry.file), folder != entry.date.dayOnly else { continue }
            diagnostics.warning(
                "the entry is dated \(entry.date.isoDay) but sits in the folder for \(folder.isoDay)",
                at: SourceLocation(file: entry.file, line: 1, column: 1),
                hint: "the date in the front matter decides the page; move the file or fix the date")
        }
    }

    /// The same headline on two different days.
    private static func repeatedHeadlines(_ archive: Archive, into diagnostics: inout Diagnostics) {
        var firstUse: [String: Entry] = [:]
        for entry in archive.entries {
            let key = entry.title.lowercased()
            if let earlier = firstUse[key] {
                if earlier.date.dayOnly != entry.date.dayOnly {
                    diagnostics.warning(
                        "the headline '\(entry.title)' was also used on \(earlier.date.isoDay) (\(earlier.file))",
                        at: SourceLocation(file: entry.file, line: 1, column: 1),
                        hint: "a repeated headline is often a copied entry left unedited")
                }
            } else {
                firstUse[key] = entry
            }
        }
    }

    /// Tags used once are often typos of another tag.
    private static func lonelyTags(_ archive: Archive, into diagnostics: inout Diagnostics) {
        let names = archive.tags.filter { $0.entries.count > 1 }.map(\.name)
        for tag in archive.tags where tag.entries.count == 1 {
            guard let nearest = Suggestion.nearest(to: tag.name, in: names) else { continue }
            let entry = archive.entries[tag.entries[0]]
            diagnostics.warning(
                "the tag '\(tag.name)' is used only once", at: SourceLocation(file: entry.file, line: 1, column: 1),
                hint: "did you mean '\(nearest)'?")
        }
    }

    /// Publishing days in the archive's span that have no digest.
    private static func missingDays(_ archive: Archive, into diagnostics: inout Diagnostics) {
        guard let first = archive.days.first?.date, let last = archive.days.last?.date else { return }
        let published = Set(archive.days.map(\.date.dayNumber))
        let expected = Set(archive.config.publishingDays)
        var missing: [CalendarDate] = []
        for number in first.dayNumber...last.dayNumber where !published.contains(number) {
            let date = CalendarDate.fromDayNumber(number)
            if expected.contains(date.weekday) { missing.append(date) }
        }
        guard !missing.isEmpty else { return }
        let listed = missing.prefix(10).map(\.isoDay).joined(separator: ", ")
        diagnostics.warning(
            "\(missing.count) publishing \(missing.count == 1 ? "day has" : "days have") no digest: \(listed)\(missing.count > 10 ? ", …" : "")",
            at: SourceLocation(file: "Content/site.yml", line: 0, column: 0),
            hint: "publishing_days in Content/site.yml says which weekdays expect a digest")
    }
}
