import BroadsheetTemplates

/// An Atom feed: the site's latest entries, a tag's, or one item per digest day.
struct FeedView: TemplateObject {
    let title: String
    let subtitle: String
    let id: String
    let selfURL: String
    let alternateURL: String
    let updated: String
    let author: String
    let language: String
    let items: [FeedItemView]

    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("subtitle") { $0.subtitle },
        .bool("hasSubtitle") { !$0.subtitle.isEmpty },
        .string("id") { $0.id },
        .string("selfURL") { $0.selfURL },
        .string("alternateURL") { $0.alternateURL },
        .string("updated") { $0.updated },
        .string("author") { $0.author },
        .string("language") { $0.language },
        .list("items") { $0.items },
    ]
}

/// One item of a feed.
struct FeedItemView: TemplateObject {
    let title: String
    let url: String
    let id: String
    let updated: String
    let summary: String
    let content: String
    let categories: [String]

    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("url") { $0.url },
        .string("id") { $0.id },
        .string("updated") { $0.updated },
        .string("summary") { $0.summary },
        .bool("hasSummary") { !$0.summary.isEmpty },
        .string("content") { $0.content },
        .strings("categories") { $0.categories },
    ]
}
