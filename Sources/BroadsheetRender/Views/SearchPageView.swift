import BroadsheetTemplates

/// `/search/`: the offline search form; its script loads the search index.
struct SearchPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let indexURL: String
    let tags: [LinkView]
    let firstDate: String
    let lastDate: String

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("indexURL") { $0.indexURL },
        .list("tags") { $0.tags },
        .string("firstDate") { $0.firstDate },
        .string("lastDate") { $0.lastDate },
    ]
}
