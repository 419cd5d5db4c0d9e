import BroadsheetCore
import Foundation

/// Lists the files of `Content/` in a stable order, refusing symlinks that lead out of the site folder.
struct ContentScanner {
    /// What the scan found.
    struct Listing {
        /// Entry files (`*.md`), sorted by path.
        var entries: [URL] = []
        /// Files under `Content/assets/`, sorted by path.
        var assets: [URL] = []
    }

    let layout: SiteLayout

    func scan(into diagnostics: inout Diagnostics) -> Listing {
        var listing = Listing()
        let contentPath = layout.content.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error(
                "no Content/ folder in \(layout.root.path(percentEncoded: false))",
                at: SourceLocation(file: "Content", line: 0, column: 0),
                hint: "run broadsheet in a site folder, pass --site DIR, or create one with broadsheet init DIR")
            return listing
        }
        let siteRoot = layout.root.resolvingSymlinksInPath().path(percentEncoded: false)
        walk(layout.content, siteRoot: siteRoot, inAssets: false, depth: 0, into: &listing, diagnostics: &diagnostics)
        listing.entries.sort { $0.path < $1.path }
        listing.assets.sort { $0.path < $1.path }
        return listing
    }

    private func walk(
        _ folder: URL, siteRoot: String, inAssets: Bool, depth: Int, into listing: inout Listing,
        diagnostics: inout Diagnostics
    ) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false)).sorted()
        } catch {
            diagnostics.error(
                "cannot read the folder: \(FileErrorText.describe(error))",
                at: SourceLocation(file: layout.relativePath(folder), line: 0, column: 0))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appending(path: name)
            let path = layout.relativePath(url)
            guard let kind = kind(of: url, path: path, siteRoot: siteRoot, diagnostics: &diagnostics) else { continue }
            if kind == .directory {
                guard depth < 32 else {
                    diagnostics.error("folders nest too deeply", at: SourceLocation(file: path, line: 0, column: 0))
                    continue
                }
                let assets = inAssets || (depth == 0 && name == "assets")
                walk(url, siteRoot: siteRoot, inAssets: assets, depth: depth + 1, into: &listing, diagnostics: &diagnostics)
            } else if inAssets {
                listing.assets.append(url)
            } else if name.hasSuffix(".md") {
                listing.entries.append(url)
            }
        }
    }

    private enum Kind { case file, directory }

    /// The fully resolved path a link leads to, or nil when it leads nowhere.
    private static func linkTarget(_ url: URL) -> String? {
        guard let resolved = realpath(url.path(percentEncoded: false), nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func kind(of url: URL, path: String, siteRoot: String, diagnostics: inout Diagnostics) -> Kind? {
        let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey, .isRegularFileKey])
        if values?.isSymbolicLink == true {
            guard let target = Self.linkTarget(url) else {
                diagnostics.error(
                    "broken symbolic link", at: SourceLocation(file: path, line: 0, column: 0),
                    hint: "the file it points to does not exist; remove the link or restore the file")
                return nil
            }
            guard target == siteRoot || target.hasPrefix(siteRoot + "/") else {
                diagnostics.error(
                    "symbolic link points outside the site folder", at: SourceLocation(file: path, line: 0, column: 0),
                    hint: "Broadsheet reads content only from inside the site; copy the file in instead")
                return nil
            }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
            // A link to a folder inside the site could loop back on itself; only linked files are followed.
            return isDirectory.boolValue ? nil : .file
        }
        if values?.isDirectory == true { return .directory }
        return values?.isRegularFile == true ? .file : nil
    }
}
