import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// One bad entry and where its error must point.
struct BadEntry: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let line: Int
    let column: Int?
    let message: String

    var testDescription: String { name }
}

@Suite struct ErrorReportingTests {
    static let path = "Content/2025/01/02/entry.md"

    static let cases: [BadEntry] = [
        BadEntry(name: "empty file", text: "", line: 1, column: 1, message: "the file is empty"),
        BadEntry(name: "no front matter", text: "Just text.\n", line: 1, column: 1, message: "missing front matter"),
        BadEntry(name: "unterminated", text: "---\ntitle: A\ndate: 2025-01-02\nBody\n", line: 1, column: 1,
                 message: "the front matter is not closed"),
        BadEntry(name: "malformed YAML", text: "---\ntitle: A\ndate: 2025-01-02\ntags: [a, b\n---\nx\n", line: 5, column: nil,
                 message: "malformed YAML"),
        BadEntry(name: "bad indentation", text: "---\ntitle: A\n  date: 2025-01-02\n---\nx\n", line: 3, column: nil,
                 message: "malformed YAML"),
        BadEntry(name: "not a mapping", text: "---\n- a\n- b\n---\nx\n", line: 2, column: 1,
                 message: "the front matter is a list, not a mapping"),
        BadEntry(name: "missing title", text: "---\ndate: 2025-01-02\n---\nx\n", line: 3, column: 1, message: "missing title"),
        BadEntry(name: "empty title", text: "---\ntitle: \"  \"\ndate: 2025-01-02\n---\nx\n", line: 2, column: 1,
                 message: "the title is empty"),
        BadEntry(name: "missing date", text: "---\ntitle: A\n---\nx\n", line: 3, column: 1, message: "missing date"),
        BadEntry(name: "impossible date", text: "---\ntitle: A\ndate: 2023-02-30\n---\nx\n", line: 3, column: 7,
                 message: "impossible date '2023-02-30': February 2023 has 28 days"),
        BadEntry(name: "unknown date format", text: "---\ntitle: A\ndate: 02/01/2025\n---\nx\n", line: 3, column: 7,
                 message: "unknown date format '02/01/2025'"),
        BadEntry(name: "tags not a list", text: "---\ntitle: A\ndate: 2025-01-02\ntags: Economy\n---\nx\n", line: 4, column: 7,
                 message: "tags must be a list of text, not a text"),
        BadEntry(name: "tag not text", text: "---\ntitle: A\ndate: 2025-01-02\ntags:\n  - {a: b}\n---\nx\n", line: 5, column: 5,
                 message: "each item of tags must be text, not a mapping"),
        BadEntry(name: "sources not a list", text: "---\ntitle: A\ndate: 2025-01-02\nsources: {a: 1}\n---\nx\n", line: 4,
                 column: 10, message: "sources must be a list of text, not a mapping"),
        BadEntry(name: "duplicate key", text: "---\ntitle: A\ntitle: B\ndate: 2025-01-02\n---\nx\n", line: 2, column: nil,
                 message: "duplicate key 'title'"),
        BadEntry(name: "unsafe slug", text: "---\ntitle: A\ndate: 2025-01-02\nslug: ../../etc\n---\nx\n", line: 4, column: 7,
                 message: "slug '../../etc' is not a safe URL segment"),
        BadEntry(name: "slug with NUL", text: "---\ntitle: A\ndate: 2025-01-02\nslug: \"a\\0b\"\n---\nx\n", line: 4, column: 7,
                 message: "is not a safe URL segment"),
        BadEntry(name: "punctuation tag", text: "---\ntitle: A\ndate: 2025-01-02\ntags: [\"...\"]\n---\nx\n", line: 4, column: 8,
                 message: "tag '...' has no letters or digits"),
        BadEntry(name: "draft not a bool", text: "---\ntitle: A\ndate: 2025-01-02\ndraft: maybe\n---\nx\n", line: 4, column: 8,
                 message: "draft must be true or false"),
        BadEntry(name: "quoted draft", text: "---\ntitle: A\ndate: 2025-01-02\ndraft: \"true\"\n---\nx\n", line: 4, column: 8,
                 message: "draft must be true or false"),
        BadEntry(name: "deep nesting", text: "---\ntitle: A\ndate: 2025-01-02\ntags: " + String(repeating: "[", count: 200)
                 + String(repeating: "]", count: 200) + "\n---\nx\n", line: 2, column: 1, message: "the YAML nests 200 levels deep"),
    ]

