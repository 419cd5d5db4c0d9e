public import BroadsheetCore
public import BroadsheetMarkdown

/// One entry of the archive, with its tags and outlets resolved and its place in the order known.
public struct Entry: Sendable, Hashable {
    /// Its position in `Archive.entries` (oldest first).
    public let index: Int
    /// The site-relative source file.
    public let file: String
    /// The headline.
    public let title: String
    /// The date as written.
    public let date: CalendarDate
    /// The URL segment.
    public let slug: Slug
    /// Indexes into `Archive.tags`, in the order written.
    public let tags: [Int]
    /// Indexes into `Archive.outlets`, in the order written.
    public let outlets: [Int]
    /// The summary from front matter, else the body's first paragraph.
    public let summary: String
    /// The body.
    public let body: MarkdownDocument
    /// The entry page's address.
    public let permalink: Permalink
}
