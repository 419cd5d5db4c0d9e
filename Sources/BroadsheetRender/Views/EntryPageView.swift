import BroadsheetTemplates

/// `/YYYY/MM/DD/<slug>.html` and its print view: one entry in full.
struct EntryPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let entry: EntryView
    let previous: LinkView?
    let next: LinkView?
    let topics: [TopicNeighboursView]

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .object("entry") { $0.entry },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
        .list("topics") { $0.topics },
        .bool("hasTopics") { !$0.topics.isEmpty },
    ]
}

/// The previous and next entry on one of the entry's topics.
struct TopicNeighboursView: TemplateObject {
    let topic: LinkView
    let previous: LinkView?
    let next: LinkView?

    static let templateFields: TemplateFields<Self> = [
        .object("topic") { $0.topic },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
        .bool("isAlone") { $0.previous == nil && $0.next == nil },
    ]
}
