public import BroadsheetCore
import BroadsheetMarkdown
public import Foundation
import Synchronization

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
        /// The cache folder to reuse and refresh parse results in; nil parses every file.
        public var cacheFolder: URL?
        /// Whether to reuse the cache's parse results; when false (`--fresh`) every file is parsed and the
        /// cache is only rewritten.
        public var readCache = true
        /// Whether to store the parse results for the next build (`check` writes nothing into the site).
        public var saveCache = true
        /// Keeps the decoded cache between builds of one process (the preview server).
        public var memory: DecodedFiles?

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
        /// Seconds reading files and checking front matter, and converting Markdown (wall time, split in
        /// proportion to the time the parsing threads spent on each).
        public var frontMatterSeconds = 0.0
        public var markdownSeconds = 0.0
        /// Entry files taken from the cache, and parsed afresh.
        public var cachedFiles = 0
        public var parsedFiles = 0
        /// Each entry's file size and modification time (one for each of `entries`), for telling which
        /// entries changed since an earlier build; a file modified in the last two seconds gets the time -1,
        /// which matches no later listing (its time stamp may not move on a second edit).
        public var stamps: [FileStamp] = []
        /// The cache being written for the next build, when it is.
        var cacheSave: BackgroundJob?

        /// Returns once the cache for the next build is written: await it before the build ends.
        public func cacheSaved() async {
            await cacheSave?.wait()
        }
    }

    /// The size and modification time (nanoseconds) of an entry file.
    public struct FileStamp: Sendable, Equatable {
        public var size: Int
        public var modified: Int

        public init(size: Int, modified: Int) {
            self.size = size
            self.modified = modified
        }
    }

    /// The site being loaded.
    public let layout: SiteLayout

    /// Creates a loader for a site.
    public init(layout: SiteLayout) {
        self.layout = layout
    }

    /// What a scan of `Content/` found: the settings and the entry files with their stamps, enough to
    /// tell whether anything changed since an earlier build before any entry is read.
    public struct Listing: Sendable {
        /// The site settings.
        public let config: SiteConfig
        /// Problems with `site.yml` and the folder structure.
        public let diagnostics: Diagnostics
        /// A fingerprint of every entry file (path, size, modification time): equal fingerprints mean
        /// unchanged content (together with `site.yml`, which the cache key covers).
        public let fingerprint: UInt64
        /// Each entry file's stamp, in the order of the files (see `Result.stamps`).
        let stamps: [FileStamp]
        let files: ContentScanner.Listing
    }

    /// Reads `site.yml` and lists `Content/` on `options.jobs` threads, reading no entry; folders unchanged
    /// since the last build (as the cache folder records them) are not read again.
    public func scan(_ options: Options) -> Listing {
        var diagnostics = Diagnostics()
        let configURL = layout.content.appending(path: "site.yml")
        let config = SiteConfigLoader.load(
            configURL, path: layout.relativePath(configURL), baseURLOverride: options.baseURLOverride, into: &diagnostics)
        var scanner = ContentScanner(layout: layout, jobs: options.jobs)
        if options.readCache, let folder = options.cacheFolder {
            scanner.known = FolderListings.load(from: folder, memory: options.memory)
        }
        let files = scanner.scan(into: &diagnostics)
        if files.foldersChanged, options.saveCache, let folder = options.cacheFolder {
            FolderListings(files.folders).save(to: folder, memory: options.memory)
        }
        var fingerprint = ContentHash()
        // A file changed in the last two seconds may change again within the file system's timestamp
        // granularity without its size or time changing: such a listing never matches a previous one.
        let recent = Int((Date().timeIntervalSince1970 - 2) * 1e9)
        if files.entries.contains(where: { $0.modified < 0 || $0.modified >= recent }) {
            fingerprint.add(Int(Date().timeIntervalSince1970 * 1e9))
        }
        var stamps: [FileStamp] = []
        stamps.reserveCapacity(files.entries.count)
        for file in files.entries {
            stamps.append(FileStamp(size: file.size, modified: file.modified < 0 || file.modified >= recent ? -1 : file.modified))
            fingerprint.add(file.path)
            fingerprint.add(file.size)
            fingerprint.add(file.modified)
        }
        for asset in files.assets { fingerprint.add(asset.path(percentEncoded: false)) }
        return Listing(
            config: config, diagnostics: diagnostics, fingerprint: fingerprint.value, stamps: stamps, files: files)
    }

    /// Reads and checks every content file.
    public func load(_ options: Options) async -> Result {
        await load(scan(options), options)
    }

    /// The parse results of the previous build, read ahead of `load` (while the scan runs, say).
    public struct CachedEntries: Sendable {
        let cache: EntryCache
    }

    /// Reads the parse results the previous build stored, as `options` allow; needs no scan.
    public func readCache(_ options: Options) -> CachedEntries {
        let key = EntryCache.key(siteConfig: layout.content.appending(path: "site.yml"))
        guard options.readCache, let folder = options.cacheFolder else { return CachedEntries(cache: EntryCache(key: key, records: [])) }
        return CachedEntries(cache: EntryCache.load(from: folder, key: key, memory: options.memory))
    }

    /// Reads and checks every content file `listing` found, taking unchanged ones from `cached` (read
    /// here when not given).
    public func load(_ listing: Listing, _ options: Options, cached prepared: CachedEntries? = nil) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        var diagnostics = listing.diagnostics
        let config = listing.config
        let files = listing.files
        let parser = EntryParser(markdown: MarkdownRenderer(options: MarkdownOptions(allowRawHTML: config.unsafeHTML)))
        let sizeLimit = config.maxFileSize
        let cache = (prepared ?? readCache(options)).cache
        let timing = ParseTiming()
        // Each file's record from the cache, when it is still valid; the others are parsed on all cores.
        let cached = cache.records(for: files.entries)
        let missing = cached.indices.filter { cached[$0] == nil }
        let parsed = await ParallelMap.map(missing, jobs: options.jobs) { index -> EntryCache.Record in
            let file = files.entries[index]
            let start = ContinuousClock.now
            let result: (EntrySource?, [Diagnostic])
            switch SourceFile.read(fullPath: file.fullPath, path: file.path, sizeLimit: sizeLimit) {
            case .failure(let diagnostic): result = (nil, [diagnostic])
            case .success(let source): result = parser.parse(source, fileName: file.fileName, timing: timing)
            }
            timing.add(total: ContinuousClock.now - start)
            return EntryCache.Record(size: file.size, modified: file.modified, entry: result.0, diagnostics: result.1)
        }
        // The parsed records come in the order of the files that lacked one.
        var fresh = parsed.makeIterator()
        let used = cached.map { $0 ?? (fresh.next()!, .parsed) }
        var entries: [EntrySource] = []
        entries.reserveCapacity(files.entries.count)
        var stamps: [FileStamp] = []
        stamps.reserveCapacity(files.entries.count)
        var cacheSave: BackgroundJob?
        for index in used.indices {
            let record = used[index].record
            if !record.diagnostics.isEmpty { diagnostics.merge(record.diagnostics) }
            if let entry = record.entry, options.includeDrafts || !entry.draft {
                entries.append(entry)
                stamps.append(listing.stamps[index])
            }
        }
        let parsedCount = missing.count
        if let folder = options.cacheFolder, options.saveCache {
            // Hundreds of megabytes for a large archive: written while the caller renders.
            let entryFiles = files.entries
            cacheSave = BackgroundJob { cache.update(in: folder, files: entryFiles, used: used) }
        }
        var result = Result(config: config, entries: entries, assets: files.assets, diagnostics: diagnostics)
        let (frontMatter, markdown) = timing.split((clock.now - start).seconds)
        result.frontMatterSeconds = frontMatter
        result.markdownSeconds = markdown
        result.cachedFiles = files.entries.count - parsedCount
        result.parsedFiles = parsedCount
        result.stamps = stamps
        result.cacheSave = cacheSave
        return result
    }
}

/// Time the parsing threads spent, summed across threads, to split the parse phase's wall time.
final class ParseTiming: Sendable {
    private let total = Atomic<Int>(0)
    private let markdown = Atomic<Int>(0)

    func add(total duration: Duration) { total.add(duration.nanoseconds, ordering: .relaxed) }
    func add(markdown duration: Duration) { markdown.add(duration.nanoseconds, ordering: .relaxed) }

    /// `wall` split into front matter (reading and checking) and Markdown, in proportion to thread time.
    func split(_ wall: Double) -> (frontMatter: Double, markdown: Double) {
        let all = total.load(ordering: .relaxed)
        guard all > 0 else { return (wall, 0) }
        let share = Double(markdown.load(ordering: .relaxed)) / Double(all)
        return (wall * (1 - share), wall * share)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    public var nanoseconds: Int { Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000) }
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
