import BroadsheetContent
import BroadsheetModel

/// Turns permalinks into the links pages use and the absolute URLs feeds and canonical links need.
struct SiteURLs: Sendable {
    let basePath: String
    let absoluteBase: String

    init(config: SiteConfig) {
        basePath = config.basePath
        absoluteBase = config.hasAbsoluteBaseURL ? config.baseURL : config.basePath
    }

    /// A root-relative link, percent-encoded: `/2025/01/14/budget/`.
    func link(_ permalink: Permalink) -> String { permalink.encodedPath(after: basePath) }

    /// The absolute URL when the site has an absolute base URL, else the root-relative link.
    func absolute(_ permalink: Permalink) -> String { permalink.encodedPath(after: absoluteBase) }

    /// A root-relative link to a file: `/assets/style.css`, `/feed.xml`.
    func file(_ path: String) -> String { basePath + path }

    /// The absolute URL of a file.
    func absoluteFile(_ path: String) -> String { absoluteBase + path }
}
