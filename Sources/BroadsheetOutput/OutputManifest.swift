import BroadsheetCore
public import Foundation
import Synchronization

/// What the last successful build wrote: each output file's content hash and the identity of the file on
/// disk (size, modification time, inode), with a fingerprint of every input the build read.
///
/// Stored in `<site>/.broadsheet-cache/output.bin` after the output swap. A page whose new bytes hash to
/// the recorded value is hard-linked from the output without reading it, but only while the file on disk
/// still has the recorded size, modification time and inode; any file touched since falls back to a byte
/// comparison.
public struct OutputManifest: Sendable {
    /// One output file.
    public struct Record: Sendable, Equatable {
        public var hash: UInt64
        public var size: Int
        public var modified: Int
        public var inode: UInt64
    }

    /// What one entry of the archive was, in archive order, for telling which pages an edit affects.
    public struct EntryStamp: Sendable, Equatable {
        /// The site-relative source file.
        public var file: String
        /// The source file's size and modification time (-1: unknown, matches nothing).
        public var size: Int
        public var modified: Int
        /// A hash of what places the entry in the site: its date (with time) and slug.
        public var place: UInt64
        /// Indexes of its tags and outlets in the archive's lists.
        public var tags: [Int]
        public var outlets: [Int]

        public init(file: String, size: Int, modified: Int, place: UInt64, tags: [Int], outlets: [Int]) {
            self.file = file
            self.size = size
            self.modified = modified
            self.place = place
            self.tags = tags
            self.outlets = outlets
        }
    }

    /// The cache file's name.
    public static let fileName = "output.bin"
    /// The name of the manifest describing the spare tree (see `OutputWriter`).
    public static let spareFileName = "spare.bin"
    private static let magic = "broadsheet-output-3"

    /// The fingerprint of the inputs of the build that wrote the output.
    public var fingerprint: UInt64
    /// The output folder the records describe.
    public var output: String
    /// Records by site path.
    public var files: [String: Record]
    /// A fingerprint of every input besides entry files (executable, `site.yml`, options, templates, assets).
    public var settings: UInt64 = 0
    /// A hash of the archive's tag and outlet names and slugs, in order.
    public var names: UInt64 = 0
    /// The archive's entries, in order.
    public var entries: [EntryStamp] = []
    /// A hash of each template's source, by template name.
    public var templates: [String: UInt64] = [:]

    /// An empty manifest.
    public init(fingerprint: UInt64, output: String, files: [String: Record] = [:]) {
        self.fingerprint = fingerprint
        self.output = output
        self.files = files
    }

    /// Reads the manifest in `folder`, or nil when there is none usable.
    public static func load(from folder: URL, name: String = fileName) -> OutputManifest? {
        guard let data = try? Data(contentsOf: folder.appending(path: name)) else { return nil }
        var reader = ByteReader([UInt8](data))
        do throws(ByteReader.Corrupt) {
            guard try reader.string() == magic else { return nil }
            var manifest = OutputManifest(fingerprint: try reader.uint64(), output: try reader.string())
            let count = try reader.int()
            manifest.files.reserveCapacity(max(0, count))
            for _ in 0..<count {
                let path = try reader.string()
                manifest.files[path] = Record(
                    hash: try reader.uint64(), size: try reader.int(), modified: try reader.int(), inode: try reader.uint64())
            }
            manifest.settings = try reader.uint64()
            manifest.names = try reader.uint64()
            manifest.entries = try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                EntryStamp(
                    file: try reader.string(), size: try reader.int(), modified: try reader.int(), place: try reader.uint64(),
                    tags: try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.int() },
                    outlets: try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.int() })
            }
            let templateCount = try reader.int()
            for _ in 0..<max(0, templateCount) { manifest.templates[try reader.string()] = try reader.uint64() }
            return reader.atEnd ? manifest : nil
        } catch {
            return nil
        }
    }

    /// Writes the manifest atomically into `folder`.
    public func save(to folder: URL, name: String = fileName) {
        var writer = ByteWriter()
        writer.string(Self.magic)
        writer.uint64(fingerprint)
        writer.string(output)
        writer.int(files.count)
        for (path, record) in files {
            writer.string(path)
            writer.uint64(record.hash)
            writer.int(record.size)
            writer.int(record.modified)
            writer.uint64(record.inode)
        }
        writer.uint64(settings)
        writer.uint64(names)
        writer.array(entries) { writer, entry in
            writer.string(entry.file)
            writer.int(entry.size)
            writer.int(entry.modified)
            writer.uint64(entry.place)
            writer.array(entry.tags) { $0.int($1) }
            writer.array(entry.outlets) { $0.int($1) }
        }
        writer.int(templates.count)
        for (name, hash) in templates {
            writer.string(name)
            writer.uint64(hash)
        }
        let bytes = writer.bytes
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appending(path: name)
        let temporary = folder.appending(path: ".\(name).\(getpid()).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path(percentEncoded: false), target.path(percentEncoded: false)) != 0 {
                try? FileManager.default.removeItem(at: temporary)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes the manifest from `folder`.
    public static func remove(from folder: URL, name: String = fileName) {
        try? FileManager.default.removeItem(at: folder.appending(path: name))
    }

    /// Whether every recorded file is still in `output` exactly as written (same size, time and inode).
    /// The files are looked at from two threads, relative to the opened folder: this runs on every build.
    public func outputIsIntact(_ output: URL) -> Bool {
        let folder = open(output.path(percentEncoded: false), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return files.isEmpty }
        defer { close(folder) }
        let records = Array(files)
        let lanes = records.count < 1000 ? 1 : 2
        let failed = Flag()
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            var index = lane
            var info = stat()
            while index < records.count {
                if index % 256 == lane, failed.isSet { return }
                let (path, record) = records[index]
                guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                    Int(info.st_size) == record.size, UInt64(info.st_ino) == record.inode,
                    Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec) == record.modified
                else {
                    failed.set()
                    return
                }
                index += lanes
            }
        }
        return !failed.isSet
    }
}

/// A flag threads can raise.
private final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)
    var isSet: Bool { raised.load(ordering: .relaxed) }
    func set() { raised.store(true, ordering: .relaxed) }
}

/// The size, modification time and inode of a regular file.
enum FileIdentity {
    static func of(_ path: String) -> (size: Int, modified: Int, inode: UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec), UInt64(info.st_ino))
    }
}
