import BroadsheetCore
import Dispatch
import Foundation
import Synchronization

/// Lists the files of `Content/` in a stable order, refusing symlinks that lead out of the site folder.
struct ContentScanner {
    /// What the scan found.
    struct Listing: Sendable {
        /// Entry files (`*.md`), sorted by path.
        var entries: [ContentFile] = []
        /// Files under `Content/assets/`, sorted by path.
        var assets: [URL] = []
        /// Every folder listed, as found now.
        var folders: [(path: String, folder: FolderListings.Folder)] = []
        /// Whether the folders differ from what the scan was given as known.
        var foldersChanged = false
    }

    let layout: SiteLayout
    /// How many threads list folders at once.
    var jobs = 1
    /// The folders as an earlier build found them: one unchanged since is not read again.
    var known = FolderListings()
    /// Folders changed after this moment (nanoseconds since 1970) are recorded without their names.
    var settled = Int((Date().timeIntervalSince1970 - 2) * 1e9)

    /// A folder left for the parallel part of the scan.
    private struct Folder: Sendable {
        let path: String
        let relative: String
        let inAssets: Bool
        let depth: Int
    }

    /// Below this depth (`Content/YYYY/MM/`), folders are listed on all threads: an archive's tens of
    /// thousands of files sit there, and each costs the kernel a `stat`.
    private static let parallelDepth = 2

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
        let siteRoot = layout.root.resolvedPath
        var relative = layout.relativePath(layout.content)
        if relative.hasSuffix("/") { relative.removeLast() }
        let folderPath = contentPath.hasSuffix("/") ? String(contentPath.dropLast()) : contentPath
        var deferred: [Folder]? = jobs > 1 ? [] : nil
        walk(
            Folder(path: folderPath, relative: relative, inAssets: false, depth: 0), siteRoot: siteRoot, into: &listing,
            deferring: &deferred, diagnostics: &diagnostics)
        if let deferred, !deferred.isEmpty {
            for (found, problems) in listInParallel(deferred, siteRoot: siteRoot) {
                listing.entries += found.entries
                listing.assets += found.assets
                listing.folders += found.folders
                listing.foldersChanged = listing.foldersChanged || found.foldersChanged
                diagnostics.merge(problems)
            }
        }
        if listing.folders.count != known.folders.count { listing.foldersChanged = true }
        // Folders are walked in name order, which is path order but where a name continues with a
        // character sorting before "/".
        listing.entries.sortIfNeeded { $0.fullPath < $1.fullPath }
        listing.assets.sort { $0.path < $1.path }
        return listing
    }

    /// Walks `folders` on `jobs` threads; the results come in the order of `folders`.
    private func listInParallel(_ folders: [Folder], siteRoot: String) -> [(Listing, Diagnostics)] {
        let results = Mutex([(Listing, Diagnostics)?](repeating: nil, count: folders.count))
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, folders.count)) { _ in
            while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < folders.count {
                var found = Listing()
                var problems = Diagnostics()
                var none: [Folder]?
                walk(folders[index], siteRoot: siteRoot, into: &found, deferring: &none, diagnostics: &problems)
                results.withLock { $0[index] = (found, problems) }
            }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Lists `folder`; subfolders at `parallelDepth` go to `deferred` when it is not nil. Paths stay
    /// strings: building URLs for each of an archive's thousands of folders cost more than reading them.
    private func walk(
        _ folder: Folder, siteRoot: String, into listing: inout Listing, deferring deferred: inout [Folder]?,
        diagnostics: inout Diagnostics
    ) {
        guard let children = contents(of: folder, siteRoot: siteRoot, into: &listing, diagnostics: &diagnostics) else { return }
        let folderPath = folder.path
        let depth = folder.depth
        for child in children {
            let name = child.name
            let path = folder.relative + "/" + name
            if child.isFolder {
                guard depth < 32 else {
                    diagnostics.error("folders nest too deeply", at: SourceLocation(file: path, line: 0, column: 0))
                    continue
                }
                let assets = folder.inAssets || (depth == 0 && name == "assets")
                let subfolder = Folder(path: folderPath + "/" + name, relative: path, inAssets: assets, depth: depth + 1)
                if deferred != nil, subfolder.depth == Self.parallelDepth {
                    deferred?.append(subfolder)
                } else {
                    walk(subfolder, siteRoot: siteRoot, into: &listing, deferring: &deferred, diagnostics: &diagnostics)
                }
            } else if folder.inAssets {
                listing.assets.append(URL(filePath: folderPath + "/" + name))
            } else if name.hasSuffix(".md") {
                // Size and modification time key the parse cache; a linked file reports its target's. A
                // `stat` by path costs the kernel no more than one from an open folder, and opening the
                // folder costs more than either.
                let fullPath = folderPath + "/" + name
                var info = stat()
                let statted = stat(fullPath, &info) == 0
                listing.entries.append(
                    ContentFile(
                        path: path, fullPath: fullPath, size: statted ? Int(info.st_size) : -1,
                        modified: statted ? info.modifiedNanoseconds : -1))
            }
        }
    }

    /// The names in `folder` in name order, hidden ones left out, with links resolved (and those that
    /// lead nowhere or out of the site reported and left out). They come from `known` when the folder
    /// has not changed since; either way the folder is recorded in `listing`.
    private func contents(
        of folder: Folder, siteRoot: String, into listing: inout Listing, diagnostics: inout Diagnostics
    ) -> [FolderListings.Child]? {
        var info = stat()
        let stamp = stat(folder.path, &info) == 0 ? FolderListings.Stamp(info) : nil
        if let stamp, let children = known.children(of: folder.relative, stamp: stamp) {
            listing.folders.append((folder.relative, FolderListings.Folder(stamp: stamp, children: children)))
            return children
        }
        // readdir gives each name with its type, so most names need no further system call.
        guard let directory = opendir(folder.path) else {
            diagnostics.error(
                "cannot read the folder: \(String(cString: strerror(errno)).lowercased())",
                at: SourceLocation(file: folder.relative, line: 0, column: 0))
            return nil
        }
        var found: [(name: String, type: UInt8)] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            found.append((name, item.pointee.d_type))
        }
        closedir(directory)
        found.sort { $0.name < $1.name }
        var reusable = stamp.map { $0.changed < settled } ?? false
        var children: [FolderListings.Child] = []
        children.reserveCapacity(found.count)
        for (name, type) in found {
            switch Int(type) {
            case Int(DT_DIR): children.append(FolderListings.Child(name: name, isFolder: true))
            case Int(DT_REG): children.append(FolderListings.Child(name: name, isFolder: false))
            default:
                // A link may come to lead elsewhere without its folder changing.
                reusable = false
                let url = URL(filePath: folder.path + "/" + name)
                let path = folder.relative + "/" + name
                guard let kind = self.kind(of: url, path: path, siteRoot: siteRoot, diagnostics: &diagnostics) else { continue }
                children.append(FolderListings.Child(name: name, isFolder: kind == .directory))
            }
        }
        if let stamp {
            let record = FolderListings.Folder(stamp: stamp, children: reusable ? children : nil)
            if known.folders[folder.relative] != record { listing.foldersChanged = true }
            listing.folders.append((folder.relative, record))
        }
        return children
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

/// An entry file found by the scan, with what the parse cache keys it by.
struct ContentFile: Sendable {
    /// The site-relative path, such as `Content/2024/03/05/budget.md`.
    let path: String
    /// The absolute path.
    let fullPath: String
    /// Size in bytes, or -1 when it could not be read.
    let size: Int
    /// Modification time in nanoseconds since 1970, or -1 when it could not be read.
    let modified: Int

    /// The last path component.
    var fileName: String {
        guard let slash = fullPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return fullPath }
        return String(fullPath[fullPath.utf8.index(after: slash)...])
    }
}
