public import BroadsheetCore
public import Foundation

/// What the last successful build wrote: each output file's content hash and the identity of the file on
/// disk (size, modification time, inode), with a fingerprint of every input the build read.
///
/// Stored in `<site>/.broadsheet-cache/output.bin` after the output swap. A page whose new bytes hash to
/// the recorded value is hard-linked from the output without reading it, but only while the file on disk
/// still has the recorded size, modification time and inode; any file touched since falls back to a byte
/// comparison.
///
/// A rebuild trusts the output to be as the manifest describes it after looking at its folders down to
/// the month (or tag) level: adding, removing or renaming anything in them changes their modification
/// time. Looking at every file would cost a rebuild more than the rest of its work (a 10,000-entry
/// archive has 25,000 pages, each in a folder of its own); a page edited by hand deeper down is put right
/// by `build --fresh`.
public struct OutputManifest: Sendable {
    /// One output file.
    public struct Record: Sendable, Equatable {
        public var hash: UInt64
        public var size: Int
        public var modified: Int
        public var inode: UInt64
        /// The build (`OutputManifest.generation`) that put this file here; later builds that keep it (a
        /// hard link to the same inode) leave the number as it was. A file with the manifest's own
        /// generation was replaced by that build, so the spare tree, the output before it, holds another.
        public var generation = 0

        /// Creates a record.
        public init(hash: UInt64, size: Int, modified: Int, inode: UInt64, generation: Int = 0) {
            self.hash = hash
            self.size = size
            self.modified = modified
            self.inode = inode
            self.generation = generation
        }
    }

    /// What one entry of the archive was, in archive order, for telling which pages an edit affects.
    public struct EntryStamp: Sendable, Equatable {
        /// A hash of the site-relative source file's path (cheaper to store, read and compare than the path).
        public var file: UInt64
        /// The source file's size and modification time (-1: unknown, matches nothing).
        public var size: Int
        public var modified: Int
        /// A hash of what places the entry in the site: its date (with time) and slug.
        public var place: UInt64
        /// Indexes of its tags and outlets in the archive's lists.
        public var tags: [Int]
        public var outlets: [Int]
        /// A hash of what pages other than its own show of the entry: its title and summary.
        public var listing: UInt64

        public init(file: UInt64, size: Int, modified: Int, place: UInt64, tags: [Int], outlets: [Int], listing: UInt64) {
            self.file = file
            self.size = size
            self.modified = modified
            self.place = place
            self.tags = tags
            self.outlets = outlets
            self.listing = listing
        }
    }

    /// The inode and modification time of an output folder.
    public struct FolderStamp: Sendable, Equatable {
        public var inode: UInt64
        public var modified: Int
    }

    /// The cache file's name.
    public static let fileName = "output.bin"
    /// The name of the manifest describing the spare tree (see `OutputWriter`).
    public static let spareFileName = "spare.bin"
    private static let magic = "broadsheet-output-7"

    /// The fingerprint of the inputs of the build that wrote the output.
    public var fingerprint: UInt64
    /// Counts builds that wrote the output (see `Record.generation`).
    public var generation = 0
    /// The output folder the records describe.
    public var output: String
    /// Records by site path.
    public var files: FileRecords
    /// A fingerprint of every input besides entry files (executable, `site.yml`, options, templates, assets).
    public var settings: UInt64 = 0
    /// A hash of the archive's tag and outlet names and slugs, in order.
    public var names: UInt64 = 0
    /// The archive's entries, in order.
    public var entries: [EntryStamp] = []
    /// A hash of each template's source, by template name.
    public var templates: [String: UInt64] = [:]
    /// A hash of the list of pages (their kinds and numbers): equal hashes mean the same page paths.
    public var pages: UInt64 = 0
    /// The output's folders down to `FolderStamp.depth`, by site path ("" for the output itself).
    public var folders: [String: FolderStamp] = [:]
    /// What the build reported: entries, digest days and tags published, and its warnings.
    public var entryCount = 0
    public var dayCount = 0
    public var tagCount = 0
    public var warnings: [Diagnostic] = []

    /// An empty manifest.
    public init(fingerprint: UInt64, output: String, files: FileRecords = FileRecords()) {
        self.fingerprint = fingerprint
        self.output = output
        self.files = files
    }

