public import BroadsheetCore

/// A page's address inside the site: a folder, such as `2024/03/05/` (its page is the folder's
/// `index.html`), or a file in a folder, such as `2024/03/05/budget.html`.
///
/// Entries and print views are files rather than folders of their own: an archive has tens of thousands
/// of them, and on common file systems creating a folder costs several times as much as a file, which
/// made folders most of the time a build spent writing.
public struct Permalink: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The folder: `2024/03/05/`, or `` for the root; not percent-encoded.
    public let folder: String
    /// The page's file name when it is a file of its own (`budget.html`); nil for a folder's page.
    public let fileName: String?
    /// `folder`, percent-encoded; kept with the permalink, as is `encodedFileName`: pages link to the same
    /// entries, days and tags tens of thousands of times, and encoding and joining the segments at every
    /// link was a tenth of a cold build.
    private let encodedFolder: String
    /// `fileName`, percent-encoded; empty for a folder's page.
    private let encodedFileName: String

    /// `2024/03/05/` or `2024/03/05/budget.html`, or `` for the home page; not percent-encoded.
    public var path: String { fileName.map { folder + $0 } ?? folder }

    /// The path percent-encoded for an `href` (`tags/%E6%97%A5%E6%9C%AC/`).
    public var encodedPath: String { encodedFolder + encodedFileName }

    /// `prefix` followed by `encodedPath`, made in one allocation (a link is a base path and the permalink).
    public func encodedPath(after prefix: String) -> String {
        var text = prefix
        text.reserveCapacity(prefix.utf8.count + encodedFolder.utf8.count + encodedFileName.utf8.count)
        text += encodedFolder
        text += encodedFileName
        return text
    }

    /// Creates a permalink from its folder segments and, for a page that is a file, its file name.
    public init(_ segments: [String], fileName: String? = nil) {
        let folder = segments.isEmpty ? "" : segments.joined(separator: "/") + "/"
        let encoded = segments.isEmpty ? "" : segments.map(Slug.percentEncode).joined(separator: "/") + "/"
        self.init(folder: folder, encodedFolder: encoded, fileName: fileName)
    }

    // Builds nothing but the encoded file name, and that only when it needs encoding: a rebuild makes the
    // permalink of every entry.
    private init(folder: String, encodedFolder: String, fileName: String?) {
        self.folder = folder
        self.encodedFolder = encodedFolder
        self.fileName = fileName
        encodedFileName = fileName.map(Slug.percentEncode) ?? ""
    }

    /// The same folder with another file name.
    private func sibling(_ fileName: String) -> Permalink {
        Permalink(folder: folder, encodedFolder: encodedFolder, fileName: fileName)
    }

    /// The page of the folder this page is in (itself, for a folder's page).
    var folderPage: Permalink {
        fileName == nil ? self : Permalink(folder: folder, encodedFolder: encodedFolder, fileName: nil)
    }

    /// The file the page is written to: the file itself, or the folder's `index.html`.
    public var file: SitePath? { SitePath(filePath) }

    /// The path of `file`, without checking it.
    public var filePath: String { fileName == nil ? folder + "index.html" : path }

    /// The same page's print view: `print.html` in a folder, `<name>.print.html` beside a file.
    public var print: Permalink {
        guard let fileName else { return sibling("print.html") }
        let stem = fileName.hasSuffix(".html") ? String(fileName.dropLast(5)) : fileName
        return sibling(stem + ".print.html")
    }

    /// Page `number` of a paginated list: `page/<number>.html` in the list's folder (page 1 is the list
    /// itself). Files, not folders, for the reason given above: a large archive has thousands.
    public func page(_ number: Int) -> Permalink {
        number <= 1 ? self : Permalink(folder: folder + "page/", encodedFolder: encodedFolder + "page/", fileName: "\(number).html")
    }

    public static func == (lhs: Permalink, rhs: Permalink) -> Bool {
        lhs.folder == rhs.folder && lhs.fileName == rhs.fileName
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(folder)
        hasher.combine(fileName)
    }

    public var description: String { "/" + path }

    public static func < (lhs: Permalink, rhs: Permalink) -> Bool { lhs.path < rhs.path }

    // MARK: - The URL scheme

    /// `/`.
    public static let home = Permalink([])
    /// `/tags/`.
    public static let tags = Permalink(["tags"])
    /// `/sources/`.
    public static let sources = Permalink(["sources"])
    /// `/search/`.
    public static let search = Permalink(["search"])

    /// `/YYYY/`.
    public static func year(_ year: Int) -> Permalink { Permalink([pad4(year)]) }
    /// `/YYYY/MM/`.
    public static func month(_ year: Int, _ month: Int) -> Permalink { Permalink([pad4(year), pad2(month)]) }
    /// `/YYYY/MM/DD/`.
    public static func day(_ date: CalendarDate) -> Permalink {
        Permalink([pad4(date.year), pad2(date.month), pad2(date.day)])
    }
    /// `/YYYY/MM/DD/<slug>.html`.
    public static func entry(_ date: CalendarDate, _ slug: Slug) -> Permalink { entry(in: day(date), slug) }
    /// The page of the entry with `slug` in the folder of `day`, a day's permalink.
    static func entry(in day: Permalink, _ slug: Slug) -> Permalink { day.sibling(slug.value + ".html") }
    /// `/tags/<slug>/`.
    public static func tag(_ slug: Slug) -> Permalink { Permalink(["tags", slug.value]) }
    /// `/sources/<slug>/`.
    public static func source(_ slug: Slug) -> Permalink { Permalink(["sources", slug.value]) }

    private static let twoDigits = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }
    private static func pad2(_ value: Int) -> String { (0..<100).contains(value) ? twoDigits[value] : "\(value)" }
    private static func pad4(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
