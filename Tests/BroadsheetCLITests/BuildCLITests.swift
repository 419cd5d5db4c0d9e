import Foundation
import TestSupport
import Testing

extension CLITests {
    /// `broadsheet build` as a user runs it: the real binary, its exit status, what it prints and what it leaves on disk.
    @Suite struct BuildCLITests {
        static let smallSite = """
            -- Content/2024/03/05/budget.md --
            ---
            title: Budget passes after long night
            date: 2024-03-05
            tags: [Economy]
            ---
            The assembly **passed** the budget.
            -- Content/2024/03/06/ferry.md --
            ---
            title: Ferry timetable changes
            date: 2024-03-06
            tags: [Transport, Economy]
            ---
            The winter timetable starts on Monday.
            """

        @Test func buildWritesTheSiteAndPrintsASummary() async throws {
            let site = try TestSite(Self.smallSite)
            defer { site.delete() }
            let result = try await CLI.run(["build", "--site", site.root.path(percentEncoded: false)])
            #expect(result.status == 0, "\(result)")
            let summary = try #require(result.stdout.lines.first { $0.hasPrefix("Built ") }, "\(result)")
            #expect(summary.hasPrefix("Built 2 entries on 2 days with 2 tags: "), "\(summary)")
            #expect(summary.contains(" written") && summary.hasSuffix(" s."), "\(summary)")
            #expect(result.stderr.isEmpty, "\(result)")
            for path in ["index.html", "2024/03/05/index.html", "2024/03/05/budget.html", "2024/03/06/ferry.html",
                         "tags/economy/index.html", "tags/transport/index.html"]
            {
                #expect(site.hasOutput(path), "missing \(path); output: \(site.outputFiles())")
            }
            #expect(try site.output("2024/03/05/budget.html").contains("Budget passes after long night"))
        }

        @Test func quietBuildPrintsNothingAndVerboseAddsPhases() async throws {
            let site = try TestSite(Self.smallSite)
            defer { site.delete() }
            let quiet = try await CLI.run(["build", "-q", "--site", site.root.path(percentEncoded: false)])
            #expect(quiet.status == 0, "\(quiet)")
            #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")
            let verbose = try await CLI.run(["build", "--verbose", "--site", site.root.path(percentEncoded: false)])
            #expect(verbose.status == 0, "\(verbose)")
            for phase in ["scan", "front matter", "Markdown", "render", "write"] {
                #expect(verbose.stdout.contains("  \(phase): "), "\(verbose)")
            }
        }

