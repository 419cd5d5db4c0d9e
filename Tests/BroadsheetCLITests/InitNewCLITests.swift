import Foundation
import Testing

extension CLITests {
    /// `broadsheet init` and `broadsheet new`, then a build: the path a new user takes.
    @Suite struct InitNewCLITests {
        @Test func initThenNewThenBuildPublishesTheEntry() async throws {
            let parent = FileManager.default.temporaryDirectory.appending(path: "broadsheet-init-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: parent) }
            let site = parent.appending(path: "digest", directoryHint: .isDirectory)

            // Relative paths, run from the parent folder, as typed in a shell.
            let created = try await CLI.run(["init", "digest", "--title", "Harbour Digest"], in: parent)
            #expect(created.status == 0, "\(created)")
            #expect(FileManager.default.fileExists(atPath: site.appending(path: "Content/site.yml").path(percentEncoded: false)))

            let new = try await CLI.run(
                ["new", "Port strike ends", "--date", "2025-01-14", "--tags", "Labour,Transport", "--site", "digest"], in: parent)
            #expect(new.status == 0, "\(new)")
            #expect(new.stdout == "Content/2025/01/14/port-strike-ends.md\n", "\(new)")
            let entry = site.appending(path: "Content/2025/01/14/port-strike-ends.md")
            let written = try String(contentsOf: entry, encoding: .utf8)
            #expect(written.contains("title: \"Port strike ends\""), "\(written)")

            let build = try await CLI.run(["build", "--site", "digest"], in: parent)
            #expect(build.status == 0, "\(build)")
            let page = try String(contentsOf: site.appending(path: "Output/2025/01/14/port-strike-ends.html"), encoding: .utf8)
            #expect(page.contains("<h1>Port strike ends</h1>"))
            #expect(page.contains("tags/labour/\">Labour</a>"), "Labour tag link")
            #expect(page.contains("tags/transport/\">Transport</a>"), "Transport tag link")
            #expect(page.contains("Harbour Digest"))

            let again = try await CLI.run(["new", "Port strike ends", "--date", "2025-01-14", "--site", "digest"], in: parent)
            #expect(again.status != 0, "\(again)")
            #expect(again.stderr.contains("Content/2025/01/14/port-strike-ends.md already exists"), "\(again)")
            #expect(try String(contentsOf: entry, encoding: .utf8) == written, "the second new changed the entry")
        }

        @Test func initRefusesAFolderWithFiles() async throws {
            let folder = FileManager.default.temporaryDirectory.appending(path: "broadsheet-init-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("keep me\n".utf8).write(to: folder.appending(path: "notes.txt"))
            let result = try await CLI.run(["init", folder.path(percentEncoded: false)])
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr.contains("is not empty"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "Content").path(percentEncoded: false)))
        }

        @Test func newNeedsASiteFolder() async throws {
            let folder = FileManager.default.temporaryDirectory.appending(path: "broadsheet-new-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try await CLI.run(["new", "Port strike ends", "--site", folder.path(percentEncoded: false)])
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("no Content/ folder"), "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)).isEmpty)
        }

        @Test(arguments: [
            (["new", "Budget", "--date", "2023-02-30"], "--date must be a real day"),
            (["new", "...", "--date", "2023-02-03"], "no letters or digits"),
            (["new", "   "], "the title is empty"),
        ])
        func newRejectsBadInputBeforeWriting(arguments: [String], message: String) async throws {
            let folder = FileManager.default.temporaryDirectory.appending(path: "broadsheet-new-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try await CLI.run(arguments + ["--site", folder.path(percentEncoded: false)])
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains(message), "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)).isEmpty)
        }
    }
}
