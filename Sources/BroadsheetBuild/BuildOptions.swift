public import BroadsheetCore
public import Foundation
import Synchronization

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
    /// Keep what the build read and made in memory until the process exits instead of freeing it on
    /// return: for a command that exits right after one build (see `ProcessLifetime`).
    public var keepsMemoryUntilExit = false
    /// Keeps what cache files decoded to between builds of one process (the preview server), so a rebuild
    /// decodes only the files the build before it rewrote.
    public var memory: DecodedFiles?
    /// Called from any task after each page is rendered and written (or failed), with the pages finished so far
    /// and the number of pages; the CLI draws its progress bar from it.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Options for building the site in `site`.
    public init(site: URL) {
        self.site = site
    }
}

/// Counts finished pages across the writing tasks and passes each new count to `BuildOptions.progress`.
final class PageProgress: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int
    private let report: @Sendable (_ done: Int, _ total: Int) -> Void

    /// A counter over `total` pages, or nil when nobody listens.
    init?(total: Int, report: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
        guard let report else { return nil }
        self.total = total
        self.report = report
    }

    func pageFinished() {
        report(done.add(1, ordering: .relaxed).newValue, total)
    }
}
