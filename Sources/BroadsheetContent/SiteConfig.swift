import Foundation

/// The settings in `Content/site.yml`.
public struct SiteConfig: Sendable, Hashable {
    /// The site's name, shown in every page header.
    public var title: String = "Digest"
    /// One sentence about the site, for the home page and meta descriptions.
    public var description: String = ""
    /// The absolute URL the site is published under, always ending in `/`.
    public var baseURL: String = "/"
    /// The language of the pages (`lang` attribute), such as `en`.
    public var language: String = "en"
    /// The IANA time zone for dates written without a time, such as `Europe/London`.
    public var timezone: String = "UTC"
    /// The publisher named in feeds.
    public var author: String = ""
    /// How many digest days the home page shows.
    public var homeDays: Int = 7
    /// Entries per page on paginated lists (tags, sources).
    public var perPage: Int = 20
    /// How many entries the feeds carry.
    public var feedEntries: Int = 20
    /// Tags linked from every page's header.
    public var featuredTags: [String] = []
    /// ISO weekdays (1 = Monday) on which a digest is expected, for the archive check.
    public var publishingDays: [Int] = [1, 2, 3, 4, 5]
    /// Whether raw HTML in entries is kept.
    public var unsafeHTML: Bool = false
    /// The largest content file accepted, in bytes.
    public var maxFileSize: Int = 10 * 1_048_576

    /// The keys `site.yml` understands.
    public static let keys = [
        "title", "description", "base_url", "language", "timezone", "author", "home_days", "per_page",
        "feed_entries", "featured_tags", "publishing_days", "unsafe_html", "max_file_size",
    ]

    /// The defaults, used when `site.yml` is absent.
    public init() {}

    /// The base URL without its trailing slash, for joining with site paths that start with `/`.
    public var baseURLWithoutSlash: String { String(baseURL.dropLast(baseURL.hasSuffix("/") ? 1 : 0)) }

    /// Whether the base URL is absolute (feeds and sitemaps need one).
    public var hasAbsoluteBaseURL: Bool { baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") }

    /// The path part of the base URL (`/` or `/digest/`), which prefixes every link.
    public var basePath: String {
        guard hasAbsoluteBaseURL, let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
