public import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder.
    public var site: URL
    /// The output folder; `<site>/Output` when nil.
    public var output: URL?
    /// Include entries marked `draft: true`.
    public var includeDrafts = false
    /// Replaces `base_url` from `site.yml`.
    public var baseURL: String?
    /// How many pages are worked on at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Ignore everything the previous build left: rewrite every file instead of keeping unchanged ones.
    public var fresh = false
    /// Validate everything but write nothing.
    public var checkOnly = false
    /// Makes the n-th file write fail; tests use it to prove a failed build leaves the output untouched.
    public var failAfterWrites: Int?

    /// Options for building the site in `site`.
    public init(site: URL) {
        self.site = site
    }
}
