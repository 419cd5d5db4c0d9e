import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

@Suite struct ArchivePagesTests {
    static let archive = """
        -- Content/2024/12/30/b-late.md --
        ---
        title: Late evening vote
        date: 2024-12-30T22:10:00-05:00
        tags: [Housing]
        sources: [Lantern FM]
        ---
        Late.
        -- Content/2024/12/30/a-early.md --
        ---
        title: Early ferry
        date: 2024-12-30T06:45:00+09:00
        tags: [Transport]
        sources: [Radio Cantel]
        ---
        Early.
        -- Content/2024/12/30/c-plain.md --
        ---
        title: Plain item
        date: 2024-12-30
        tags: [housing]
        sources: [Radio Cantel]
        ---
        Plain.
        -- Content/2025/01/02/fares.md --
        ---
        title: New year, new fares
        date: 2025-01-02
        tags: [Transport, Economy]
        sources: [The Harbour Ledger]
        summary: Fares rise by four per cent.
        ---
        Fares went up.
        """

    @Test func dayPageHoldsEveryEntryInStableOrder() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let day = try site.output("2024/12/30/index.html")
        let plain = try #require(day.range(of: "Plain item"))
        let early = try #require(day.range(of: "Early ferry"))
        let late = try #require(day.range(of: "Late evening vote"))
        #expect(plain.lowerBound < early.lowerBound && early.lowerBound < late.lowerBound)
        #expect(day.contains("<h1>Digest for <time datetime=\"2024-12-30\">Monday 30 December 2024</time></h1>"))
        #expect(day.contains("rel=\"next\""))
    }

    @Test func monthYearAndArchivePagesLinkTheCalendar() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let month = try site.output("2024/12/index.html")
        #expect(month.contains("<td class=\"digest\"><a href=\"../../2024/12/30/\""))
        #expect(month.contains("<td>29</td>"))
        // December 2024 starts on a Sunday: six blank cells before the first.
        #expect(month.contains("<tr><td></td><td></td><td></td><td></td><td></td><td></td><td>1</td>"))
        let year = try site.output("2024/index.html")
        #expect(year.contains("December 2024</a> <span class=\"count\">3 entries"))
        #expect(try site.output("archive/index.html").contains("2025"))
        #expect(site.hasOutput("2024/12/print.html"))
    }

    @Test func homeShowsTheLatestDaysNewestFirst() async throws {
        let site = try TestSite(Self.archive + """

            -- Content/site.yml --
            title: Test Digest
            base_url: https://test.example.org/
            home_days: 1
            """)
        defer { site.delete() }
        try await site.build()
        let home = try site.output("index.html")
        #expect(home.contains("New year, new fares"))
        #expect(home.contains("Fares rise by four per cent."))
        #expect(!home.contains("Early ferry"))
        #expect(home.contains("rel=\"next\" href=\"./page/2.html\""))
        #expect(try site.output("page/2.html").contains("Early ferry"))
    }

    @Test func tagsDifferingInCaseAreOneTagWithAWarning() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let report = try await site.build()
        let tag = try site.output("tags/housing/index.html")
        #expect(tag.contains("Late evening vote") && tag.contains("Plain item"))
        #expect(tag.contains("<h1>Topic: Housing</h1>"))
        let warning = try #require(report.diagnostics.warnings.first { $0.message.contains("spelled 2 ways") })
        #expect(warning.message.contains("'Housing'") && warning.message.contains("'housing'"))
        let index = try site.output("tags/index.html")
        #expect(index.contains("Housing</a> <span class=\"count\">2</span>"))
        #expect(index.contains("Transport</a> <span class=\"count\">2</span>"))
    }

    @Test func tagPagesAreNewestFirstAndPaginated() async throws {
        var archive = "-- Content/site.yml --\ntitle: T\nbase_url: https://test.example.org/\nper_page: 2\n"
        for day in 1...5 {
            archive += "-- Content/2025/03/0\(day)/e.md --\n---\ntitle: Entry \(day)\ndate: 2025-03-0\(day)\ntags: [Energy]\n---\nx\n"
        }
        let site = try TestSite(archive)
        defer { site.delete() }
        try await site.build()
        let first = try site.output("tags/energy/index.html")
        #expect(try #require(first.range(of: "Entry 5")).lowerBound < (try #require(first.range(of: "Entry 4"))).lowerBound)
        #expect(!first.contains("Entry 3"))
        #expect(try site.output("tags/energy/page/2.html").contains("Entry 3"))
        #expect(try site.output("tags/energy/page/3.html").contains("Entry 1"))
        #expect(!site.hasOutput("tags/energy/page/4.html"))
    }

    @Test func otherScriptsKeepReadableSlugs() async throws {
        let site = try TestSite("""
            -- Content/2025/01/02/x.md --
            ---
            title: X
            date: 2025-01-02
            tags: [日本, Kōmeitō]
            ---
            x
            """)
        defer { site.delete() }
        try await site.build()
        #expect(site.hasOutput("tags/日本/index.html"))
        #expect(site.hasOutput("tags/komeito/index.html"))
        #expect(try site.output("2025/01/02/x.html").contains("tags/%E6%97%A5%E6%9C%AC/"))
    }

    @Test func footnotesAndHeadingsAreUniqueOnADayPage() async throws {
        let site = try TestSite("""
            -- Content/2025/01/07/one.md --
            ---
            title: One
            date: 2025-01-07
            ---
            ## Background

            Claim.[^1]

            [^1]: Source one.
            -- Content/2025/01/07/two.md --
            ---
            title: Two
            date: 2025-01-07
            ---
            ## Background

            Claim.[^1]

            [^1]: Source two.
            """)
        defer { site.delete() }
        try await site.build()
        let day = try site.output("2025/01/07/index.html")
        let ids = day.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        #expect(ids.contains("e07-one-fn-1") && ids.contains("e07-two-fn-1"))
        #expect(ids.contains("e07-one-background") && ids.contains("e07-two-background"))
    }

    @Test func markdownExtensionsAreRendered() async throws {
        let site = try TestSite("""
            -- Content/2025/01/07/md.md --
            ---
            title: Markdown
            date: 2025-01-07
            ---
            | Port | Cranes |
            |:-----|------:|
            | Harbourside | 11 |

            ~~old~~ new, see https://www.example.org/x and "quotes"

            - [x] done
            - [ ] open

            <script>alert(1)</script>
            """)
        defer { site.delete() }
        try await site.build()
        let page = try site.output("2025/01/07/md.html")
        #expect(page.contains("<table>") && page.contains("<td style=\"text-align: right\">11</td>"))
        #expect(page.contains("<del>old</del>"))
        #expect(page.contains("<a href=\"https://www.example.org/x\">"))
        #expect(page.contains("“quotes”"))
        #expect(page.contains("type=\"checkbox\" checked=\"\" disabled=\"\""))
        #expect(!page.contains("<script>alert(1)"))
    }
}

@Suite struct BreadcrumbTests {
    @Test func entryPagesShowYearMonthDayAndTheEntry() async throws {
        let site = try TestSite(ArchivePagesTests.archive)
        defer { site.delete() }
        try await site.build()
        let page = try site.output("2025/01/02/fares.html")
        let expected = """
            <li><a href="../../../">Home</a></li>
            <li><a href="../../../2025/">2025</a></li>
            <li><a href="../../../2025/01/">January</a></li>
            <li><a href="../../../2025/01/02/">2 January 2025</a></li>
            <li aria-current="page">New year, new fares</li>
            """
        #expect(page.contains(expected))
    }
}
