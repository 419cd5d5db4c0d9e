import Foundation
import TestSupport
import Testing

extension CLITests {
    /// A build killed with SIGKILL at any moment leaves the output folder as the previous build exactly or as
    /// the complete new one, never a mixture.
    @Suite struct KillCLITests {
        static func site(entries: Int) -> String {
            var archive = ""
            for index in 0..<entries {
                let day = index % 28 + 1
                archive += """
                    -- Content/2024/05/\(day < 10 ? "0" : "")\(day)/entry-\(index).md --
                    ---
                    title: Entry number \(index)
                    date: 2024-05-\(day < 10 ? "0" : "")\(day)
                    tags: [Topic \(index % 7), Desk \(index % 3)]
                    sources: [Outlet \(index % 5)]
                    ---
                    Paragraph about entry \(index), with *emphasis* and a [link](https://example.org/\(index)).

                    """
            }
            return archive
        }

        static func settings(_ title: String) -> String {
            "title: \(title)\nbase_url: https://kill.example.org/\n"
        }

        @Test func aKilledBuildLeavesTheOldSiteOrTheNewOneNeverAMixture() async throws {
            let site = try TestSite(Self.site(entries: 400))
            defer { site.delete() }
            let root = site.root.path(percentEncoded: false)
            // The two possible outcomes, built once each into folders of their own.
            try site.write("Content/site.yml", Self.settings("New Ledger"))
            let newFolder = site.root.appending(path: "expected-new")
            #expect(try await CLI.run(["build", "--site", root, "--output", newFolder.path(percentEncoded: false)]).status == 0)
            let newSite = try snapshot(of: newFolder)
            try site.write("Content/site.yml", Self.settings("Old Ledger"))
            #expect(try await CLI.run(["build", "--site", root]).status == 0)
            let oldSite = try snapshot(of: site.output)
            #expect(oldSite != newSite)

            for delay in [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0] {
                if try snapshot(of: site.output) != oldSite {
                    try site.write("Content/site.yml", Self.settings("Old Ledger"))
                    #expect(try await CLI.run(["build", "--site", root]).status == 0)
                }
                try site.write("Content/site.yml", Self.settings("New Ledger"))
                let child = try ChildProcess(
                    arguments: ["build", "--site", root], environment: CLI.environment([:]), directory: nil,
                    stdout: .file("/dev/null"), stderr: .file("/dev/null"))
                try await Task.sleep(for: .seconds(delay))
                child.kill()
                _ = await child.wait(timeout: 30)
                let after = try snapshot(of: site.output)
                #expect(after == oldSite || after == newSite, "a build killed after \(delay) s left a mixture")
            }
            // The next build after all those kills succeeds and cleans up what the killed ones left.
            #expect(try await CLI.run(["build", "--site", root]).status == 0)
            #expect(try snapshot(of: site.output) == newSite)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains("staging") }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }
}
