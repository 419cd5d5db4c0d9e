import BroadsheetTemplates

/// One entry as lists and pages show it; `body` is only read on pages that show entries in full.
struct EntryView: TemplateObject {
    let title: String
    let url: String
    let printURL: String
    /// `entry-<day>-<slug>`: the article's id on pages holding many entries.
    let anchor: String
    /// `Tuesday 14 January 2025`.
    let dateText: String
    /// `2025-01-14`, or the full date-time with its offset, for `<time datetime>`.
    let dateTime: String
    /// `07:30 (UTC+09:00)` when the entry has a time.
    let timeText: String
    let dayURL: String
    let summary: String
    var body: String
    let tags: [LinkView]
    let sources: [LinkView]

    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("url") { $0.url },
        .string("printURL") { $0.printURL },
        .string("anchor") { $0.anchor },
        .string("dateText") { $0.dateText },
        .string("dateTime") { $0.dateTime },
        .string("timeText") { $0.timeText },
        .bool("hasTime") { !$0.timeText.isEmpty },
        .string("dayURL") { $0.dayURL },
        .string("summary") { $0.summary },
        .bool("hasSummary") { !$0.summary.isEmpty },
        .string("body") { $0.body },
        .list("tags") { $0.tags },
        .bool("hasTags") { !$0.tags.isEmpty },
        .list("sources") { $0.sources },
        .bool("hasSources") { !$0.sources.isEmpty },
    ]
}
