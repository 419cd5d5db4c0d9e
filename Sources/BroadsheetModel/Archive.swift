public import BroadsheetContent

/// The whole site as a model: entries in order and every grouping of them.
public struct Archive: Sendable {
    /// The site settings.
    public let config: SiteConfig
    /// Every entry, oldest first (by day, then time as written, then file name).
    public let entries: [Entry]
    /// Every day with a digest, oldest first.
    public let days: [DigestDay]
    /// Every month with a digest, oldest first.
    public let months: [DigestMonth]
    /// Every year with a digest, oldest first.
    public let years: [DigestYear]
    /// Every tag, sorted by name.
    public let tags: [Tag]
    /// Every outlet entries cite, sorted by name.
    public let outlets: [Tag]
    /// For each entry, the index of its day in `days`.
    public let dayOfEntry: [Int]
}
