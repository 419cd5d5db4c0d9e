import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

@Suite struct EntryPageTests {
    @Test func entryPageShowsTitleSourcesTagsAndBody() async throws {
        let site = try TestSite("""
            -- Content/2024/03/05/budget.md --
            ---
            title: Budget passes after long night
            date: 2024-03-05
            tags: [Economy, Trade & Industry]
            sources: [The Harbour Ledger]
            ---
            The assembly **passed** the budget.
            """)
        defer { site.delete() }
        try await site.build()
        let page = try site.output("2024/03/05/budget.html")
        #expect(page.contains("<h1>Budget passes after long night</h1>"))
        #expect(page.contains("<strong>passed</strong>"))
        #expect(page.contains("href=\"../../../tags/economy/\">Economy</a>"))
        #expect(page.contains("href=\"../../../tags/trade-industry/\">Trade &amp; Industry</a>"))
        #expect(page.contains("href=\"../../../sources/the-harbour-ledger/\">The Harbour Ledger</a>"))
        #expect(page.contains("<time datetime=\"2024-03-05\">Tuesday 5 March 2024</time>"))
        #expect(page.contains("href=\"../../../2024/03/05/budget.print.html\""))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://test.example.org/2024/03/05/budget.html\">"))
    }

    @Test func anEarlyMorningEntryBelongsToTheDayAsWritten() async throws {
        let site = try TestSite("""
            -- Content/2022/10/04/ferry.md --
            ---
            title: Ferry deal signed
            date: 2022-10-04T07:30:00+09:00
            ---
            Signed before breakfast in Tokyo, still the evening before in UTC.
            """)
        defer { site.delete() }
        try await site.build()
        #expect(site.hasOutput("2022/10/04/ferry.html"))
        #expect(!site.hasOutput("2022/10/03/index.html"))
        let day = try site.output("2022/10/04/index.html")
        #expect(day.contains("Tuesday 4 October 2022, 07:30 (UTC+09:00)"))
        #expect(day.contains("datetime=\"2022-10-04T07:30:00+09:00\""))
    }

    @Test func slugComesFromFrontMatterOrFileName() async throws {
        let site = try TestSite("""
            -- Content/2024/01/02/Port Strike Day 1.md --
            ---
            title: A
            date: 2024-01-02
            ---
            a
            -- Content/2024/01/02/other.md --
            ---
            title: B
            date: 2024-01-02
            slug: chosen-name
            ---
            b
            """)
        defer { site.delete() }
        try await site.build()
        #expect(site.hasOutput("2024/01/02/port-strike-day-1.html"))
        #expect(site.hasOutput("2024/01/02/chosen-name.html"))
        #expect(!site.hasOutput("2024/01/02/other.html"))
    }

    @Test func printViewsHaveNoNavigationAndPointBackToThePage() async throws {
        let site = try TestSite("""
            -- Content/2024/03/05/budget.md --
            ---
            title: Budget passes
            date: 2024-03-05
            ---
            See [the report](https://example.org/report).
            """)
        defer { site.delete() }
        try await site.build()
        for path in ["2024/03/05/budget.print.html", "2024/03/05/print.html"] {
            let page = try site.output(path)
            #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
            #expect(page.contains("print.css"))
            #expect(!page.contains("site-nav"))
            #expect(page.contains("Test Digest"))
            #expect(page.contains("Tuesday 5 March 2024"))
        }
        #expect(try site.output("2024/03/05/budget.print.html")
            .contains("<link rel=\"canonical\" href=\"https://test.example.org/2024/03/05/budget.html\">"))
        #expect(try site.output("2024/03/05/print.html")
            .contains("<link rel=\"canonical\" href=\"https://test.example.org/2024/03/05/\">"))
        #expect(try site.output("2024/03/05/budget.html").contains("Print this entry"))
        #expect(try site.output("2024/03/05/index.html").contains("Print this day"))
    }

    @Test func draftsStayOutUnlessAsked() async throws {
        let site = try TestSite("""
            -- Content/2024/03/05/wip.md --
            ---
            title: Work in progress
            date: 2024-03-05
            draft: true
            ---
            Not yet.
            -- Content/2024/03/05/later.md --
            ---
            title: Later perhaps
            date: 2024-03-05
            draft: Yes
            ---
            Maybe.
            -- Content/2024/03/05/done.md --
            ---
            title: Done
            date: 2024-03-05
            ---
            Yes.
            """)
        defer { site.delete() }
        try await site.build()
        #expect(!site.hasOutput("2024/03/05/wip.html"))
        #expect(!site.hasOutput("2024/03/05/later-perhaps.html") && !site.hasOutput("2024/03/05/later.html"))
        #expect(!(try site.output("2024/03/05/index.html")).contains("Work in progress"))
        try await site.build(drafts: true)
        #expect(site.hasOutput("2024/03/05/wip.html"))
        #expect(site.hasOutput("2024/03/05/later.html"))
    }

    @Test func hostileTextIsEscapedInEveryPageAndFeed() async throws {
        let site = try TestSite("""
            -- Content/site.yml --
            title: "<b>Site</b>"
            description: "Desc <script>alert(2)</script>"
            base_url: https://test.example.org/
            -- Content/2024/03/05/x.md --
            ---
            title: "<script>alert(1)</script> & \\"quotes\\""
            date: 2024-03-05
            tags: ["<img src=x onerror=alert(3)>"]
            sources: ["<i>Outlet</i>"]
            summary: "<em>sum</em>"
            ---
            Body.
            """)
        defer { site.delete() }
        try await site.build()
        let hostile = ["<script>alert", "<img src=x", "<i>Outlet", "<em>sum", "<b>Site"]
        for path in site.outputFiles() where !path.hasPrefix("assets/") {
            let text = try site.output(path)
            for fragment in hostile {
                #expect(!text.contains(fragment), "\(path) contains raw \(fragment)")
            }
        }
        #expect(try site.output("2024/03/05/x.html").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
    }
}
