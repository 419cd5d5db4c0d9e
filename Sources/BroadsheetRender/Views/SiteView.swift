import BroadsheetTemplates

/// What every page knows about the site: its name, language and the links in its header.
struct SiteView: TemplateObject {
    let title: String
    let description: String
    let language: String
    let homeURL: String
    let archiveURL: String
    let tagsURL: String
    let sourcesURL: String
    let searchURL: String
    let styleURL: String
    let printStyleURL: String
    let searchScriptURL: String
    let feedURL: String
    let jsonFeedURL: String
    let dailyFeedURL: String
    let featuredTags: [LinkView]

    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("description") { $0.description },
        .bool("hasDescription") { !$0.description.isEmpty },
        .string("language") { $0.language },
        .string("homeURL") { $0.homeURL },
        .string("archiveURL") { $0.archiveURL },
        .string("tagsURL") { $0.tagsURL },
        .string("sourcesURL") { $0.sourcesURL },
        .string("searchURL") { $0.searchURL },
        .string("styleURL") { $0.styleURL },
        .string("printStyleURL") { $0.printStyleURL },
        .string("searchScriptURL") { $0.searchScriptURL },
        .string("feedURL") { $0.feedURL },
        .string("jsonFeedURL") { $0.jsonFeedURL },
        .string("dailyFeedURL") { $0.dailyFeedURL },
        .list("featuredTags") { $0.featuredTags },
        .bool("hasFeaturedTags") { !$0.featuredTags.isEmpty },
    ]
}

/// What the `<head>` of one page needs: its title, canonical address, description and print view.
struct PageMeta: TemplateObject {
    /// The `<title>` text.
    let title: String
    let canonicalURL: String
    let description: String
    /// The print view of this page, or of the page a print view belongs to.
    let printURL: String?
    /// Print views are kept out of search engines.
    let noIndex: Bool
    /// `website` or `article`, for Open Graph.
    let kind: String
    /// Links from the site root to this page.
    let breadcrumbs: [LinkView]
    /// This page's own short name, ending the breadcrumbs.
    let crumb: String

    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("canonicalURL") { $0.canonicalURL },
        .string("description") { $0.description },
        .bool("hasDescription") { !$0.description.isEmpty },
        .string("printURL") { $0.printURL ?? "" },
        .bool("hasPrint") { $0.printURL != nil },
        .bool("noIndex") { $0.noIndex },
        .string("kind") { $0.kind },
        .list("breadcrumbs") { $0.breadcrumbs },
        .bool("hasBreadcrumbs") { !$0.breadcrumbs.isEmpty },
        .string("crumb") { $0.crumb },
    ]
}
