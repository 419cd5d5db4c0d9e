public import Foundation

/// Where a site's folders are: the site root, its `Content/`, `Templates/` and the output folder.
public struct SiteLayout: Sendable, Hashable {
    /// The site folder.
    public let root: URL
    /// `Content/` inside the site folder.
    public let content: URL
    /// The site's `Templates/` overrides (may not exist).
    public let templates: URL
    /// The output folder, `Output/` unless told otherwise.
    public let output: URL

    /// Creates a layout; `output` defaults to `<root>/Output`.
    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        content = self.root.appending(path: "Content", directoryHint: .isDirectory)
        templates = self.root.appending(path: "Templates", directoryHint: .isDirectory)
        self.output = (output ?? self.root.appending(path: "Output", directoryHint: .isDirectory)).standardizedFileURL
    }

    /// `url` relative to the site folder for messages (`Content/2024/x.md`), or its full path when outside.
    public func relativePath(_ url: URL) -> String {
        let base = root.path(percentEncoded: false)
        let full = url.standardizedFileURL.path(percentEncoded: false)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}
