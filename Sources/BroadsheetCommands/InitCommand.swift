import ArgumentParser
import BroadsheetCore
import Foundation

/// `broadsheet init`: creates a new site with settings and one example entry.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site folder with Content/site.yml and one example entry."
    )

    @Argument(help: "The folder to create (it may exist if it is empty).")
    var directory: String

    @Option(help: "The site's title.")
    var title = "My Digest"

    func run() throws {
        let root = URL(filePath: directory, directoryHint: .isDirectory, relativeTo: .currentDirectory()).standardizedFileURL
        let fileManager = FileManager.default
        if let existing = try? fileManager.contentsOfDirectory(atPath: root.path(percentEncoded: false)),
            existing.contains(where: { !$0.hasPrefix(".") })
        {
            throw ValidationError("\(directory) is not empty; init only creates new sites")
        }
        let today = try Today.date()
        let layout = SiteLayout(root: root)
        let dayFolder = layout.content.appending(path: today.isoDay.replacing("-", with: "/"), directoryHint: .isDirectory)
        try fileManager.createDirectory(at: dayFolder, withIntermediateDirectories: true)
        let settings = """
            title: \(YAMLQuoting.quote(title))
            description: A daily digest of what the papers said.
            base_url: https://example.org/
            language: en
            timezone: UTC
            author: \(YAMLQuoting.quote(title))
            home_days: 7
            per_page: 20
            feed_entries: 20
            featured_tags: []
            publishing_days: [mon, tue, wed, thu, fri]

            """
        try Data(settings.utf8).write(to: layout.content.appending(path: "site.yml"), options: .withoutOverwriting)
        let entry = """
            ---
            title: Welcome to your digest
            date: \(today.isoDay)
            tags: [Meta]
            sources: [Broadsheet]
            summary: How entries are written, in one example.
            ---

            Each entry is a Markdown file in `Content/YYYY/MM/DD/`, with a title, a date, tags and the
            sources it cites in its front matter. Run `broadsheet new "Headline"` to start the next one,
            and `broadsheet serve` to watch the site as you write.

            """
        try Data(entry.utf8).write(to: dayFolder.appending(path: "welcome.md"), options: .withoutOverwriting)
        print("Created a site in \(root.path(percentEncoded: false)). Next: broadsheet build --site \(directory)")
    }
}
