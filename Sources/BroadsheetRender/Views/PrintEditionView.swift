import BroadsheetTemplates

/// `/YYYY/MM/print.html`: a month's digests as one printable edition with a table of contents.
struct PrintEditionView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let heading: String
    let days: [EditionDayView]

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("heading") { $0.heading },
        .list("days") { $0.days },
    ]
}

/// One day of a print edition.
struct EditionDayView: TemplateObject {
    let dateText: String
    let anchor: String
    let entries: [EntryView]

    static let templateFields: TemplateFields<Self> = [
        .string("dateText") { $0.dateText },
        .string("anchor") { $0.anchor },
        .list("entries") { $0.entries },
    ]
}