        /// Dates are calendar dates as written: the machine's time zone must not move an entry to another day.
        @Test func theTimeZoneOfTheMachineChangesNothing() async throws {
            let site = try TestSite("""
                -- Content/2022/10/04/tokyo.md --
                ---
                title: Ferry deal signed in Tokyo
                date: 2022-10-04T07:30:00+09:00
                tags: [Transport]
                ---
                Signed before breakfast in Tokyo, still the evening before in UTC.
                -- Content/2022/10/04/california.md --
                ---
                title: Late vote in Sacramento
                date: 2022-10-04T23:30:00-07:00
                tags: [Politics]
                ---
                Counted late in California, already the next morning in UTC.
                -- Content/2022/10/04/plain.md --
                ---
                title: Harbour dues unchanged
                date: 2022-10-04
                tags: [Transport]
                ---
                A date without a time.
                -- Content/2022/10/05/next.md --
                ---
                title: Next morning's papers
                date: 2022-10-05
                ---
                The day after.
                """)
            defer { site.delete() }
            var outputs: [String: [String: Data]] = [:]
            for zone in ["UTC", "Asia/Tokyo", "America/Los_Angeles"] {
                let folder = site.root.appending(path: "out-" + zone.replacing("/", with: "-"), directoryHint: .isDirectory)
                let result = try await CLI.run(
                    ["build", "--site", site.root.path(percentEncoded: false), "--output", folder.path(percentEncoded: false)],
                    environment: ["TZ": zone])
                #expect(result.status == 0, "TZ=\(zone): \(result)")
                outputs[zone] = try snapshot(of: folder)
            }
            let reference = try #require(outputs["UTC"])
            #expect(reference.count > 10)
            for zone in ["Asia/Tokyo", "America/Los_Angeles"] {
                let other = try #require(outputs[zone])
                #expect(other.keys.sorted() == reference.keys.sorted(), "TZ=\(zone) wrote other files")
                let differing = reference.keys.sorted().filter { other[$0] != reference[$0] }
                #expect(differing.isEmpty, "TZ=\(zone) changed: \(differing)")
            }
            // And the day is the one written, not the UTC day.
            #expect(reference["2022/10/03/index.html"] == nil)
            let day = String(decoding: try #require(reference["2022/10/04/index.html"]), as: UTF8.self)
            for title in ["Ferry deal signed in Tokyo", "Late vote in Sacramento", "Harbour dues unchanged"] {
                #expect(day.contains(title), "\(title) is not on 4 October")
            }
            let nextDay = String(decoding: try #require(reference["2022/10/05/index.html"]), as: UTF8.self)
            #expect(!nextDay.contains("Late vote in Sacramento"))
            #expect(reference["2022/10/04/tokyo.html"] != nil && reference["2022/10/04/california.html"] != nil)
        }

        @Test func badInputIsReportedByFileLineAndColumnAndLeavesTheOutputAlone() async throws {
            let site = try TestSite(Self.smallSite)
            defer { site.delete() }
            let root = site.root.path(percentEncoded: false)
            let first = try await CLI.run(["build", "--site", root])
            try #require(first.status == 0, "\(first)")
            let before = try snapshot(of: site.output)

            // Written out of order, so the report's order comes from sorting, not from the disk.
            try site.write("Content/2024/07/01/c.md", "---\ntitle: C\ndate: 02/01/2025\n---\nx\n")
            try site.write("Content/2023/02/28/x.md", "---\ntitle: A\ndate: 2023-02-30\n---\nx\n")
            try site.write("Content/2021/05/01/b.md", "---\ndate: 2021-05-01\n---\nx\n")
            let result = try await CLI.run(["build", "--site", root])

            #expect(result.status == 1, "\(result)")
            #expect(!result.timedOut)
            let lines = result.stderr.lines
            let impossible = "Content/2023/02/28/x.md:3:7: error: impossible date '2023-02-30': February 2023 has 28 days"
            let index = try #require(lines.firstIndex(of: impossible), "\(result)")
            #expect(lines.indices.contains(index + 1) && lines[index + 1].hasPrefix("    hint: "), "\(result)")
            let errorFiles = lines.filter { $0.contains(": error: ") }.map { line in String(line.prefix { $0 != ":" }) }
            #expect(errorFiles == ["Content/2021/05/01/b.md", "Content/2023/02/28/x.md", "Content/2024/07/01/c.md"], "\(result)")
            for line in lines where line.contains(": error: ") {
                #expect(line.wholeMatch(of: /Content\/[^:]+\.md:\d+:\d+: error: .+/) != nil, "not path:line:column: \(line)")
            }
            #expect(lines.contains("Build failed with 3 errors; the output folder was not changed."), "\(result)")
            for crash in ["Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault", "#0 "] {
                #expect(!result.stderr.contains(crash), "\(result)")
            }
            #expect(!result.stdout.contains("Built "), "\(result)")
            #expect(try snapshot(of: site.output) == before, "a failed build changed the output")
        }

        @Test func aMissingSiteFailsWithAMessageNotACrash() async throws {
            let missing = FileManager.default.temporaryDirectory.appending(path: "broadsheet-missing-\(UUID().uuidString)")
            let result = try await CLI.run(["build", "--site", missing.path(percentEncoded: false)])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("error: "), "\(result)")
            #expect(!result.stderr.contains("Fatal error"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: missing.path(percentEncoded: false)), "build created the missing site")
        }

        @Test func unknownOptionsAndBadValuesAreUsageErrors() async throws {
            let unknown = try await CLI.run(["build", "--no-such-option"])
            #expect(unknown.status == 64, "\(unknown)")
            #expect(unknown.stderr.contains("--no-such-option"), "\(unknown)")
            let jobs = try await CLI.run(["build", "--jobs", "0"])
            #expect(jobs.status == 64, "\(jobs)")
            #expect(jobs.stderr.contains("--jobs must be at least 1"), "\(jobs)")
        }
    }
}
