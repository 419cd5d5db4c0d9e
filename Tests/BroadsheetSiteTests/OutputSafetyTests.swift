import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

@Suite struct OutputSafetyTests {
    static let archive = """
        -- Content/2025/01/02/a.md --
        ---
        title: First
        date: 2025-01-02
        tags: [Economy]
        ---
        One.
        -- Content/2025/01/03/b.md --
        ---
        title: Second
        date: 2025-01-03
        tags: [Economy]
        ---
        Two.
        """

    @Test func aFailedWriteLeavesThePreviousOutputExactlyAsItWas() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let before = try site.outputSnapshot()
        try site.write("Content/2025/01/02/a.md", "---\ntitle: First, changed\ndate: 2025-01-02\n---\nChanged.\n")
        let diagnostics = await site.buildFailure(failAfterWrites: 5)
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.errors.contains { $0.message.contains("simulated failure") })
        #expect(try site.outputSnapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path(percentEncoded: false))
        #expect(!leftovers.contains { $0.contains("staging") })
    }

    @Test func aContentErrorLeavesThePreviousOutputExactlyAsItWas() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let before = try site.outputSnapshot()
        try site.write("Content/2025/01/04/bad.md", "---\ntitle: Bad\ndate: 2025-02-30\n---\nx\n")
        #expect(await site.buildFailure().hasErrors)
        #expect(try site.outputSnapshot() == before)
    }

    @Test func aDeletedEntryDisappears() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        #expect(site.hasOutput("2025/01/03/b.html"))
        try site.remove("Content/2025/01/03/b.md")
        try await site.build()
        #expect(!site.hasOutput("2025/01/03/b.html"))
        #expect(!site.hasOutput("2025/01/03/index.html"))
        #expect(!(try site.output("tags/economy/index.html")).contains("Second"))
    }

    @Test func aRebuildWithNoChangesRewritesNothing() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        let path = site.output.appending(path: "2025/01/02/a.html").path(percentEncoded: false)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let report = try await site.build()
        #expect(report.written == 0)
        #expect(report.unchanged == report.files)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before == after)
        let fresh = try await site.build(fresh: true)
        #expect(fresh.written == fresh.files)
    }

    @Test func publisherDotFilesSurviveRebuilds() async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try await site.build()
        try site.write("Output/.nojekyll", "")
        try await site.build()
        #expect(site.hasOutput(".nojekyll"))
    }

    @Test(arguments: ["", "Content", "Content/out", "Templates/out", "/"])
    func refusesDangerousOutputFolders(_ relative: String) async throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let output = relative == "/" ? URL(filePath: "/") : site.root.appending(path: relative)
        do {
            try await site.build(output: output)
            Issue.record("the build accepted \(relative)")
        } catch {
            #expect(error.diagnostics.errors.contains { $0.message.contains("refusing to write the site into") })
        }
    }

    @Test func refusesAFolderThatIsNotABuiltSite() async throws {
        let site = try TestSite(Self.archive + "\n-- Elsewhere/notes.txt --\nprecious\n")
        defer { site.delete() }
        do {
            try await site.build(output: site.root.appending(path: "Elsewhere"))
            Issue.record("the build replaced a folder of notes")
        } catch {
            #expect(error.diagnostics.errors.contains { $0.message.contains("do not look like a built site") })
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appending(path: "Elsewhere/notes.txt").path(percentEncoded: false)))
    }

    @Test func outputIsIdenticalWithOneJobOrMany() async throws {
        let site = try TestSite(ArchivePagesTests.archive)
        defer { site.delete() }
        try await site.build(jobs: 1, fresh: true)
        let serial = try site.outputSnapshot()
        try await site.build(jobs: 8, fresh: true)
        #expect(try site.outputSnapshot() == serial)
    }
}
