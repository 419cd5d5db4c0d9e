/// An entry body converted to HTML, with what the site needs to know about it.
public struct MarkdownDocument: Sendable, Hashable, Codable {
    /// The body as HTML; every `id` in it starts with the prefix it was rendered with.
    public let html: String
    /// The first paragraph as plain text, for summaries.
    public let firstParagraph: String
    /// The `h2`–`h4` headings in order, with their ids.
    public let headings: [Heading]

    /// Creates a document from its parts (the build cache restores documents this way).
    public init(html: String, firstParagraph: String, headings: [Heading]) {
        self.html = html
        self.firstParagraph = firstParagraph
        self.headings = headings
    }

    /// A heading and the anchor it was given.
    public struct Heading: Sendable, Hashable, Codable {
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
