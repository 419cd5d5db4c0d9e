import Foundation
import TestSupport
import Testing

extension CLITests {
    /// `broadsheet check --format json`: machine-readable diagnostics, the right exit status, and nothing written.
    @Suite struct CheckCLITests {
        /// The JSON output parsed into one dictionary per diagnostic, checking the shape every item must have.
        private func parse(_ result: CLIResult) throws -> [[String: Any]] {
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let items = try #require(json as? [[String: Any]], "not a JSON array of objects: \(result)")
            for item in items {
                #expect(Set(item.keys) == ["file", "line", "column", "severity", "message", "hint"], "\(item)")
                #expect(item["file"] is String && item["message"] is String, "\(item)")
                #expect(item["line"] is Int && item["column"] is Int, "\(item)")
                #expect(["error", "warning"].contains(item["severity"] as? String), "\(item)")
                #expect(item["hint"] is String || item["hint"] is NSNull, "\(item)")
            }
            return items
        }

        @Test func errorsComeOutAsJSONWithExitStatusOne() async throws {
            let site = try TestSite("""
                -- Content/2023/02/28/x.md --
                ---
                title: A
                date: 2023-02-30
                ---
                x
                -- Content/2023/03/01/y.md --
                ---
                title: B
                date: 2023-03-01
                summry: a typo in a key
                ---
                y
                """)
            defer { site.delete() }
            let before = try snapshot(of: site.root)
            let result = try await CLI.run(["check", "--format", "json", "--site", site.root.path(percentEncoded: false)])
            #expect(result.status == 1, "\(result)")
            let items = try parse(result)
            let error = try #require(items.first { $0["severity"] as? String == "error" }, "\(result)")
            #expect(error["file"] as? String == "Content/2023/02/28/x.md")
            #expect(error["line"] as? Int == 3 && error["column"] as? Int == 7)
            #expect(error["message"] as? String == "impossible date '2023-02-30': February 2023 has 28 days")
            #expect((error["hint"] as? String)?.isEmpty == false)
            #expect(items.contains { $0["severity"] as? String == "warning" && ($0["message"] as? String)?.contains("summry") == true },
                    "\(result)")
            #expect(!FileManager.default.fileExists(atPath: site.output.path(percentEncoded: false)), "check created the output folder")
            #expect(try snapshot(of: site.root) == before, "check wrote into the site")
        }

        @Test func warningsAloneExitZero() async throws {
            let site = try TestSite("""
                -- Content/2023/03/01/y.md --
                ---
                title: B
                date: 2023-03-02
                summry: a typo in a key
                ---
                y
                """)
            defer { site.delete() }
            let result = try await CLI.run(["check", "--format", "json", "--site", site.root.path(percentEncoded: false)])
            #expect(result.status == 0, "\(result)")
            let items = try parse(result)
            #expect(!items.isEmpty && items.allSatisfy { $0["severity"] as? String == "warning" }, "\(result)")
            #expect(items.contains { ($0["message"] as? String)?.contains("folder") == true }, "the misplaced entry: \(result)")
            #expect(!FileManager.default.fileExists(atPath: site.output.path(percentEncoded: false)), "check created the output folder")
        }

        @Test func aCleanSiteIsAnEmptyArray() async throws {
            let site = try TestSite(BuildCLITests.smallSite)
            defer { site.delete() }
            let result = try await CLI.run(["check", "--format", "json", "--site", site.root.path(percentEncoded: false)])
            #expect(result.status == 0, "\(result)")
            #expect(try parse(result).isEmpty, "\(result)")
            let text = try await CLI.run(["check", "--site", site.root.path(percentEncoded: false)])
            #expect(text.status == 0 && text.stdout == "No errors.\n", "\(text)")
        }
    }
}
