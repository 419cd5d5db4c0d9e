import BroadsheetCore
import Foundation

/// What each folder of `Content/` held when a build last listed it, so that the next build reads again
/// only the folders whose contents changed since.
///
/// An archive has a folder for every day, and reading one cost the kernel about seven times what a
/// `stat` of it costs. Stored in `<site>/.broadsheet-cache/folders.bin`. A folder's names are reused
/// only while its device, inode, change time and modification time (in nanoseconds) are those recorded:
/// adding, removing or renaming anything in a folder moves its change time, which no program can set
/// back. A folder changed in the two seconds before it was read is recorded without its names, since a
/// change in the same instant may leave its times as they were; so is a folder holding anything but
/// plain files and folders (a link is checked afresh on every build).
struct FolderListings: Sendable, Equatable {
    /// When a folder was last seen to change.
    struct Stamp: Sendable, Equatable {
        let device: UInt64
        let inode: UInt64
        let changed: Int
        let modified: Int
    }

    /// A name in a folder, and whether it names a folder.
    struct Child: Sendable, Equatable {
        let name: String
        let isFolder: Bool
    }

    /// A folder as last read.
    struct Folder: Sendable, Equatable {
        let stamp: Stamp
        /// The names in name order, hidden ones left out; nil when they are not to be reused.
        let children: [Child]?
    }

    static let fileName = "folders.bin"
    private static let magic = "broadsheet-folders-1"

    /// Folders by site-relative path, such as `Content/2024/03`.
    var folders: [String: Folder] = [:]

    init() {}

    /// The folders a scan listed (`ContentScanner.Listing.folders`), each path once.
    init(_ listed: [(path: String, folder: Folder)]) {
        folders = Dictionary(listed, uniquingKeysWith: { first, _ in first })
    }

    /// The names `path` held when it had `stamp`, when they can be reused.
    func children(of path: String, stamp: Stamp) -> [Child]? {
        guard let known = folders[path], known.stamp == stamp else { return nil }
        return known.children
    }

    /// The listings stored in `folder`, or none when there are none usable.
    static func load(from folder: URL, memory: DecodedFiles? = nil) -> FolderListings {
        let path = folder.appending(path: fileName).path(percentEncoded: false)
        guard let memory else { return decode(path) ?? FolderListings() }
        return memory.value(at: path, kind: magic) { decode(path) } ?? FolderListings()
    }

    private static func decode(_ path: String) -> FolderListings? {
        guard let stored = StoredBytes.map(path) else { return nil }
        var reader = ByteReader(stored)
        do throws(ByteReader.Corrupt) {
            guard try reader.string() == magic else { return nil }
            var listings = FolderListings()
            let count = try reader.int()
            guard count >= 0, count <= stored.count else { return nil }
            listings.folders.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                let stamp = Stamp(
                    device: try reader.uint64(), inode: try reader.uint64(), changed: try reader.int(), modified: try reader.int())
                let children = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                    try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                        Child(name: try reader.string(), isFolder: try reader.bool())
                    }
                }
                listings.folders[path] = Folder(stamp: stamp, children: children)
            }
            return reader.atEnd ? listings : nil
        } catch {
            return nil
        }
    }

    /// Writes the listings atomically (a failure is ignored, a cache is optional); `memory` keeps them
    /// for the next build of this process.
    func save(to folder: URL, memory: DecodedFiles? = nil) {
        var writer = ByteWriter(capacity: 64 * folders.count)
        writer.string(Self.magic)
        writer.int(folders.count)
        for (path, listed) in folders.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.uint64(listed.stamp.device)
            writer.uint64(listed.stamp.inode)
            writer.int(listed.stamp.changed)
            writer.int(listed.stamp.modified)
            writer.optional(listed.children) { writer, children in
                writer.array(children) { writer, child in
                    writer.string(child.name)
                    writer.bool(child.isFolder)
                }
            }
        }
        let path = folder.appending(path: Self.fileName).path(percentEncoded: false)
        if CacheFile.writeAtomically(writer.bytes, to: path) { memory?.remember(self, at: path, kind: Self.magic) }
    }
}

extension FolderListings.Stamp {
    /// The stamp of a folder as `stat` describes it.
    init(_ info: stat) {
        self.init(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), changed: info.changedNanoseconds,
            modified: info.modifiedNanoseconds)
    }
}
