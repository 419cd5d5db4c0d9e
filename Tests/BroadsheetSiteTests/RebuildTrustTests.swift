import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// What a rebuild trusts from the build before it, and what makes it look again.
@Suite struct RebuildTrustTests {
    static let archive = """
        -- Content/2025/01/02/a.md --
        ---
        title: First
        date: 2025-01-02
        tag: [Economy]
        tags: [Economy]
        ---
        One.
        -- Content/2025/01/03/b.md --
        ---
        title: Second
        date: 2025-01-03
        tags: [Economy, Trade]
        ---
        Two.
        """

    /// With nothing changed, a rebuild reads no entry, writes nothing, and still reports the warnings
    /// and counts of the build that made the output.
    @Test func aRebuildWithNothingChangedRepeatsTheLastReportWithoutReadingEntries() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        let first = try await site.build()
        #expect(first.cachedEntries == 0 && first.written == first.files)
        let again = try await site.build()
        #expect(again.cachedEntries == 0, "entries were read from the cache")
        #expect(again.rendered == 0 && again.written == 0)
        #expect(again.diagnostics.warnings == first.diagnostics.warnings)
        #expect(again.diagnostics.warnings.contains { $0.message == "unknown key 'tag'" })
        #expect((again.entries, again.days, again.tags, again.files) == (first.entries, first.days, first.tags, first.files))
        // An edit is seen again: the entry is read and its pages are rendered.
        try site.write("Content/2025/01/03/b.md", "---\ntitle: Second, edited\ndate: 2025-01-03\ntags: [Economy, Trade]\n---\nTwo.\n")
        let edited = try await site.build()
        #expect(edited.cachedEntries == 1 && edited.rendered > 0)
        #expect(try site.output("2025/01/03/b.html").contains("Second, edited"))
    }

    /// Dates `path` a minute back, past the seconds in which the cache distrusts a time stamp.
    private func age(_ path: String, in site: TestSite) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: site.root.appending(path: path).path(percentEncoded: false))
    }

    /// An entry parsed by one build is taken from the cache by the next: the cache keeps the records a
    /// build adds beside the ones it read, without rewriting those.
    @Test func anEntryParsedByOneBuildIsCachedForTheNext() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        try await site.build()
        try site.write("Content/2025/01/02/a.md", "---\ntitle: First, edited\ndate: 2025-01-02\ntags: [Economy]\n---\nOne.\n")
        try age("Content/2025/01/02/a.md", in: site)
        let edited = try await site.build()
        #expect(edited.cachedEntries == 1, "the unchanged entry came from the cache")
        try site.write("Content/2025/01/03/b.md", "---\ntitle: Second, edited\ndate: 2025-01-03\ntags: [Trade]\n---\nTwo.\n")
        try age("Content/2025/01/03/b.md", in: site)
        let next = try await site.build()
        #expect(next.cachedEntries == 1, "the entry edited before came from the cache")
        #expect(try site.output("2025/01/02/a.html").contains("First, edited"))
        #expect(try site.output("2025/01/03/b.html").contains("Second, edited"))
    }

    /// Folders removed from the output down to the month and tag level are noticed and written again.
    @Test(arguments: ["tags", "2025/01", "tags/trade", "2025"])
    func removedOutputFoldersAreRestored(folder: String) async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        try await site.build()
        let complete = try site.outputSnapshot()
        try FileManager.default.removeItem(at: site.output.appending(path: folder))
        let report = try await site.build()
        #expect(report.written > 0)
        #expect(try site.outputSnapshot() == complete)
    }

    /// A page edited by hand deeper down is put right by `--fresh`.
    @Test func freshRestoresAPageEditedByHand() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        try await site.build()
        let complete = try site.outputSnapshot()
        try site.write("Output/2025/01/02/a.html", "edited by hand")
        try await site.build(fresh: true)
        #expect(try site.outputSnapshot() == complete)
    }

    /// A site's first build leaves a spare tree (links to the files of the output it created), so the
    /// first edit updates that in place rather than filling a new tree.
    @Test func theFirstBuildLeavesASpareTreeForTheFirstEdit() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        try await site.build()
        let spare = site.root.appending(path: ".Output.spare", directoryHint: .isDirectory)
        #expect(try snapshot(of: spare) == (try site.outputSnapshot()))
        try site.write("Content/2025/01/02/a.md", "---\ntitle: First, edited\ndate: 2025-01-02\ntags: [Economy]\n---\nOne.\n")
        let edited = try await site.build()
        #expect(edited.usedSpare && edited.renderedSubset)
        #expect(try site.output("2025/01/02/a.html").contains("First, edited"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path(percentEncoded: false))
            .filter { $0.hasPrefix(".Output.staging") }
        #expect(leftovers.isEmpty)
    }

    /// A fresh build over a built site fills a new folder and replaces the spare tree: the old spare is
    /// deleted while pages render, the output before the build becomes the spare, and nothing set aside
    /// is left behind, neither by this build nor by one killed before it.
    @Test func aFreshBuildReplacesTheSpareAndLeavesNothingAside() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        try await site.build()
        // Left by killed builds: one mid-deletion, one staging folder of a process with this one's number.
        for leftover in [".Output.trash-1", ".Output.staging-\(getpid())"] {
            let folder = site.root.appending(path: leftover, directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: folder.appending(path: "2025"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: folder.appending(path: "2025/a.html"))
        }
        let before = try site.outputSnapshot()
        try site.write("Content/2025/01/02/a.md", "---\ntitle: First, edited\ndate: 2025-01-02\ntags: [Economy]\n---\nOne.\n")
        try await site.build(fresh: true)
        #expect(try site.output("2025/01/02/a.html").contains("First, edited"))
        let spare = site.root.appending(path: ".Output.spare", directoryHint: .isDirectory)
        #expect(try snapshot(of: spare) == before)
        let aside = try FileManager.default.contentsOfDirectory(atPath: site.root.path(percentEncoded: false))
            .filter { $0.hasPrefix(".Output.") && $0 != ".Output.spare" }
        #expect(aside.isEmpty, "left beside the output: \(aside)")
        let edited = try await site.build()
        #expect(edited.written == 0)
    }

    /// An edit below an entry's first paragraph changes no title or summary: only the pages showing its
    /// body are rendered (not the search index, lists or neighbours), and the output still equals a
    /// fresh build's.
    @Test func aBodyEditRendersOnlyThePagesShowingTheBody() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let mirror = try TestSite("")
        defer { mirror.delete() }
        try site.ageSourceFiles()
        try await site.build()
        let index = site.output.appending(path: "search-index.json").path(percentEncoded: false)
        let indexTime = try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date
        try site.write(
            "Content/2025/01/03/b.md", "---\ntitle: Second\ndate: 2025-01-03\ntags: [Economy, Trade]\n---\nTwo.\n\nA new paragraph.\n")
        let edited = try await site.build()
        #expect(edited.renderedSubset)
        // The entry and its print view, the day and its print view, the month's edition, three site feeds, two tag feeds.
        #expect(edited.rendered == 10, "\(edited.rendered) pages rendered")
        #expect(try site.output("2025/01/03/b.html").contains("A new paragraph."))
        #expect(try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date == indexTime)
        try FileManager.default.removeItem(at: mirror.root.appending(path: "Content"))
        try FileManager.default.copyItem(at: site.root.appending(path: "Content"), to: mirror.root.appending(path: "Content"))
        try await mirror.build(jobs: 1, fresh: true)
        #expect(try site.outputSnapshot() == (try snapshot(of: mirror.output)))
    }

    /// A rebuild reads again only the folders of `Content/` that changed since the last build, and
    /// finds every entry added, removed or renamed in them, and every new folder.
    @Test func foldersListedByOneBuildAreReadAgainWhenTheyChange() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try site.ageSourceFiles()
        // Folders changed in the last two seconds are listed afresh by every build: wait those out.
        try await Task.sleep(for: .milliseconds(2100))
        try await site.build()
        let listings = site.root.appending(path: ".broadsheet-cache/folders.bin").path(percentEncoded: false)
        #expect(FileManager.default.fileExists(atPath: listings))
        let unchanged = try await site.build()
        #expect(unchanged.written == 0 && unchanged.entries == 2)

        try site.write("Content/2025/01/03/c.md", "---\ntitle: Third\ndate: 2025-01-03\n---\nThree.\n")
        let added = try await site.build()
        #expect(added.entries == 3)
        #expect(try site.output("2025/01/03/c.html").contains("Third"))

        try FileManager.default.moveItem(
            at: site.root.appending(path: "Content/2025/01/03/c.md"), to: site.root.appending(path: "Content/2025/01/03/renamed.md"))
        let renamed = try await site.build()
        #expect(renamed.entries == 3)
        #expect(site.hasOutput("2025/01/03/renamed.html") && !site.hasOutput("2025/01/03/c.html"))

        try site.remove("Content/2025/01/02/a.md")
        let removed = try await site.build()
        #expect(removed.entries == 2)
        #expect(!site.hasOutput("2025/01/02/a.html"))

        try site.write("Content/2025/02/01/d.md", "---\ntitle: Fourth\ndate: 2025-02-01\n---\nFour.\n")
        let newFolder = try await site.build()
        #expect(newFolder.entries == 3)
        #expect(try site.output("2025/02/01/d.html").contains("Fourth"))
    }
}
