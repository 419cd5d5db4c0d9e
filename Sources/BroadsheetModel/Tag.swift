public import BroadsheetCore

/// A topic tag, or an outlet cited as a source: a name, its URL slug and the entries that use it.
public struct Tag: Sendable, Hashable {
    /// The spelling shown (the most used one when entries differ in letter case).
    public let name: String
    /// The URL segment.
    public let slug: Slug
    /// Indexes into `Archive.entries`, newest first.
    public let entries: [Int]
    /// The page's address: `/tags/<slug>/` or `/sources/<slug>/`.
    public let permalink: Permalink
}
