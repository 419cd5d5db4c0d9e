import ArgumentParser
import BroadsheetBuild
import BroadsheetCore
import Foundation

/// `broadsheet build`: writes the site to the output folder, replacing it only if everything succeeded.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Every problem found is reported as path:line:column. The output folder is replaced only when \
            the whole build succeeded; after a failed build it holds the previous site unchanged.
            """
    )

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var content: ContentOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("output"), help: ArgumentHelp("The output folder (default: <site>/Output).", valueName: "dir"))
    var outputFolder: String?

    @Flag(help: "Rebuild everything from scratch and rewrite every file, ignoring what the previous build left.")
    var fresh = false

    mutating func run() async throws {
        var options = BuildOptions(site: siteOptions.siteURL)
        options.keepsMemoryUntilExit = true
        content.apply(to: &options)
        options.fresh = fresh
        if let outputFolder {
            options.output = URL(filePath: outputFolder, directoryHint: .isDirectory, relativeTo: .currentDirectory())
        }
        let printer = DiagnosticPrinter(output: output)
        // A bar on a terminal for builds over a second; plain lines otherwise.
        let progress = ProgressReporter.forStandardError(quiet: output.quiet)
        if let progress { options.progress = { done, total in progress.update(done: done, total: total) } }
        do {
            let report = try await SiteBuilder.build(options)
            progress?.finish()
            printer.print(report.diagnostics)
            printer.summary(report)
        } catch {
            progress?.finish()
            printer.print(error.diagnostics)
            printer.failure(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
