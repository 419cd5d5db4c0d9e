public import BroadsheetCore
public import BroadsheetMarkdown

/// One entry as written: its front matter checked and its body converted to HTML.
public struct EntrySource: Sendable, Hashable {
    /// The site-relative path of the file, such as `Content/2024/03/05/budget.md`.
    public let file: String
    /// The headline.
    public let title: String
    /// The date as written.
    public let date: CalendarDate
    /// Where `date:` is in the file, for messages about it.
    public let dateLocation: SourceLocation
    /// The tags in the order written, each with where it was written.
    public let tags: [Located<String>]
    /// The outlets the entry cites, in the order written.
    public let sources: [Located<String>]
    /// The summary from front matter, if any.
    public let summary: String?
    /// The URL segment of the entry.
    public let slug: Slug
    /// Whether the entry is a draft.
    public let draft: Bool
    /// The body as HTML.
    public let body: MarkdownDocument
    /// The date the folder names (`Content/YYYY/MM/DD/`), when it does.
    public let folderDate: CalendarDate?
}

/// A value and where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public let value: Value
    /// Where it was written.
    public let location: SourceLocation

    /// Pairs a value with its location.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

