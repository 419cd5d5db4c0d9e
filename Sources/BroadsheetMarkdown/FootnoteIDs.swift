/// Makes cmark-gfm's footnote ids unique per entry.
///
/// cmark-gfm names footnotes `fn-1` and `fnref-1` in every document, so two footnoted entries on one day
/// page would share ids. The four attribute forms it writes are rewritten; escaped user text can never
/// contain them because `"` is always written as `&quot;` outside raw HTML.
enum FootnoteIDs {
    static func prefix(_ html: String, with prefix: String) -> String {
        guard html.contains("data-footnote") else { return html }
        return html
            .replacing("id=\"fn-", with: "id=\"\(prefix)-fn-")
            .replacing("href=\"#fn-", with: "href=\"#\(prefix)-fn-")
            .replacing("id=\"fnref-", with: "id=\"\(prefix)-fnref-")
            .replacing("href=\"#fnref-", with: "href=\"#\(prefix)-fnref-")
    }
}
