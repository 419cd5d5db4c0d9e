public import ArgumentParser

/// `broadsheet`: builds, checks and previews digest archives.
public struct BroadsheetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "Build, check and preview a digest archive.",
        discussion: """
            A site folder holds Content/ (Markdown entries with YAML front matter, and site.yml), an optional \
            Templates/ that overrides the default theme file by file, and receives Output/.
            """,
        version: BroadsheetVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}

/// The version `--version` prints.
enum BroadsheetVersion {
    static let current = "0.1.0"
}

extension BroadsheetCommand {
    /// Parses the process arguments and runs the chosen command, exiting with its status.
    public static func runFromCommandLine() async {
        await main()
    }
}