    /// Takes the file records of `written` (what an `OutputWriter` wrote) and the generation of its build.
    public mutating func takeFiles(of written: OutputManifest) {
        files = written.files
        generation = written.generation
    }

    /// Whether the build that wrote the output put a new file at `path` (so the spare holds another).
    public func replaced(_ record: Record) -> Bool { record.generation == generation }

    /// Reads the manifest in `folder`, or nil when there is none usable. With `headerOnly`, `files` and
    /// `entries` may be left empty (the header is what tells whether a spare tree can be trusted).
    /// `memory` keeps the manifests this process read or saved, to serve its later builds.
    public static func load(
        from folder: URL, name: String = fileName, headerOnly: Bool = false, memory: DecodedFiles? = nil
    ) -> OutputManifest? {
        let path = folder.appending(path: name).path(percentEncoded: false)
        guard let memory else { return decode(path, headerOnly: headerOnly) }
        // A whole manifest serves a reader of the header as well.
        return memory.value(at: path, kind: magic) { headerOnly ? nil : decode(path, headerOnly: false) }
            ?? (headerOnly ? decode(path, headerOnly: true) : nil)
    }

    private static func decode(_ path: String, headerOnly: Bool) -> OutputManifest? {
        guard let stored = StoredBytes.map(path) else { return nil }
        var reader = ByteReader(stored)
        do throws(ByteReader.Corrupt) {
            guard try reader.string() == magic else { return nil }
            var manifest = OutputManifest(fingerprint: try reader.uint64(), output: try reader.string())
            manifest.generation = try reader.int()
            manifest.settings = try reader.uint64()
            manifest.names = try reader.uint64()
            manifest.pages = try reader.uint64()
            let templateCount = try reader.int()
            for _ in 0..<max(0, templateCount) { manifest.templates[try reader.string()] = try reader.uint64() }
            let folderCount = try reader.int()
            for _ in 0..<max(0, folderCount) {
                manifest.folders[try reader.string()] = FolderStamp(inode: try reader.uint64(), modified: try reader.int())
            }
            manifest.entryCount = try reader.int()
            manifest.dayCount = try reader.int()
            manifest.tagCount = try reader.int()
            manifest.warnings = try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.diagnostic() }
            if headerOnly { return manifest }
            let count = try reader.int()
            guard count >= 0 else { return nil }
            if let records = StoredRecords(stored, start: reader.position, count: count) {
                manifest.files = FileRecords(stored: records)
                try reader.skip(records.section.count)
            } else {
                var files: [String: Record] = [:]
                files.reserveCapacity(count)
                for _ in 0..<count {
                    let path = try reader.string()
                    files[path] = try read(&reader)
                }
                guard files.count == count else { return nil }
                manifest.files = FileRecords(files)
            }
            manifest.entries = try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                EntryStamp(
                    file: try reader.uint64(), size: try reader.int(), modified: try reader.int(), place: try reader.uint64(),
                    tags: try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.int() },
                    outlets: try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.int() },
                    listing: try reader.uint64())
            }
            return reader.atEnd ? manifest : nil
        } catch {
            return nil
        }
    }

    /// Writes the manifest atomically into `folder`: the header, then the files and entries. File records
    /// unchanged since they were loaded are copied from the manifest file they came from. `memory`
    /// remembers the manifest as what the new file holds.
    public func save(to folder: URL, name: String = fileName, memory: DecodedFiles? = nil) {
        let path = folder.appending(path: name).path(percentEncoded: false)
        var header = ByteWriter(capacity: 4096)
        header.string(Self.magic)
        header.uint64(fingerprint)
        header.string(output)
        header.int(generation)
        header.uint64(settings)
        header.uint64(names)
        header.uint64(pages)
        header.int(templates.count)
        for (name, hash) in templates {
            header.string(name)
            header.uint64(hash)
        }
        header.int(folders.count)
        for (path, stamp) in folders {
            header.string(path)
            header.uint64(stamp.inode)
            header.int(stamp.modified)
        }
        header.int(entryCount)
        header.int(dayCount)
        header.int(tagCount)
        header.array(warnings) { $0.diagnostic($1) }
        header.int(files.count)
        let stored = files.storedEncoding()
        var records = ByteWriter(capacity: stored == nil ? files.count * 100 : 0)
        if stored == nil {
            files.forEach { path, record in
                records.string(path())
                Self.write(record, to: &records)
            }
        }
        var stamps = ByteWriter(capacity: entries.count * 100)
        stamps.array(entries) { writer, entry in
            writer.uint64(entry.file)
            writer.int(entry.size)
            writer.int(entry.modified)
            writer.uint64(entry.place)
            writer.array(entry.tags) { $0.int($1) }
            writer.array(entry.outlets) { $0.int($1) }
            writer.uint64(entry.listing)
        }
        let saved = CacheFile.writeAtomically(to: path) { output in
            guard header.bytes.withUnsafeBytes({ output.write($0) }) else { return false }
            if let (buffer, patches) = stored {
                // The stored records go straight from the mapped file, with the changed ones written over.
                var offset = 0
                for (at, fields) in patches {
                    guard output.write(UnsafeRawBufferPointer(rebasing: buffer[offset..<at])),
                        fields.withUnsafeBytes({ output.write($0) })
                    else { return false }
                    offset = at + fields.count
                }
                guard output.write(UnsafeRawBufferPointer(rebasing: buffer[offset...])) else { return false }
            } else if !records.bytes.withUnsafeBytes({ output.write($0) }) {
                return false
            }
            return stamps.bytes.withUnsafeBytes { output.write($0) }
        }
        if saved { memory?.remember(self, at: path, kind: Self.magic) }
    }

    /// The encoded size of a record's fields (`write(_:to:)`).
    static let recordFieldsSize = 40

    static func write(_ record: Record, to writer: inout ByteWriter) {
        writer.uint64(record.hash)
        writer.int(record.size)
        writer.int(record.modified)
        writer.uint64(record.inode)
        writer.int(record.generation)
    }

    private static func read(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> Record {
        Record(
            hash: try reader.uint64(), size: try reader.int(), modified: try reader.int(), inode: try reader.uint64(),
            generation: try reader.int())
    }

    /// Removes the manifest from `folder`.
    public static func remove(from folder: URL, name: String = fileName) {
        try? FileManager.default.removeItem(at: folder.appending(path: name))
    }

    /// Whether `output` still looks as the build that wrote it left it: every recorded folder is there with
    /// the same inode and modification time. For the spare tree, `checkingRootTime` is false: publishing
    /// folders (a `.git`) are moved out of its top level after the swap that made it the spare.
    public func outputLooksIntact(_ output: URL, checkingRootTime: Bool = true) -> Bool {
        guard !folders.isEmpty, folders[""] != nil else { return files.isEmpty }
        let root = output.path(percentEncoded: false)
        for (path, stamp) in folders {
            guard let found = Self.folderStamp(path.isEmpty ? root : root + "/" + path) else { return false }
            guard found.inode == stamp.inode, found.modified == stamp.modified || (path.isEmpty && !checkingRootTime) else {
                return false
            }
        }
        return true
    }

    /// Records the identity of the output's folders down to `folderDepth` levels, after the swap.
    /// `known` lists them when the caller knows them already (the same files as the build before).
    public mutating func recordFolders(of output: URL, known: [String]? = nil) {
        let root = output.path(percentEncoded: false)
        var paths: Set<Substring> = [""]
        if let known { paths.formUnion(known.map { Substring($0) }) }
        for path in known == nil ? files.paths : [] {
            var depth = 0
            var index = path.startIndex
            while depth < Self.folderDepth, let slash = path[index...].firstIndex(of: "/") {
                paths.insert(path[..<slash])
                index = path.index(after: slash)
                depth += 1
            }
        }
        folders = [:]
        for path in paths {
            if let stamp = Self.folderStamp(path.isEmpty ? root : root + "/" + path) { folders[String(path)] = stamp }
        }
    }

    /// How many folder levels below the output `recordFolders` looks at: years and months, tags and their
    /// pages.
    static let folderDepth = 2

    private static func folderStamp(_ path: String) -> FolderStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return FolderStamp(inode: UInt64(info.st_ino), modified: info.modifiedNanoseconds)
    }
}

/// The size, modification time and inode of a regular file.
enum FileIdentity {
    static func of(_ path: String) -> (size: Int, modified: Int, inode: UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return of(info)
    }

    static func of(_ info: stat) -> (size: Int, modified: Int, inode: UInt64) {
        (Int(info.st_size), info.modifiedNanoseconds, UInt64(info.st_ino))
    }
}
