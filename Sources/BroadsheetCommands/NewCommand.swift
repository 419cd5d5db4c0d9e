import ArgumentParser
import BroadsheetCore
import Foundation

/// `broadsheet new`: writes a new entry with front matter into its dated folder.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new entry in Content/YYYY/MM/DD/ and print its path."
    )

    @Argument(help: "The entry's headline.")
    var title: String

    @Option(help: ArgumentHelp("The entry's date (default: today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("Comma-separated tags.", valueName: "A,B"))
    var tags: String?

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the title is empty") }
        if Slug(from: title) == nil { throw ValidationError("the title has no letters or digits to make a file name from") }
        if let date, (try? CalendarDate.parse(date).get()) == nil {
            throw ValidationError("--date must be a real day written YYYY-MM-DD, such as 2025-01-14")
        }
    }

    func run() throws {
        let day = try date.map { try CalendarDate.parse($0).get() } ?? Today.date()
        let layout = SiteLayout(root: siteOptions.siteURL)
        // A mistyped --site must not leave a stray Content/ tree in some other folder.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.content.path(percentEncoded: false), isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError(
                "no Content/ folder in \(layout.root.path(percentEncoded: false)); pass --site DIR, or create a site with broadsheet init DIR")
        }
        guard let slug = Slug(from: title) else { throw ValidationError("the title has no letters or digits") }
        let folder = layout.content.appending(path: day.isoDay.replacing("-", with: "/"), directoryHint: .isDirectory)
        let file = folder.appending(path: "\(slug.value).md")
        guard !FileManager.default.fileExists(atPath: file.path(percentEncoded: false)) else {
            throw ValidationError("\(layout.relativePath(file)) already exists")
        }
        let tagList = (tags ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let text = """
            ---
            title: \(YAMLQuoting.quote(title))
            date: \(day.isoDay)
            tags: [\(tagList.map(YAMLQuoting.quote).joined(separator: ", "))]
            sources: []
            ---

            Write the entry here, citing the outlets it summarises.

            """
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .withoutOverwriting)
        print(layout.relativePath(file))
    }
}

/// Today's date on this machine's clock and time zone: a new entry belongs to the writer's day.
enum Today {
    static func date() throws -> CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else { throw ValidationError("cannot read today's date; pass --date") }
        return date
    }
}

/// Double-quotes YAML scalars so titles with colons, quotes or `#` stay text.
enum YAMLQuoting {
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += "\\x" + String(scalar.value, radix: 16) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
