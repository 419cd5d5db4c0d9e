import BroadsheetTemplates

/// `/YYYY/MM/DD/<slug>/` and its print view: one entry in full.
struct EntryPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let entry: EntryView
    let previous: LinkView?
    let next: LinkView?

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .object("entry") { $0.entry },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
    ]
}
