public import BroadsheetCore

/// An entry body converted to HTML, with what the site needs to know about it.
public struct MarkdownDocument: Sendable, Hashable {
    /// The body as HTML; every `id` in it starts with the prefix it was rendered with.
    public var html: String {
        switch storedHTML {
        case .text(let text): text
        case .stored(let stored): stored.string
        }
    }
    private let storedHTML: HTML

    /// Calls `body` with the HTML's UTF-8 bytes, without making a string of stored HTML.
    public func withHTMLBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch storedHTML {
        case .text(var text): text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .stored(let stored): body(UnsafeRawBufferPointer(rebasing: stored.bytes.buffer[stored.range]))
        }
    }

    /// The length of the HTML in UTF-8 bytes.
    public var htmlByteCount: Int {
        switch storedHTML {
        case .text(let text): text.utf8.count
        case .stored(let stored): stored.range.count
        }
    }
    /// The first paragraph as plain text, shortened to `Excerpt.limit` characters, for summaries.
    public var firstParagraph: String { storedFirstParagraph.string }
    private let storedFirstParagraph: DeferredText
    /// The `h2`–`h4` headings in order, with their ids.
    public let headings: [Heading]

    /// Creates a document from its parts (the build cache restores documents this way).
    public init(html: String, firstParagraph: String, headings: [Heading]) {
        storedHTML = .text(html)
        storedFirstParagraph = .text(firstParagraph)
        self.headings = headings
    }

    /// A document whose HTML and first paragraph stay in the build cache until a page shows them.
    public init(storedHTML: StoredText, firstParagraph: DeferredText, headings: [Heading]) {
        self.storedHTML = .stored(storedHTML)
        storedFirstParagraph = firstParagraph
        self.headings = headings
    }

    private enum HTML: Sendable {
        case text(String)
        case stored(StoredText)
    }

    public static func == (lhs: MarkdownDocument, rhs: MarkdownDocument) -> Bool {
        lhs.firstParagraph == rhs.firstParagraph && lhs.headings == rhs.headings && lhs.html == rhs.html
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(html)
        hasher.combine(firstParagraph)
        hasher.combine(headings)
    }

    /// A heading and the anchor it was given.
    public struct Heading: Sendable, Hashable {
        /// 2, 3 or 4.
        public let level: Int
        /// The heading as plain text.
        public let text: String
        /// The unique `id` of the heading element.
        public let id: String

        /// Creates a heading record.
        public init(level: Int, text: String, id: String) {
            self.level = level
            self.text = text
            self.id = id
        }
    }
}
