import ArgumentParser
import BroadsheetBuild
import Foundation

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding Content/ and optionally Templates/.", valueName: "dir"))
    var site: String = "."

    /// The site folder as an absolute URL.
    var siteURL: URL { URL(filePath: site, directoryHint: .isDirectory, relativeTo: .currentDirectory()).standardizedFileURL }
}

/// Options that control how much a command prints.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print warnings in full, and the time of each phase.")
    var verbose = false
}

/// Options that shape what a build contains.
struct ContentOptions: ParsableArguments {
    @Flag(help: "Include entries marked draft: true.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Publish under this URL instead of base_url from site.yml.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("How many pages to work on at once (default: all cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func apply(to options: inout BuildOptions) {
        options.includeDrafts = drafts
        options.baseURL = baseURL
        if let jobs { options.jobs = jobs }
    }
}
