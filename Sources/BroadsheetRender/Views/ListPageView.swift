import BroadsheetTemplates

/// A page listing links with counts: the year page, the tag index, the source index, the archive.
struct LinkListPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let heading: String
    let intro: String
    let links: [CountedLinkView]
    let groups: [LinkGroupView]

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("heading") { $0.heading },
        .string("intro") { $0.intro },
        .bool("hasIntro") { !$0.intro.isEmpty },
        .list("links") { $0.links },
        .bool("hasLinks") { !$0.links.isEmpty },
        .list("groups") { $0.groups },
    ]
}

/// A titled group of counted links (the archive page's years).
struct LinkGroupView: TemplateObject {
    let heading: String
    let url: String
    let count: Int
    let links: [CountedLinkView]

    static let templateFields: TemplateFields<Self> = [
        .string("heading") { $0.heading },
        .string("url") { $0.url },
        .int("count") { $0.count },
        .list("links") { $0.links },
    ]
}

/// A paginated list of entries as summaries, grouped by day: home, a tag, a source.
struct EntryListPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta
    let heading: String
    let intro: String
    let days: [DayListView]
    let pagination: PaginationView?
    let feedURL: String

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
        .string("heading") { $0.heading },
        .string("intro") { $0.intro },
        .bool("hasIntro") { !$0.intro.isEmpty },
        .list("days") { $0.days },
        .optional("pagination") { $0.pagination },
        .string("feedURL") { $0.feedURL },
        .bool("hasFeed") { !$0.feedURL.isEmpty },
    ]
}

/// Links between the pages of a paginated list.
struct PaginationView: TemplateObject {
    let number: Int
    let count: Int
    let previous: LinkView?
    let next: LinkView?

    static let templateFields: TemplateFields<Self> = [
        .int("number") { $0.number },
        .int("count") { $0.count },
        .optional("previous") { $0.previous },
        .optional("next") { $0.next },
    ]
}

/// Pages with nothing but the site chrome and a message: 404.
struct PlainPageView: TemplateObject {
    let site: SiteView
    let page: PageMeta

    static let templateFields: TemplateFields<Self> = [
        .object("site") { $0.site },
        .object("page") { $0.page },
    ]
}
