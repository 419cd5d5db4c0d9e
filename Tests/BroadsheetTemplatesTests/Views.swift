import BroadsheetTemplates

struct TagLinkView: TemplateObject {
    let name: String
    let url: String
    static let templateFields: TemplateFields<Self> = [
        .string("name") { $0.name },
        .string("url") { $0.url },
    ]
}

struct SiteView: TemplateObject {
    let name: String
    static let templateFields: TemplateFields<Self> = [
        .string("name") { $0.name },
    ]
}

struct EntryPageView: TemplateObject {
    let title: String
    let bodyHTML: String
    let hasTags: Bool
    let count: Int
    let tags: [TagLinkView]
    let sources: [String]
    let site: SiteView
    let previous: TagLinkView?
    static let templateFields: TemplateFields<Self> = [
        .string("title") { $0.title },
        .string("body") { $0.bodyHTML },
        .bool("hasTags") { $0.hasTags },
        .int("count") { $0.count },
        .list("tags") { $0.tags },
        .strings("sources") { $0.sources },
        .object("site") { $0.site },
        .optional("previous") { $0.previous },
    ]

    static let sample = EntryPageView(
        title: "Fish & <Chips>", bodyHTML: "<p>Hi</p>", hasTags: true, count: 42,
        tags: [TagLinkView(name: "a\"b", url: "/a/"), TagLinkView(name: "c'd", url: "/c/")],
        sources: ["one", "two"], site: SiteView(name: "Weekly"), previous: nil)
}

func render(_ templates: [String: String], _ name: String = "main", _ value: some TemplateObject) throws -> String {
    let sources = templates.sorted { $0.key < $1.key }.map {
        TemplateSource(name: $0.key, path: "Templates/\($0.key).mustache", text: $0.value)
    }
    return String(decoding: try TemplateSet(sources: sources).render(name, value), as: UTF8.self)
}

func render(_ template: String, _ value: some TemplateObject = EntryPageView.sample) throws -> String {
    try render(["main": template], "main", value)
}

/// The diagnostics a strict compile of `templates` against `EntryPageView` at "main" reports.
func strictErrors(_ templates: [String: String], root: any TemplateObject.Type = EntryPageView.self) -> [TemplateDiagnostic] {
    let sources = templates.sorted { $0.key < $1.key }.map {
        TemplateSource(name: $0.key, path: "Templates/\($0.key).mustache", text: $0.value)
    }
    do {
        _ = try TemplateSet(sources: sources, roots: ["main": root])
        return []
    } catch {
        return error.diagnostics
    }
}
