import BroadsheetCore
import CCmarkGFM

/// Converts Markdown to HTML with cmark-gfm and the GitHub extensions (tables, strikethrough, autolinks,
/// tag filter, task lists), footnotes and smart punctuation.
public struct MarkdownRenderer: Sendable {
    /// The options this renderer was made with.
    public let options: MarkdownOptions

    /// Creates a renderer.
    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    /// Converts `markdown`; `idPrefix` makes footnote and heading ids unique on pages holding many entries.
    public func render(_ markdown: String, idPrefix: String) -> MarkdownDocument {
        var flags = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.allowRawHTML { flags |= CMARK_OPT_UNSAFE }
        let document = CmarkEngine.shared.parse(markdown, options: flags)
        defer { cmark_node_free(document) }
        let firstParagraph = Excerpt.shorten(NodeText.firstParagraph(of: document))
        let headings = HeadingAnchors.attach(to: document, idPrefix: idPrefix)
        let html = CmarkEngine.shared.renderHTML(document, options: flags)
        return MarkdownDocument(
            html: FootnoteIDs.prefix(html, with: idPrefix),
            firstParagraph: firstParagraph,
            headings: headings
        )
    }
}
