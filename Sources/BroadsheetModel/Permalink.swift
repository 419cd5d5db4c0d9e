public import BroadsheetCore

/// A page's address inside the site: a folder path relative to the site root, such as `2024/03/05/budget/`.
public struct Permalink: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Segments of the folder path; empty for the home page.
    public let segments: [String]

    /// Creates a permalink from its segments.
    public init(_ segments: [String]) {
        self.segments = segments
    }

    /// `2024/03/05/budget/`, or `` for the home page; not percent-encoded.
    public var path: String { segments.isEmpty ? "" : segments.joined(separator: "/") + "/" }

    /// The path percent-encoded for an `href` (`tags/%E6%97%A5%E6%9C%AC/`).
    public var encodedPath: String { segments.isEmpty ? "" : segments.map(Slug.percentEncode).joined(separator: "/") + "/" }

    /// The file the page is written to: `<path>index.html`.
    public var file: SitePath? { SitePath.page(segments) }

    /// The same page's print view.
    public var print: Permalink { Permalink(segments + ["print"]) }

    /// Page `number` of a paginated list (page 1 is the list itself).
    public func page(_ number: Int) -> Permalink { number <= 1 ? self : Permalink(segments + ["page", String(number)]) }

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
    /// `/YYYY/MM/DD/<slug>/`.
    public static func entry(_ date: CalendarDate, _ slug: Slug) -> Permalink { Permalink(day(date).segments + [slug.value]) }
    /// `/tags/<slug>/`.
    public static func tag(_ slug: Slug) -> Permalink { Permalink(["tags", slug.value]) }
    /// `/sources/<slug>/`.
    public static func source(_ slug: Slug) -> Permalink { Permalink(["sources", slug.value]) }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func pad4(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
