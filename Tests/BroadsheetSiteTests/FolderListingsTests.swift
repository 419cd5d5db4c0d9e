@testable import BroadsheetContent
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// The scan reuses what a build recorded of a folder only while the folder is unchanged.
@Suite struct FolderListingsTests {
    static let archive = """
        -- Content/2025/01/02/a.md --
        ---
        title: First
        date: 2025-01-02
        ---
        One.
        """

    static let day = "Content/2025/01/02"

    private func scanner(_ site: TestSite, known: FolderListings = FolderListings()) -> ContentScanner {
        var scanner = ContentScanner(layout: SiteLayout(root: site.root), jobs: 1)
        scanner.known = known
        // Every folder counts as settled: no test waits for the seconds in which a change is distrusted.
        scanner.settled = Int.max
        return scanner
    }

    private func stamp(of path: String, in site: TestSite) throws -> FolderListings.Stamp {
        var info = stat()
        try #require(stat(site.root.appending(path: path).path(percentEncoded: false), &info) == 0)
        return FolderListings.Stamp(info)
    }

    private func scan(_ scanner: ContentScanner) -> ContentScanner.Listing {
        var diagnostics = Diagnostics()
        let listing = scanner.scan(into: &diagnostics)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        return listing
    }

    /// The names recorded for an unchanged folder are taken as they are: a name the folder does not hold
    /// is listed (with no size, as the file cannot be found), which proves the folder was not read.
    @Test func anUnchangedFolderIsNotReadAgain() throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let recorded = [FolderListings.Child(name: "a.md", isFolder: false), FolderListings.Child(name: "ghost.md", isFolder: false)]
        var known = FolderListings()
        known.folders[Self.day] = FolderListings.Folder(stamp: try stamp(of: Self.day, in: site), children: recorded)
        let listing = scan(scanner(site, known: known))
        #expect(listing.entries.map(\.path) == ["Content/2025/01/02/a.md", "Content/2025/01/02/ghost.md"])
        #expect(listing.entries.map(\.size).last == -1)
    }

    /// A folder whose change time differs from the recorded one is read again.
    @Test func aChangedFolderIsReadAgain() throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let current = try stamp(of: Self.day, in: site)
        let older = FolderListings.Stamp(
            device: current.device, inode: current.inode, changed: current.changed - 1, modified: current.modified)
        var known = FolderListings()
        known.folders[Self.day] = FolderListings.Folder(stamp: older, children: [FolderListings.Child(name: "ghost.md", isFolder: false)])
        let listing = scan(scanner(site, known: known))
        #expect(listing.entries.map(\.path) == ["Content/2025/01/02/a.md"])
        #expect(listing.foldersChanged)
    }

    /// Every folder is recorded with its names, so a second scan given the first one's record reads no
    /// folder and reports no change; a scan that finds what it was given reports none either.
    @Test func aScanRecordsEveryFolderForTheNext() throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let first = scan(scanner(site))
        #expect(first.foldersChanged)
        let recorded = FolderListings(first.folders)
        #expect(Set(recorded.folders.keys) == ["Content", "Content/2025", "Content/2025/01", Self.day])
        #expect(recorded.folders[Self.day]?.children == [FolderListings.Child(name: "a.md", isFolder: false)])
        let second = scan(scanner(site, known: recorded))
        #expect(!second.foldersChanged)
        #expect(second.entries.map(\.path) == first.entries.map(\.path))
        // A folder removed since is a change too.
        try site.remove("Content/2025/01/02")
        #expect(scan(scanner(site, known: recorded)).foldersChanged)
    }

    /// A folder changed just before it was read may change again without its times moving, and a link in
    /// a folder may come to lead elsewhere without the folder changing: such folders are recorded
    /// without their names, so the next scan reads them again.
    @Test func recentOrLinkHoldingFoldersAreRecordedWithoutNames() throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appending(path: "Content/2025/01/link.md").path(percentEncoded: false),
            withDestinationPath: site.root.appending(path: "Content/2025/01/02/a.md").path(percentEncoded: false))
        let listing = scan(scanner(site))
        let records = FolderListings(listing.folders).folders
        #expect(records["Content/2025/01"]?.children == nil)
        #expect(records[Self.day]?.children != nil)
        #expect(listing.entries.map(\.path).contains("Content/2025/01/link.md"))

        var recent = scanner(site)
        recent.settled = Int.min
        let unsettled = scan(recent)
        #expect(unsettled.folders.allSatisfy { $0.folder.children == nil })
    }

    /// Listings come back from the cache file as they were saved; a damaged file counts as none.
    @Test func listingsSurviveSavingAndLoading() throws {
        let site = try TestSite(Self.archive)
        defer { site.delete() }
        let listing = scan(scanner(site))
        let saved = FolderListings(listing.folders)
        let folder = site.root.appending(path: ".broadsheet-cache", directoryHint: .isDirectory)
        saved.save(to: folder)
        #expect(FolderListings.load(from: folder) == saved)
        let file = folder.appending(path: FolderListings.fileName)
        let bytes = try Data(contentsOf: file)
        try bytes.dropLast(3).write(to: file)
        #expect(FolderListings.load(from: folder).folders.isEmpty)
    }
}
