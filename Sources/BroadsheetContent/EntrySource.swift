public import BroadsheetCore
public import BroadsheetMarkdown

/// One entry as written: its front matter checked and its body converted to HTML.
///
/// A class, immutable: entries pass through several arrays and dictionaries on their way to the model,
/// and copying a struct of a dozen reference-counted fields at each step was a good part of what a
/// rebuild of a large archive spent.
public final class EntrySource: Sendable, Hashable {
    /// The site-relative path of the file, such as `Content/2024/03/05/budget.md`.
    public let file: String
    /// The headline.
    public var title: String { storedTitle.string }
    private let storedTitle: DeferredText
    /// The date as written.
    public let date: CalendarDate
    /// Where `date:` is in the file, for messages about it.
    public let dateLocation: SourceLocation
    /// The tags in the order written, each with where it was written.
    public let tags: [Located<String>]
    /// The outlets the entry cites, in the order written.
    public let sources: [Located<String>]
    /// The summary from front matter, if any.
    public var summary: String? { storedSummary?.string }
    private let storedSummary: DeferredText?
    /// The URL segment of the entry.
    public let slug: Slug
    /// Whether the entry is a draft.
    public let draft: Bool
    /// The body as HTML.
    public let body: MarkdownDocument
    /// The date the folder names (`Content/YYYY/MM/DD/`), when it does.
    public let folderDate: CalendarDate?

    /// Creates an entry from its checked parts.
    public convenience init(
        file: String, title: String, date: CalendarDate, dateLocation: SourceLocation, tags: [Located<String>],
        sources: [Located<String>], summary: String?, slug: Slug, draft: Bool, body: MarkdownDocument,
        folderDate: CalendarDate?
    ) {
        self.init(
            file: file, deferredTitle: .text(title), date: date, dateLocation: dateLocation, tags: tags, sources: sources,
            deferredSummary: summary.map { .text($0) }, slug: slug, draft: draft, body: body, folderDate: folderDate)
    }

    /// Creates an entry whose title and summary may stay in the build cache until they are read.
    public init(
        file: String, deferredTitle title: DeferredText, date: CalendarDate, dateLocation: SourceLocation,
        tags: [Located<String>], sources: [Located<String>], deferredSummary summary: DeferredText?, slug: Slug, draft: Bool,
        body: MarkdownDocument, folderDate: CalendarDate?
    ) {
        self.file = file
        storedTitle = title
        self.date = date
        self.dateLocation = dateLocation
        self.tags = tags
        self.sources = sources
        storedSummary = summary
        self.slug = slug
        self.draft = draft
        self.body = body
        self.folderDate = folderDate
    }

    public static func == (lhs: EntrySource, rhs: EntrySource) -> Bool {
        lhs.file == rhs.file && lhs.title == rhs.title && lhs.date == rhs.date && lhs.dateLocation == rhs.dateLocation
            && lhs.tags == rhs.tags && lhs.sources == rhs.sources && lhs.summary == rhs.summary && lhs.slug == rhs.slug
            && lhs.draft == rhs.draft && lhs.body == rhs.body && lhs.folderDate == rhs.folderDate
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(title)
        hasher.combine(date)
    }
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

