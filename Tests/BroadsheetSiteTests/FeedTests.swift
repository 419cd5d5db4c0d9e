import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

@Suite struct FeedTests {
    static let archive = """
        -- Content/site.yml --
        title: Feed Test
        base_url: https://digest.example.org/
        timezone: Asia/Tokyo
        feed_entries: 2
        -- Content/2025/01/02/a.md --
        ---
        title: First & foremost
        date: 2025-01-02
        tags: [Economy]
        ---
        One.
        -- Content/2025/01/03/b.md --
        ---
        title: Second
        date: 2025-01-03T22:10:00-05:00
        tags: [Economy]
        ---
        Two.
        -- Content/2025/01/06/c.md --
        ---
        title: Third
        date: 2025-01-06
        ---
        Three.
        """

    @Test func atomFeedHasTheLatestEntriesWithTheirOwnOffsets() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let feed = try site.output("feed.xml")
        #expect(feed.contains("<id>https://digest.example.org/2025/01/06/c.html</id>"))
        #expect(feed.contains("<updated>2025-01-03T22:10:00-05:00</updated>"))
        #expect(feed.contains("<updated>2025-01-06T00:00:00+09:00</updated>"))
        #expect(!feed.contains("First &amp; foremost"))
        let tagFeed = try site.output("tags/economy/feed.xml")
        #expect(tagFeed.contains("First &amp; foremost"))
        #expect(try site.output("tags/economy/index.html").contains("application/atom+xml"))
    }

    @Test func jsonFeedAndDailyFeedAreWritten() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let json = try JSONSerialization.jsonObject(with: Data(try site.output("feed.json").utf8)) as? [String: Any]
        #expect(json?["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect((json?["items"] as? [[String: Any]])?.count == 2)
        let daily = try site.output("daily.xml")
        #expect(daily.contains("<title>Digest for Monday 6 January 2025</title>"))
    }

    @Test func sitemapListsPagesButNotPrintViews() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let sitemap = try site.output("sitemap.xml")
        #expect(sitemap.contains("<loc>https://digest.example.org/2025/01/02/a.html</loc><lastmod>2025-01-02</lastmod>"))
        #expect(!sitemap.contains("/print/"))
        #expect(try site.output("robots.txt").contains("Sitemap: https://digest.example.org/sitemap.xml"))
    }

    @Test func baseURLFromTheCommandLineWins() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build(baseURL: "https://mirror.example.net/digest")
        #expect(try site.output("feed.xml").contains("https://mirror.example.net/digest/2025/01/06/c.html"))
        #expect(try site.output("2025/01/06/c.html").contains("href=\"../../../assets/style.css\""))
    }
}

@Suite struct AssetLinkTests {
    @Test func imagesResolveOnPagesAndInFeeds() async throws {
        let site = try TestSite("""
            -- Content/site.yml --
            title: T
            base_url: https://digest.example.org/news/
            -- Content/assets/map.svg --
            <svg xmlns="http://www.w3.org/2000/svg"/>
            -- Content/2025/01/02/a.md --
            ---
            title: With a map
            date: 2025-01-02
            ---
            ![The map](/news/assets/map.svg)
            """)
        defer { site.delete() }
        try await site.build()
        #expect(try site.output("2025/01/02/a.html").contains("<img src=\"../../../assets/map.svg\" alt=\"The map\""))
        #expect(try site.output("2025/01/02/index.html").contains("<img src=\"../../../assets/map.svg\""))
        #expect(try site.output("feed.xml").contains("img src=&quot;https://digest.example.org/news/assets/map.svg&quot;"))
        #expect(site.hasOutput("assets/map.svg"))
    }
}

@Suite struct TopicNavigationTests {
    @Test func entryPagesLinkTheNeighboursWithinEachTopic() async throws {
        var archive = ""
        for day in 1...4 {
            let tags = day == 3 ? "[Energy]" : "[Energy, Housing]"
            archive += "-- Content/2025/03/0\(day)/e.md --\n---\ntitle: Entry \(day)\ndate: 2025-03-0\(day)\ntags: \(tags)\n---\nx\n"
        }
        let site = try TestSite(archive)
        defer { site.delete() }
        try await site.build()
        let page = try site.output("2025/03/02/e.html")
        #expect(page.contains("Energy</a>: <a rel=\"prev\" href=\"../../../2025/03/01/e.html\">← Entry 1</a> <a rel=\"next\" href=\"../../../2025/03/03/e.html\">Entry 3 →</a>"))
        #expect(page.contains("Housing</a>: <a rel=\"prev\" href=\"../../../2025/03/01/e.html\">← Entry 1</a> <a rel=\"next\" href=\"../../../2025/03/04/e.html\">Entry 4 →</a>"))
    }
}
