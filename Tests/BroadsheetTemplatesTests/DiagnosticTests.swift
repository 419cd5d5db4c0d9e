import BroadsheetTemplates
import Testing

@Suite("Syntax errors and strict mode")
struct DiagnosticTests {
    private func syntaxError(_ text: String) -> TemplateDiagnostic? {
        do {
            _ = try TemplateSet(sources: [TemplateSource(name: "main", path: "Templates/main.mustache", text: text)])
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func unclosedSection() throws {
        let d = try #require(syntaxError("a\n  {{#tags}}\n{{name}}"))
        #expect("\(d.path):\(d.line):\(d.column)" == "Templates/main.mustache:2:3")
        #expect(d.message == "unclosed section 'tags'")
        #expect(d.sourceLine == "  {{#tags}}")
    }

    @Test func mismatchedClosingTag() throws {
        let d = try #require(syntaxError("{{#a}}\nx {{/b}}"))
        #expect("\(d.line):\(d.column)" == "2:3")
        #expect(d.message == "closing tag '{{/b}}' does not match section 'a' opened at 1:1")
        #expect(d.hint == "did you mean '{{/a}}'?")
    }

    @Test func unexpectedClosingTag() throws {
        let d = try #require(syntaxError("ok {{/a}}"))
        #expect("\(d.line):\(d.column)" == "1:4")
        #expect(d.message == "unexpected closing tag '{{/a}}': nothing is open")
    }

    @Test func unterminatedTag() throws {
        let d = try #require(syntaxError("é {{title"))
        #expect("\(d.line):\(d.column)" == "1:3")
        #expect(d.message == "unterminated tag: expected '}}'")
        let triple = try #require(syntaxError("{{{body}}"))
        #expect(triple.message == "unterminated tag: expected '}}}'")
    }

    @Test func badDelimiters() throws {
        let d = try #require(syntaxError("x\n{{=<%=}}"))
        #expect("\(d.line):\(d.column)" == "2:1")
        #expect(d.message == "invalid set-delimiters tag '<%'")
    }

    @Test func emptyAndInvalidNames() throws {
        #expect(syntaxError("{{}}")?.message == "empty tag: a name is required")
        #expect(syntaxError("{{a b}}")?.message == "invalid name 'a b': names cannot contain spaces")
        #expect(syntaxError("{{a..b}}")?.message == "invalid name 'a..b'")
    }

    @Test func errorsAreCollectedForAllTemplates() {
        do {
            _ = try TemplateSet(sources: [
                TemplateSource(name: "a", path: "a.mustache", text: "{{#x}}"),
                TemplateSource(name: "b", path: "b.mustache", text: "{{/y}}"),
            ])
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.path) == ["a.mustache", "b.mustache"])
        }
    }

    @Test func misspeltVariable() throws {
        let errors = strictErrors(["main": "<h1>\n  {{titel}}</h1>"])
        let d = try #require(errors.first)
        #expect(errors.count == 1)
        #expect("\(d.path):\(d.line):\(d.column)" == "Templates/main.mustache:2:3")
        #expect(d.message == "unknown name 'titel' for EntryPageView")
        #expect(d.hint == "did you mean 'title'?")
        #expect(d.description.hasPrefix("Templates/main.mustache:2:3: unknown name 'titel' for EntryPageView (did you mean 'title'?)"))
    }

    @Test func misspeltNamesInsideSectionsAndDottedPaths() {
        let errors = strictErrors(["main": "{{#tags}}{{nmae}}{{/tags}}{{site.nmae}}{{title.x}}{{tags}}"])
        #expect(errors.map(\.message) == [
            "unknown name 'nmae' for TagLinkView",
            "unknown name 'nmae' in 'site.nmae' for SiteView",
            "'title' is a string and has no field 'x'",
            "cannot interpolate 'tags': it is a list",
        ])
        #expect(errors.map(\.column) == [10, 27, 40, 51])
        #expect(errors.first?.hint == "did you mean 'name'?")
    }

    @Test func outerNamesAreAcceptedInsideSections() {
        #expect(strictErrors(["main": "{{#tags}}{{name}}{{title}}{{site.name}}{{/tags}}{{#sources}}{{.}}{{count}}{{/sources}}"]).isEmpty)
    }

    @Test func missingPartial() throws {
        let errors = strictErrors(["main": "x\n{{> partials/heder}}", "partials/header": "{{site.name}}"])
        let d = try #require(errors.first)
        #expect("\(d.path):\(d.line):\(d.column)" == "Templates/main.mustache:2:1")
        #expect(d.message == "unknown partial 'partials/heder'")
        #expect(d.hint == "did you mean 'partials/header'?")
    }

    @Test func partialsAreCheckedInTheirCallersContext() throws {
        let errors = strictErrors(["main": "{{#tags}}{{>tag}}{{/tags}}", "tag": "{{name}} {{urll}}"])
        let d = try #require(errors.first)
        #expect("\(d.path):\(d.line):\(d.column)" == "Templates/tag.mustache:1:10")
        #expect(d.message == "unknown name 'urll' for TagLinkView")
    }

    @Test func missingParent() throws {
        let errors = strictErrors(["main": "{{<layot}}{{/layot}}", "layout": "{{$content}}{{/content}}"])
        let d = try #require(errors.first)
        #expect(d.message == "unknown parent 'layot'")
        #expect(d.hint == "did you mean 'layout'?")
        #expect("\(d.line):\(d.column)" == "1:1")
    }

    @Test func blockNotDeclaredByParent() throws {
        let errors = strictErrors(["main": "{{<layout}}\n  {{$contnet}}x{{/contnet}}\n{{/layout}}", "layout": "{{$content}}{{/content}}"])
        let d = try #require(errors.first)
        #expect("\(d.path):\(d.line):\(d.column)" == "Templates/main.mustache:2:3")
        #expect(d.message == "block 'contnet' is not declared by parent 'layout'")
        #expect(d.hint == "did you mean 'content'?")
    }

    @Test func blocksAndLayoutsAreCheckedInContext() {
        let errors = strictErrors([
            "main": "{{<layout}}{{$content}}{{title}}{{nope}}{{/content}}{{/layout}}",
            "layout": "{{site.name}}{{$content}}{{/content}}{{sitee}}",
        ])
        #expect(errors.map(\.message) == ["unknown name 'sitee' for EntryPageView", "unknown name 'nope' for EntryPageView"])
        #expect(errors.first?.hint == "did you mean 'site'?")
    }

    @Test func errorsAreCollectedAcrossRoots() {
        do {
            _ = try TemplateSet(
                sources: [TemplateSource(name: "a", path: "a.mustache", text: "{{titel}}"),
                          TemplateSource(name: "b", path: "b.mustache", text: "{{nmae}}")],
                roots: ["a": EntryPageView.self, "b": TagLinkView.self, "c": TagLinkView.self])
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "unknown template 'c'", "unknown name 'titel' for EntryPageView", "unknown name 'nmae' for TagLinkView",
            ])
        }
    }
}
