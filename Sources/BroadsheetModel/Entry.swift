public import BroadsheetCore
import BroadsheetContent
public import BroadsheetMarkdown

/// One entry of the archive, with its tags and outlets resolved and its place in the order known.
///
/// A class that reads its entry file's fields rather than copying them: the model and every page that
/// lists an entry pass it around, and copying a struct of ten reference-counted fields cost a rebuild
/// more than building the model did.
public final class Entry: Sendable {
    /// Its position in `Archive.entries` (oldest first).
    public let index: Int
    /// Its position in the entries the archive was built from (`ContentLoader.Result.entries`).
    public let sourceIndex: Int
    /// The site-relative source file.
    public var file: String { source.file }
    /// The headline.
    public var title: String { source.title }
    /// The date as written.
    public var date: CalendarDate { source.date }
    /// The URL segment.
    public var slug: Slug { source.slug }
    /// Indexes into `Archive.tags`, in the order written.
    public let tags: [Int]
    /// Indexes into `Archive.outlets`, in the order written.
    public let outlets: [Int]
    /// The summary from front matter, else the body's first paragraph.
    public var summary: String { source.summary ?? source.body.firstParagraph }
    /// The body.
    public var body: MarkdownDocument { source.body }
    /// The entry page's address.
    public let permalink: Permalink
    /// What the entry file says; the fields above read it rather than copy it.
    private let source: EntrySource

    init(index: Int, sourceIndex: Int, source: EntrySource, tags: [Int], outlets: [Int], permalink: Permalink) {
        self.index = index
        self.sourceIndex = sourceIndex
        self.source = source
        self.tags = tags
        self.outlets = outlets
        self.permalink = permalink
    }
}
