import BroadsheetCore
public import Foundation

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

    /// The cache file's name.
    public static let fileName = "output.bin"
    private static let magic = "broadsheet-output-1"

    /// The fingerprint of the inputs of the build that wrote the output.
    public var fingerprint: UInt64
    /// The output folder the records describe.
    public var output: String
    /// Records by site path.
    public var files: [String: Record]

    /// An empty manifest.
    public init(fingerprint: UInt64, output: String, files: [String: Record] = [:]) {
        self.fingerprint = fingerprint
        self.output = output
        self.files = files
    }

    /// Reads the manifest in `folder`, or nil when there is none usable.
    public static func load(from folder: URL) -> OutputManifest? {
        guard let data = try? Data(contentsOf: folder.appending(path: fileName)) else { return nil }
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
            return reader.atEnd ? manifest : nil
        } catch {
            return nil
        }
    }

    /// Writes the manifest atomically into `folder`.
    public func save(to folder: URL) {
        var writer = ByteWriter()
        writer.string(Self.magic)
        writer.uint64(fingerprint)
        writer.string(output)
        writer.int(files.count)
        for (path, record) in files.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            writer.uint64(record.hash)
            writer.int(record.size)
            writer.int(record.modified)
            writer.uint64(record.inode)
        }
        let bytes = writer.bytes
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appending(path: Self.fileName)
        let temporary = folder.appending(path: ".\(Self.fileName).\(getpid()).tmp")
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
    public static func remove(from folder: URL) {
        try? FileManager.default.removeItem(at: folder.appending(path: fileName))
    }

    /// Whether every recorded file is still in `output` exactly as written (same size, time and inode).
    public func outputIsIntact(_ output: URL) -> Bool {
        let root = output.path(percentEncoded: false)
        let base = root.hasSuffix("/") ? root : root + "/"
        for (path, record) in files {
            guard let found = FileIdentity.of(base + path), found.size == record.size, found.modified == record.modified,
                found.inode == record.inode
            else { return false }
        }
        return true
    }
}

/// The size, modification time and inode of a regular file.
enum FileIdentity {
    static func of(_ path: String) -> (size: Int, modified: Int, inode: UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec), UInt64(info.st_ino))
    }
}
