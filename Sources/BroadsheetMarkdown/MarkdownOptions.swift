/// How Markdown is turned into HTML for a site.
public struct MarkdownOptions: Sendable, Hashable {
    /// Whether raw HTML in entries is passed through; off by default, when cmark-gfm omits it.
    public var allowRawHTML: Bool

    /// Creates options; raw HTML stays omitted unless asked for.
    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }
}
