import BroadsheetTemplates
import Testing

@Suite("Typed rendering of each syntax feature")
struct SyntaxTests {
    @Test func escapesVariablesByDefault() throws {
        #expect(try render("{{title}}") == "Fish &amp; &lt;Chips&gt;")
        #expect(try render("{{#tags}}{{name}}{{/tags}}") == "a&quot;bc&#39;d")
    }

    @Test func rawWithTripleMustacheAndAmpersand() throws {
        #expect(try render("{{{body}}}|{{& body}}") == "<p>Hi</p>|<p>Hi</p>")
    }

    @Test func integersAndBooleans() throws {
        #expect(try render("{{count}} {{hasTags}}") == "42 true")
    }

    @Test func dottedNames() throws {
        #expect(try render("{{site.name}}") == "Weekly")
    }

    @Test func listsAndImplicitIterator() throws {
        #expect(try render("{{#tags}}<a href=\"{{url}}\">{{name}}</a>{{/tags}}") == "<a href=\"/a/\">a&quot;b</a><a href=\"/c/\">c&#39;d</a>")
        #expect(try render("{{#sources}}[{{.}}]{{/sources}}") == "[one][two]")
    }

    @Test func outerNamesResolveThroughTheContextStack() throws {
        #expect(try render("{{#tags}}{{name}}@{{site.name}}{{count}} {{/tags}}") == "a&quot;b@Weekly42 c&#39;d@Weekly42 ")
    }

    @Test func optionalsAndInvertedSections() throws {
        #expect(try render("{{#previous}}{{name}}{{/previous}}{{^previous}}none{{/previous}}") == "none")
        var view = EntryPageView.sample
        view = EntryPageView(title: "", bodyHTML: "", hasTags: false, count: 0, tags: [], sources: [],
                             site: view.site, previous: TagLinkView(name: "p", url: "/p/"))
        #expect(try render("{{#previous}}{{name}}{{/previous}}{{^previous}}none{{/previous}}", view) == "p")
        #expect(try render("{{^tags}}no tags{{/tags}}{{^title}}untitled{{/title}}{{#count}}n={{.}}{{/count}}", view)
            == "no tagsuntitledn=0")
    }

    @Test func commentsAndSetDelimiters() throws {
        #expect(try render("a{{! ignored }}b{{=<% %>=}}<% count %>{{count}}") == "ab42{{count}}")
    }

    @Test func standaloneLinesAndPartialIndentation() throws {
        let out = try render(["main": "<ul>\n  {{#tags}}\n  {{>item}}\n  {{/tags}}\n</ul>\n", "item": "<li>\n{{name}}\n</li>\n"],
                             "main", EntryPageView.sample)
        #expect(out == "<ul>\n  <li>\n  a&quot;b\n  </li>\n  <li>\n  c&#39;d\n  </li>\n</ul>\n")
    }

    @Test func templateInheritance() throws {
        let templates = [
            "layout": "<title>{{$title}}Default{{/title}}</title>\n<main>\n{{$content}}nothing{{/content}}\n</main>\n",
            "main": "{{<layout}}\n{{$title}}{{title}}{{/title}}\n{{$content}}\n<p>{{count}}</p>\n{{/content}}\n{{/layout}}\n",
        ]
        #expect(try render(templates, "main", EntryPageView.sample)
            == "<title>Fish &amp; &lt;Chips&gt;</title>\n<main>\n<p>42</p>\n\n</main>\n")
    }

    @Test func generalValues() throws {
        let set = try TemplateSet(sources: [TemplateSource(name: "t", path: "t.mustache", text: "{{#a}}{{b}},{{/a}}{{c}}{{missing}}")])
        let value: TemplateValue = ["a": [["b": 1], ["b": 2.5]], "c": "<>"]
        #expect(String(decoding: try set.render("t", value: value), as: UTF8.self) == "1,2.5,&lt;&gt;")
    }

    @Test func laterSourcesOverrideEarlierOnes() throws {
        let set = try TemplateSet(sources: [
            TemplateSource(name: "a", path: "base/a.mustache", text: "base"),
            TemplateSource(name: "a", path: "theme/a.mustache", text: "theme"),
        ])
        #expect(try set.render("a", value: .null) == Array("theme".utf8))
        #expect(set.names == ["a"])
    }

    @Test func unknownTemplateNameThrows() throws {
        let set = try TemplateSet(sources: [TemplateSource(name: "page", path: "page.mustache", text: "")])
        #expect(throws: TemplateDiagnostic.self) { try set.render("pgae", EntryPageView.sample) }
        do {
            _ = try set.render("pgae", EntryPageView.sample)
        } catch {
            #expect(error.message == "unknown template 'pgae'")
            #expect(error.hint == "did you mean 'page'?")
        }
    }

    @Test func concurrentRendersAreIdentical() async throws {
        let set = try TemplateSet(
            sources: [TemplateSource(name: "main", path: "main.mustache",
                                     text: "{{title}}{{#tags}}<{{name}}|{{site.name}}>{{/tags}}{{{body}}}{{count}}")],
            roots: ["main": EntryPageView.self])
        let expected = try set.render("main", EntryPageView.sample)
        let outputs = await withTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<64 {
                group.addTask {
                    var last: [UInt8] = []
                    for _ in 0..<50 { last = (try? set.render("main", EntryPageView.sample)) ?? [] }
                    return last
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == expected })
    }
}
