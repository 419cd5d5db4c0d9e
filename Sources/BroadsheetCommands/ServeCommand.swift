import ArgumentParser
import BroadsheetBuild
import BroadsheetCore
import BroadsheetServer
import Foundation

/// `broadsheet serve`: builds, serves the output on loopback, rebuilds on change and reloads the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site locally, rebuilding and reloading the browser when files change.",
        discussion: """
            Watches Content/ and Templates/. A build error shows in the browser as well as here, and the \
            next good save brings the site back. Listens on 127.0.0.1 unless --host says otherwise.
            """
    )

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var content: ContentOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(name: .customLong("output"), help: ArgumentHelp("The output folder (default: <site>/Output).", valueName: "dir"))
    var outputFolder: String?

    @Flag(help: "Open the site in the default browser once it is served.")
    var open = false

    mutating func run() async throws {
        var options = BuildOptions(site: siteOptions.siteURL)
        content.apply(to: &options)
        // Every rebuild finds the cache files the one before it left already decoded.
        options.memory = DecodedFiles()
        if let outputFolder {
            options.output = URL(filePath: outputFolder, directoryHint: .isDirectory, relativeTo: .currentDirectory())
        }
        let layout = SiteLayout(root: options.site, output: options.output)
        let printer = DiagnosticPrinter(output: output)
        let buildOptions = options
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                host: host, port: port, outputFolder: layout.output, watchedPaths: [layout.content, layout.templates]),
            rebuild: { changed in
                do {
                    let report = try await SiteBuilder.build(buildOptions)
                    printer.print(report.diagnostics)
                    printer.summary(report)
                    return .succeeded(summary: "\(report.written) files written in \(String(format: "%.2f", report.seconds)) s")
                } catch let error as BuildFailure {
                    printer.print(error.diagnostics)
                    printer.failure(error.diagnostics)
                    return .failed(messages: error.diagnostics.sorted.map { DiagnosticPrinter.format($0, colour: false) })
                } catch {
                    return .failed(messages: ["\(error)"])
                }
            })
        let openBrowser = open
        try await server.run { url in
            printer.line("Serving \(layout.relativePath(layout.output)) at \(url) (Ctrl-C to stop)")
            if openBrowser { BrowserOpener.open(url) }
        }
    }
}

/// Opens a URL with the desktop's browser, quietly doing nothing where there is none.
enum BrowserOpener {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        #if os(macOS)
            process.arguments = ["open", url]
        #else
            process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
