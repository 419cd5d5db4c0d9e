public import BroadsheetCore

/// What a build did: counts, timings and every diagnostic.
public struct BuildReport: Sendable {
    /// Entries published.
    public var entries = 0
    /// Digest days.
    public var days = 0
    /// Distinct tags.
    public var tags = 0
    /// Files the site consists of (pages, feeds, assets).
    public var files = 0
    /// Files whose bytes were written this time.
    public var written = 0
    /// Files kept from the previous build because they did not change.
    public var unchanged = 0
    /// Entry files whose parse was taken from the cache.
    public var cachedEntries = 0
    /// Pages rendered (the others kept from the previous build without rendering).
    public var rendered = 0
    /// Whether only the pages an entry edit affects were rendered, the rest kept from the previous build.
    public var renderedSubset = false
    /// Whether the new output was written by updating the spare tree (the output before the last build)
    /// in place, rather than filling a new staging folder.
    public var usedSpare = false
    /// Bytes of the whole output.
    public var bytes = 0
    /// Wall-clock time of each phase, in order.
    public var phases: [(name: String, seconds: Double)] = []
    /// Warnings (and, for a failed build, errors).
    public var diagnostics = Diagnostics()

    /// Seconds of the whole build.
    public var seconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}
