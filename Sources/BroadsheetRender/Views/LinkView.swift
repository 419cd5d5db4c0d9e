import BroadsheetTemplates

/// A link: its text and its URL.
struct LinkView: TemplateObject, Hashable {
    let label: String
    let url: String

    static let templateFields: TemplateFields<Self> = [
        .string("label") { $0.label },
        .string("url") { $0.url },
    ]
}

/// A link with a count, for tag, source, month and year lists.
struct CountedLinkView: TemplateObject {
    let label: String
    let url: String
    let count: Int

    static let templateFields: TemplateFields<Self> = [
        .string("label") { $0.label },
        .string("url") { $0.url },
        .int("count") { $0.count },
        .bool("isSingle") { $0.count == 1 },
    ]
}
