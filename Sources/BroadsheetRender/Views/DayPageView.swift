import BroadsheetTemplates

/// `/YYYY/MM/DD/` and its print view: a whole day's digest, every entry in full.
struct DayPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let dateText: String
    let dateTime: String
    let entries: [EntryView]
    let previous: LinkView?
    let next: LinkView?

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("dateText") { $0.dateText },
        .string("dateTime") { $0.dateTime },
        .list("entries") { $0.entries },
        .int("entryCount") { $0.entries.count },
        .bool("isSingle") { $0.entries.count == 1 },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
    ]
}
