import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// `broadsheet check` warns about what is probably a mistake in an archive but still builds.
@Suite struct IntegrityCheckTests {
    static let archive = """
        -- Content/site.yml --
        title: T
        publishing_days: [mon, tue, wed, thu, fri]
        -- Content/2025/01/06/a.md --
        ---
        title: Budget vote delayed
        date: 2025-01-06
        tags: [Economy, Housing]
        ---
        x
        -- Content/2025/01/07/b.md --
        ---
        title: Rents rise again
        date: 2025-01-07
        tags: [Economy, Housing]
        ---
        x
        -- Content/2025/01/10/c.md --
        ---
        title: Budget vote delayed
        date: 2025-01-10
        tags: [Economy, Housng]
        ---
        x
        -- Content/2025/01/09/d.md --
        ---
        title: Filed in the wrong folder
        date: 2025-01-13
        tags: [Economy]
        ---
        x
        """

    @Test func checkReportsGapsMisfiledEntriesRepeatsAndLonelyTags() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let diagnostics = await site.check()
        #expect(!diagnostics.hasErrors, "\(diagnostics.listing)")
        let gaps = try #require(diagnostics.warnings.first { $0.message.contains("publishing days have no digest") })
        #expect(gaps.message.contains("2 publishing days have no digest: 2025-01-08, 2025-01-09"))
        let misfiled = try #require(diagnostics.first(in: "Content/2025/01/09/d.md", containing: "folder for 2025-01-09"))
        #expect(misfiled.message.contains("dated 2025-01-13"))
        let repeated = try #require(diagnostics.first(in: "Content/2025/01/10/c.md", containing: "also used on 2025-01-06"))
        #expect(repeated.message.contains("Budget vote delayed"))
        let lonely = try #require(diagnostics.first(in: "Content/2025/01/10/c.md", containing: "the tag 'Housng' is used only once"))
        #expect(lonely.hint == "did you mean 'Housing'?")
    }

    @Test func buildStaysQuietAboutThem() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let report = try await site.build()
        #expect(report.diagnostics.all.isEmpty, "\(report.diagnostics.listing)")
    }

    @Test func monthPrintEditionHasContentsAndEveryDay() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let edition = try site.output("2025/01/print.html")
        #expect(edition.contains("<nav class=\"toc\" aria-label=\"Contents\">"))
        #expect(edition.contains("<a href=\"#day-2025-01-06\">Monday 6 January 2025</a>"))
        #expect(edition.contains("<section class=\"edition-day\" id=\"day-2025-01-13\">"))
        #expect(edition.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(try site.output("2025/01/index.html").contains("Print this month"))
    }
}
