import BroadsheetMarkdown
import Testing

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func rendersTables() {
        let html = renderer.render("| a | b |\n|---|---|\n| 1 | 2 |\n", idPrefix: "e").html
        #expect(html.contains("<table>") && html.contains("<td>1</td>"))
    }

    @Test func rendersStrikethroughAndTaskLists() {
        let html = renderer.render("~~gone~~\n\n- [x] done\n- [ ] open\n", idPrefix: "e").html
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" />"))
    }

    @Test func linksBareURLs() {
        let html = renderer.render("See https://www.example.org/report today.", idPrefix: "e").html
        #expect(html.contains("<a href=\"https://www.example.org/report\">https://www.example.org/report</a>"))
        let www = renderer.render("Mirror at www.example.net/report.", idPrefix: "e").html
        #expect(www.contains("<a href=\"http://www.example.net/report\">www.example.net/report</a>"))
    }

    @Test func curlsQuotesAndDashes() {
        let html = renderer.render("\"Quoted\" -- it's --- done", idPrefix: "e").html
        #expect(html.contains("“Quoted” – it’s — done"))
    }

    @Test func omitsRawHTMLUnlessAllowed() {
        let markdown = "<script>alert(1)</script>\n\nText <b>bold</b>"
        #expect(!renderer.render(markdown, idPrefix: "e").html.contains("<script>"))
        let unsafe = MarkdownRenderer(options: MarkdownOptions(allowRawHTML: true))
        #expect(unsafe.render(markdown, idPrefix: "e").html.contains("<b>bold</b>"))
        // The tag filter still neutralises the most dangerous tags when raw HTML is on.
        #expect(!unsafe.render(markdown, idPrefix: "e").html.contains("<script>"))
    }

    @Test func prefixesFootnoteIDs() {
        let html = renderer.render("Claim.[^1]\n\n[^1]: The source.\n", idPrefix: "budget").html
        #expect(html.contains("id=\"budget-fn-1\""))
        #expect(html.contains("href=\"#budget-fn-1\""))
        #expect(html.contains("id=\"budget-fnref-1\""))
        #expect(html.contains("href=\"#budget-fnref-1\""))
        #expect(!html.contains("\"fn-1\""))
    }

    @Test func anchorsHeadingsUniquely() {
        let document = renderer.render(
            "## Background\n\ntext\n\n## Background\n\n### The *vote*\n\n# Title\n\n##### deep\n",
            idPrefix: "port"
        )
        #expect(document.html.contains("<h2 id=\"port-background\">Background</h2>"))
        #expect(document.html.contains("<h2 id=\"port-background-2\">Background</h2>"))
        #expect(document.html.contains("<h3 id=\"port-the-vote\">The <em>vote</em></h3>"))
        #expect(document.html.contains("<h1>Title</h1>"))
        #expect(document.html.contains("<h5>deep</h5>"))
        #expect(document.headings.map(\.id) == ["port-background", "port-background-2", "port-the-vote"])
    }

    @Test func extractsTheFirstParagraphAsPlainText() {
        let document = renderer.render("## Head\n\nThe *council* met\nat `noon`.[^1]\n\nMore.\n\n[^1]: x", idPrefix: "e")
        #expect(document.firstParagraph == "The council met at noon.")
    }

    @Test func concurrentRenderingMatchesSerial() async {
        let documents = (0..<400).map { index in
            "Entry \(index) cites https://www.example.org/\(index) and ~~old~~ news.[^1]\n\n| a |\n|---|\n| \(index) |\n\n[^1]: Note \(index)."
        }
        let serial = documents.map { renderer.render($0, idPrefix: "e").html }
        let parallel = await withTaskGroup(of: (Int, String).self) { group in
            for (index, markdown) in documents.enumerated() {
                group.addTask { (index, renderer.render(markdown, idPrefix: "e").html) }
            }
            var results = Array(repeating: "", count: documents.count)
            for await (index, html) in group { results[index] = html }
            return results
        }
        #expect(serial == parallel)
        #expect(serial.allSatisfy { $0.contains("<a href=\"https://www.example.org/") })
    }
}
