import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

@Suite struct TemplateOverrideTests {
    static let entry = """
        -- Content/2024/03/05/budget.md --
        ---
        title: Budget passes
        date: 2024-03-05T07:30:00+09:00
        ---
        Body.
        """

    @Test func aSiteTemplateReplacesTheThemeFileByFile() async throws {
        let site = try TestSite(Self.entry + """

            -- Templates/entry.mustache --
            {{<layout}}{{$content}}<h1>{{entry.title}}</h1><p class="custom">{{entry.dateTime}}|{{entry.dateText}}</p>{{/content}}{{/layout}}
            """)
        defer { site.delete() }
        try await site.build()
        let page = try site.output("2024/03/05/budget.html")
        #expect(page.contains("<p class=\"custom\">2024-03-05T07:30:00+09:00|Tuesday 5 March 2024</p>"))
        // Everything not overridden still comes from the default theme.
        #expect(page.contains("<main id=\"main\">"))
        #expect(try site.output("2024/03/05/index.html").contains("Print this day"))
    }

    @Test func aMisspeltVariableIsAnErrorWithFileAndLine() async throws {
        let site = try TestSite(Self.entry + """

            -- Templates/entry.mustache --
            {{<layout}}{{$content}}
            <h1>{{entry.titel}}</h1>
            {{/content}}{{/layout}}
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.errors.first { $0.location.file == "Templates/entry.mustache" }, "\(diagnostics.listing)")
        #expect(error.location.line == 2)
        #expect(error.message.contains("titel"))
        #expect(error.hint?.contains("did you mean 'title'?") == true)
        #expect(!site.hasOutput("index.html"))
    }

    @Test func aMissingPartialAndASyntaxErrorAreBothReported() async throws {
        let site = try TestSite(Self.entry + """

            -- Templates/day.mustache --
            {{<layout}}{{$content}}{{>partials/heder}}{{/content}}{{/layout}}
            -- Templates/month.mustache --
            {{<layout}}{{$content}}
            {{#weeks}}
            {{/content}}{{/layout}}
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        let partial = try #require(diagnostics.errors.first { $0.location.file == "Templates/day.mustache" }, "\(diagnostics.listing)")
        #expect(partial.message.contains("partials/heder"))
        #expect(partial.hint?.contains("partials/header") == true)
        #expect(diagnostics.errors.contains { $0.location.file == "Templates/month.mustache" })
    }

    @Test func siteAssetsAreCopied() async throws {
        let site = try TestSite(Self.entry + """

            -- Templates/assets/style.css --
            body { color: red }
            -- Content/assets/images/map.svg --
            <svg xmlns="http://www.w3.org/2000/svg"/>
            """)
        defer { site.delete() }
        try await site.build()
        #expect(try site.output("assets/style.css") == "body { color: red }\n")
        #expect(site.hasOutput("assets/images/map.svg"))
        #expect(site.hasOutput("assets/print.css"))
    }
}
