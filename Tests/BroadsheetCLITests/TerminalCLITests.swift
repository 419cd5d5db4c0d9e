import Foundation
import TestSupport
import Testing

extension CLITests {
    /// Help, version, and what reaches a terminal: colour only on one, and never with NO_COLOR.
    @Suite struct TerminalCLITests {
        @Test func rootHelpListsEveryCommandAndOption() async throws {
            let result = try await CLI.run(["--help"])
            #expect(result.status == 0, "\(result)")
            for word in ["build", "check", "serve", "new", "init", "--version", "--help"] {
                #expect(result.stdout.contains(word), "root help lacks \(word)")
            }
        }

        @Test(arguments: [
            ("build", ["--site", "--output", "--fresh", "--drafts", "--base-url", "--jobs", "-q", "--quiet", "-v", "--verbose", "--help"]),
            ("check", ["--site", "--format", "--drafts", "--base-url", "--jobs", "-q", "--quiet", "-v", "--verbose", "--help"]),
            ("serve", ["--site", "--host", "--port", "--output", "--open", "--drafts", "--base-url", "--jobs", "--quiet", "--verbose"]),
            ("new", ["<title>", "--date", "--tags", "--site", "--help"]),
            ("init", ["<directory>", "--title", "--help"]),
        ])
        func commandHelpMentionsEveryOption(command: String, options: [String]) async throws {
            let result = try await CLI.run([command, "--help"])
            #expect(result.status == 0, "\(result)")
            for option in options {
                #expect(result.stdout.contains(option), "\(command) --help lacks \(option):\n\(result.stdout)")
            }
        }

        @Test func versionPrintsAVersion() async throws {
            let result = try await CLI.run(["--version"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\S*\n/) != nil, "\(result)")
        }

        /// A build with errors and warnings, so every coloured part of the output is exercised.
        private static let messySite = """
            -- Content/2023/02/28/x.md --
            ---
            title: A
            date: 2023-02-30
            summry: typo
            ---
            x
            """

        @Test(arguments: [["TERM": "xterm-256color"], ["TERM": "xterm-256color", "NO_COLOR": "1"]] as [[String: String?]])
        func filesAndPipesGetNoEscapes(environment: [String: String?]) async throws {
            let site = try TestSite(Self.messySite)
            defer { site.delete() }
            let root = site.root.path(percentEncoded: false)
            for arguments in [["build", "--site", root], ["check", "--site", root], ["build", "--verbose", "--site", root]] {
                let result = try await CLI.run(arguments, environment: environment)
                #expect(result.status == 1, "\(result)")
                #expect(result.stderr.contains("error: impossible date"), "\(result)")
                #expect(!result.stderr.hasEscapes && !result.stdout.hasEscapes, "\(arguments): \(result)")
            }
            try site.remove("Content/2023/02/28/x.md")
            try site.write("Content/2023/03/01/y.md", "---\ntitle: B\ndate: 2023-03-01\nsummry: typo\n---\ny\n")
            let built = try await CLI.run(["build", "--verbose", "--site", root], environment: environment)
            #expect(built.status == 0, "\(built)")
            #expect(built.stderr.contains("warning: unknown key 'summry'"), "\(built)")
            #expect(!built.stderr.hasEscapes && !built.stdout.hasEscapes, "\(built)")
        }

        /// On a real terminal errors are coloured, unless NO_COLOR is set or the terminal is dumb.
        @Test(arguments: [
            (["TERM": "xterm-256color"], true),
            (["TERM": "xterm-256color", "NO_COLOR": "1"], false),
            (["TERM": "dumb"], false),
        ] as [([String: String?], Bool)])
        func aTerminalGetsColourUnlessToldOtherwise(environment: [String: String?], coloured: Bool) async throws {
            let site = try TestSite(Self.messySite)
            defer { site.delete() }
            let terminal = try PseudoTerminal()
            let scratch = FileManager.default.temporaryDirectory.appending(path: "broadsheet-tty-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let child = try ChildProcess(
                arguments: ["build", "--site", site.root.path(percentEncoded: false)],
                environment: CLI.environment(environment), directory: nil,
                stdout: .file(scratch.path(percentEncoded: false)), stderr: .descriptor(terminal.replica))
            defer { child.kill() }
            terminal.closeReplica()
            let (status, timedOut) = await child.wait(timeout: 120)
            #expect(status == 1 && !timedOut)
            #expect(await eventually(timeout: 5) { terminal.hasEnded })
            let text = terminal.text
            #expect(text.contains("impossible date '2023-02-30'"), "\(text)")
            #expect(text.hasEscapes == coloured, "\(text.debugDescription)")
        }
    }
}