    @Test(arguments: cases)
    func badEntryNamesFileLineAndProblem(_ entry: BadEntry) async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write(Self.path, entry.text)
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.first(in: Self.path, containing: entry.message), "got:\n\(diagnostics.listing)")
        #expect(error.isError)
        #expect(error.location.line == entry.line, "\(diagnostics.listing)")
        if let column = entry.column { #expect(error.location.column == column, "\(diagnostics.listing)") }
        #expect(error.hint != nil)
    }

    @Test func yamlErrorLinesCountFromTheFileNotTheFrontMatter() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write(Self.path, "---\ntitle: A\ndate: 2025-01-02\nsummary: \"unclosed\n---\nx\n")
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.first(in: Self.path, containing: "malformed YAML"))
        #expect(error.location.line >= 4)
    }

    @Test func bytesThatAreNotUTF8AreLocated() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write(Self.path, bytes: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\ndate: 2025-01-02\n---\nx\n".utf8))
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.first(in: Self.path, containing: "not valid UTF-8"))
        #expect(error.location.line == 2 && error.location.column == 11)
    }

    @Test func unknownKeysWarnWithASuggestion() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write(Self.path, "---\nTitle: A\ntitle: A\ndate: 2025-01-02\ntag: [x]\n---\nx\n")
        let diagnostics = await site.check()
        #expect(!diagnostics.hasErrors, "\(diagnostics.listing)")
        let tag = try #require(diagnostics.first(in: Self.path, containing: "unknown key 'tag'"))
        #expect(tag.severity == .warning && tag.hint == "did you mean 'tags'?" && tag.location.line == 5)
        let title = try #require(diagnostics.first(in: Self.path, containing: "unknown key 'Title'"))
        #expect(title.hint == "did you mean 'title'?" && title.location.line == 2)
    }

    @Test func everyProblemIsReportedTogether() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write("Content/2025/01/02/a.md", "---\ntitle: A\ndate: 2025-13-01\n---\nx\n")
        try site.write("Content/2025/01/02/b.md", "no front matter\n")
        try site.write("Content/2025/01/02/c.md", "---\ndate: 2025-01-02\n---\nx\n")
        let diagnostics = await site.buildFailure()
        #expect(Set(diagnostics.errors.map(\.location.file)) == [
            "Content/2025/01/02/a.md", "Content/2025/01/02/b.md", "Content/2025/01/02/c.md",
        ])
    }

    @Test func twoEntriesWithTheSameURLNameBothFiles() async throws {
        let site = try TestSite("""
            -- Content/2025/01/02/strike.md --
            ---
            title: A
            date: 2025-01-02
            ---
            x
            -- Content/2025/other/strike.md --
            ---
            title: B
            date: 2025-01-02
            ---
            y
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.errors.first { $0.message.contains("both make the page /2025/01/02/strike.html") })
        #expect(error.message.contains("Content/2025/01/02/strike.md") && error.message.contains("Content/2025/other/strike.md"))
    }

    @Test(arguments: ["index", "print"])
    func slugsOfTheDaysOwnPagesAreRefused(_ slug: String) async throws {
        let site = try TestSite("""
            -- Content/2025/01/02/\(slug).md --
            ---
            title: A
            date: 2025-01-02
            ---
            x
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.errors.first)
        #expect(error.message == "the slug '\(slug)' is reserved for the day's own pages")
        #expect(error.location.file == "Content/2025/01/02/\(slug).md")
    }

    @Test func aClashOnABusyDayIsFoundAsOnAQuietOne() async throws {
        // Forty entries on one day, the last taking the slug of the third.
        var archive = ""
        for number in 1...40 {
            archive += """
                -- Content/2025/01/02/e\(String(format: "%02d", number)).md --
                ---
                title: Entry \(number)
                date: 2025-01-02
                \(number == 40 ? "slug: e03" : "")
                ---
                x

                """
        }
        let site = try TestSite(archive)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        #expect(diagnostics.errors.count == 1)
        let error = try #require(diagnostics.errors.first)
        #expect(error.message.contains("both make the page /2025/01/02/e03.html"))
        #expect(error.message.contains("Content/2025/01/02/e03.md") && error.message.contains("Content/2025/01/02/e40.md"))
    }

    @Test func tagsThatWouldShareASlugAreAnErrorNamingBoth() async throws {
        let site = try TestSite("""
            -- Content/2025/01/02/a.md --
            ---
            title: A
            date: 2025-01-02
            tags: [Covid 19]
            ---
            x
            -- Content/2025/01/03/b.md --
            ---
            title: B
            date: 2025-01-03
            tags: [COVID-19]
            ---
            y
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        let error = try #require(diagnostics.errors.first { $0.message.contains("would share the URL /tags/covid-19/") })
        #expect(error.message.contains("'Covid 19' (used in Content/2025/01/02/a.md:4)"))
        #expect(error.message.contains("'COVID-19' (used in Content/2025/01/03/b.md:4)"))
    }

    @Test func siteSettingsErrorsAreLocated() async throws {
        let site = try TestSite("""
            -- Content/site.yml --
            title: T
            base_url: not a url
            timezone: Europe/Londn
            home_days: many
            titel: x
            """)
        defer { site.delete() }
        let diagnostics = await site.buildFailure()
        #expect(diagnostics.first(in: "Content/site.yml", containing: "base_url 'not a url'")?.location.line == 2)
        let zone = try #require(diagnostics.first(in: "Content/site.yml", containing: "unknown time zone"))
        #expect(zone.location.line == 3 && zone.hint == "did you mean 'Europe/London'?")
        #expect(diagnostics.first(in: "Content/site.yml", containing: "home_days must be")?.location.line == 4)
        #expect(diagnostics.first(in: "Content/site.yml", containing: "unknown key 'titel'")?.hint == "did you mean 'title'?")
    }

    @Test func oversizedFilesAreRefused() async throws {
        let site = try TestSite("""
            -- Content/site.yml --
            title: T
            max_file_size: 1 KB
            """)
        defer { site.delete() }
        try site.write(Self.path, "---\ntitle: A\ndate: 2025-01-02\n---\n" + String(repeating: "word ", count: 400))
        let diagnostics = await site.buildFailure()
        #expect(diagnostics.first(in: Self.path, containing: "over the limit of 1 KB") != nil)
    }

    @Test func symlinksOutOfTheSiteAreRefused() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        let outside = FileManager.default.temporaryDirectory.appending(path: "outside-\(UUID().uuidString).md")
        try Data("---\ntitle: Secret\ndate: 2025-01-02\n---\nsecret\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: site.root.appending(path: "Content/2025"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.root.appending(path: "Content/2025/link.md"), withDestinationURL: outside)
        let diagnostics = await site.buildFailure()
        #expect(diagnostics.first(in: "Content/2025/link.md", containing: "symbolic link points outside the site folder") != nil)
        #expect(!site.hasOutput("2025/01/02/link.html"))
    }

    /// A link to an entry file elsewhere in the site is read as that file.
    @Test func symlinksToFilesInsideTheSiteAreFollowed() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try site.write("Drafts/shared.md", "---\ntitle: Shared\ndate: 2025-01-02\n---\nShared text.\n")
        try FileManager.default.createDirectory(at: site.root.appending(path: "Content/2025/01/02"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appending(path: "Content/2025/01/02/shared.md").path(percentEncoded: false),
            withDestinationPath: site.root.appending(path: "Drafts/shared.md").path(percentEncoded: false))
        let report = try await site.build()
        #expect(report.entries == 1)
        #expect(try site.output("2025/01/02/shared.html").contains("Shared text."))
    }

    @Test func unreadableEntriesAreErrorsNotSilence() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        try FileManager.default.createDirectory(at: site.root.appending(path: "Content/2025"), withIntermediateDirectories: true)
        // A link to a file that is not there cannot be read; as root, permissions cannot make a file unreadable.
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appending(path: "Content/2025/gone.md").path(percentEncoded: false),
            withDestinationPath: site.root.appending(path: "Content/missing.md").path(percentEncoded: false))
        let diagnostics = await site.buildFailure()
        #expect(diagnostics.first(in: "Content/2025/gone.md", containing: "broken symbolic link") != nil, "\(diagnostics.listing)")
    }

    @Test func editorQuirksBuildCleanly() async throws {
        let site = try TestSite("")
        defer { site.delete() }
        let crlf = "---  \r\ntitle: Windows entry\r\ndate: 2025-01-02\r\n---\t\r\nA line.\r\n"
        try site.write("Content/2025/01/02/crlf.md", bytes: [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        try site.write("Content/2025/01/02/long.md", "---\ntitle: Long\ndate: 2025-01-02\n---\n" + String(repeating: "longword ", count: 50_000))
        let report = try await site.build()
        #expect(report.entries == 2)
        #expect(try site.output("2025/01/02/crlf.html").contains("<h1>Windows entry</h1>"))
    }
}
