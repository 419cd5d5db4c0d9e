public import BroadsheetCore
import BroadsheetMarkdown
public import Foundation

/// Stage 1: reads `Content/` into checked entries and site settings.
public struct ContentLoader: Sendable {
    /// What the caller wants loaded.
    public struct Options: Sendable {
        /// Keep entries marked `draft: true`.
        public var includeDrafts: Bool
        /// Replaces `base_url` from `site.yml` when set.
        public var baseURLOverride: String?
        /// How many files are parsed at once.
        public var jobs: Int

        /// Creates options.
        public init(includeDrafts: Bool = false, baseURLOverride: String? = nil, jobs: Int = 1) {
            self.includeDrafts = includeDrafts
            self.baseURLOverride = baseURLOverride
            self.jobs = jobs
        }
    }

    /// The stage's result.
    public struct Result: Sendable {
        /// The site settings.
        public let config: SiteConfig
        /// Every entry that parsed, drafts removed unless asked for, in path order.
        public let entries: [EntrySource]
        /// Files under `Content/assets/`.
        public let assets: [URL]
        /// Every problem found.
        public let diagnostics: Diagnostics
    }

    /// The site being loaded.
    public let layout: SiteLayout

    /// Creates a loader for a site.
    public init(layout: SiteLayout) {
        self.layout = layout
    }

    /// Reads and checks every content file.
    public func load(_ options: Options) async -> Result {
        var diagnostics = Diagnostics()
        let configURL = layout.content.appending(path: "site.yml")
        let config = SiteConfigLoader.load(
            configURL, path: layout.relativePath(configURL), baseURLOverride: options.baseURLOverride,
            into: &diagnostics)
        let listing = ContentScanner(layout: layout).scan(into: &diagnostics)
        let parser = EntryParser(markdown: MarkdownRenderer(options: MarkdownOptions(allowRawHTML: config.unsafeHTML)))
        let sizeLimit = config.maxFileSize
        let parsed = await ParallelMap.map(listing.entries, jobs: options.jobs) { file -> (EntrySource?, [Diagnostic]) in
            switch SourceFile.read(fullPath: file.fullPath, path: file.path, sizeLimit: sizeLimit) {
            case .failure(let diagnostic): return (nil, [diagnostic])
            case .success(let source): return parser.parse(source, fileName: file.fileName)
            }
        }
        var entries: [EntrySource] = []
        for (entry, found) in parsed {
            diagnostics.merge(found)
            if let entry, options.includeDrafts || !entry.draft { entries.append(entry) }
        }
        return Result(config: config, entries: entries, assets: listing.assets, diagnostics: diagnostics)
    }
}
