public import BroadsheetCore
import CBroadsheetSystem
public import Foundation
import Synchronization

/// Stage 4, the only code that writes: fills a folder beside the output, then swaps it in whole.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)`, so at every moment — a failed build, or one killed with
/// SIGKILL — the output folder is either the previous build exactly or the complete new one.
///
/// The folder filled is either a new, empty staging folder, or the spare tree: the output before the
/// last swap, kept as `.<Output>.spare` beside the output and described by `spare.bin` in the cache
/// folder. The spare is updated in place (files whose bytes differ are replaced, files the new site no
/// longer has are removed), which costs a few system calls per changed file instead of one new inode per
/// file and folder. `spare.bin` is removed before the first change to the spare and written again only
/// after the swap, so a spare left half-updated by a killed build is never trusted: the next build
/// falls back to a staging folder.
public final class OutputWriter: Sendable {
    /// The folder being replaced.
    public let output: URL
    /// The folder being filled: a new staging folder, or the spare tree.
    public let staging: URL
    /// Where the previous output is kept after the swap.
    public let spare: URL
    /// Whether `staging` is the spare tree, updated in place.
    public let usesSpare: Bool
    private let stats = Mutex(WriteStats())
    private let failAfterWrites: Int?
    private let keepUnchanged: Bool
    private let previous: OutputManifest?
    private let described: OutputManifest?
    private let spareFiles: FileRecords
    /// Whether the spare holds the same paths as the previous output, and the previous output's records
    /// tell which of its files the spare shares (`Record.generation`); `spareFiles` is then empty.
    private let spareMirrorsPrevious: Bool
    private let cacheFolder: URL?
    /// The records of the files written or kept so far.
    private let records = Mutex(FileRecords())
    private let folders = FolderSet()
    private let startedWithoutOutput = Atomic<Bool>(false)
    private let keepsSpareFileList = Atomic<Bool>(false)
    /// This build's number (see `OutputManifest.generation`).
    public let generation: Int
    /// Deletes the spare tree a build that fills a new staging folder replaces (see `init`).
    private let trashRemoval: BackgroundJob?

    /// Counts of what a build wrote.
    public struct WriteStats: Sendable, Equatable {
        /// Files whose bytes were written.
        public var written = 0
        /// Files kept from the previous build because their bytes did not change.
        public var unchanged = 0
        /// Bytes of every file in the new output.
        public var bytes = 0
    }

    /// Why writing failed.
    public struct Failure: Error, Sendable {
        /// What went wrong, with the path.
        public let message: String
    }

    /// The spare tree's path for an output folder.
    public static func sparePath(for output: URL) -> URL {
        let standard = output.standardizedFileURL
        return standard.deletingLastPathComponent().appending(path: ".\(standard.lastPathComponent).spare", directoryHint: .isDirectory)
    }

    /// Prepares the folder to fill: the spare tree when `cacheFolder` holds a trustworthy description of
    /// it (and `keepUnchanged`), else an empty staging folder next to `output`, clearing any left by an
    /// interrupted build. With `keepUnchanged`, a file whose bytes match the previous output is linked, not
    /// rewritten. `previous` is the manifest of the current output: an unchanged file is recognised by its
    /// hash without reading the old file, and after the swap it describes the spare.
    /// `failAfterWrites` makes the n-th write fail, to prove a failed build leaves the output untouched.
    /// `spareManifest` is the header of `spare.bin` when the caller has read it already (else it is read here).
    public init(
        output: URL, keepUnchanged: Bool = true, previous: OutputManifest? = nil, cacheFolder: URL? = nil,
        spareManifest: OutputManifest? = nil, failAfterWrites: Int? = nil
    ) throws(Failure) {
        self.output = output.standardizedFileURL
        let outputPath = self.output.path(percentEncoded: false)
        let describes = previous.map { $0.output == outputPath } ?? false
        self.previous = keepUnchanged && describes ? previous : nil
        described = describes ? previous : nil
        self.cacheFolder = cacheFolder
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        spare = Self.sparePath(for: self.output)
        self.failAfterWrites = failAfterWrites
        self.keepUnchanged = keepUnchanged
        var spareFiles: FileRecords?
        var mirrors = false
        if let cacheFolder {
            if keepUnchanged, let previous = self.previous, Self.isFolder(outputPath), Self.isFolder(spare.path(percentEncoded: false)),
                let header = spareManifest
                    ?? OutputManifest.load(from: cacheFolder, name: OutputManifest.spareFileName, headerOnly: true),
                header.output == outputPath, header.outputLooksIntact(spare, checkingRootTime: false)
            {
                if header.pages == previous.pages {
                    // Same files as the output, and the output's records say which of them the last build
                    // replaced: the spare's own records are not needed.
                    mirrors = true
                    spareFiles = FileRecords()
                } else {
                    spareFiles = OutputManifest.load(from: cacheFolder, name: OutputManifest.spareFileName)?.files
                }
            }
            // From here on the spare may change: no description of it may survive a killed build.
            OutputManifest.remove(from: cacheFolder, name: OutputManifest.spareFileName)
            OutputManifest.remove(from: cacheFolder, name: Self.setAsideName)
        }
        if spareFiles == nil, keepUnchanged, self.previous != nil, Self.isFolder(outputPath),
            Self.isFolder(spare.path(percentEncoded: false))
        {
            // A spare no manifest describes (left by a killed or failed build): reusing it after looking at
            // what it holds costs far less than filling a new folder and removing the old one.
            spareFiles = FileRecords(Self.list(spare.path(percentEncoded: false)))
        }
        spareMirrorsPrevious = mirrors
        generation = (described?.generation ?? 0) + 1
        usesSpare = spareFiles != nil
        self.spareFiles = spareFiles ?? FileRecords()
        staging = usesSpare ? spare : parent.appending(path: ".\(name).staging-\(getpid())", directoryHint: .isDirectory)
        let fileManager = FileManager.default
        var trash: [URL] = []
        // Folders to delete are renamed to names of this build's own first, so that none can be mistaken
        // for this build's staging folder (a killed build's, whose process number this one now has).
        func setAside(_ folder: URL) {
            let aside = parent.appending(path: ".\(name).trash-\(getpid())-\(trash.count)")
            if rename(folder.path(percentEncoded: false), aside.path(percentEncoded: false)) == 0 { trash.append(aside) }
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            for leftover in try fileManager.contentsOfDirectory(atPath: parent.path(percentEncoded: false))
            where leftover.hasPrefix(".\(name).staging-") || leftover.hasPrefix(".\(name).trash-") {
                let folder = parent.appending(path: leftover)
                setAside(folder)
                if fileManager.fileExists(atPath: folder.path(percentEncoded: false)) { try? fileManager.removeItem(at: folder) }
            }
            if !usesSpare {
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
                // Filling a new folder, the build replaces the spare tree, and deleting its tens of thousands
                // of files took longer than rendering them: it is moved aside and deleted while pages render.
                setAside(spare)
            }
        } catch {
            throw Failure(message: "cannot prepare \(staging.path(percentEncoded: false)): \(error.localizedDescription)")
        }
        let removals = trash
        trashRemoval = removals.isEmpty ? nil : BackgroundJob {
            for folder in removals { try? FileManager.default.removeItem(at: folder) }
        }
    }

    /// Returns once the folders this build set aside for deletion are gone.
    public func trashRemoved() async {
        await trashRemoval?.wait()
    }

    /// Every file below `root` (top-level dot entries aside) with its identity and an unknown hash (size
    /// -1, so its bytes are never taken as known); empty folders are removed.
    private static func list(_ root: String) -> [String: OutputManifest.Record] {
        var files: [String: OutputManifest.Record] = [:]
        func walk(_ relative: String) -> Bool {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(folder) else { return false }
            var names: [(String, UInt8)] = []
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || (relative.isEmpty && name.hasPrefix(".")) { continue }
                names.append((name, item.pointee.d_type))
            }
            closedir(directory)
            var holdsSomething = false
            for (name, type) in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                let isFolder = type == UInt8(DT_UNKNOWN)
                    ? lstat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR : type == UInt8(DT_DIR)
                if isFolder {
                    if walk(path) { holdsSomething = true } else { rmdir(root + "/" + path) }
                    continue
                }
                holdsSomething = true
                if lstat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    files[path] = OutputManifest.Record(
                        hash: 0, size: -1, modified: info.modifiedNanoseconds,
                        inode: UInt64(info.st_ino))
                } else {
                    files[path] = OutputManifest.Record(hash: 0, size: -1, modified: -1, inode: 0)
                }
            }
            return holdsSomething || relative.isEmpty
        }
        _ = walk("")
        return files
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// What has been written so far.
    public var statistics: WriteStats { stats.withLock { $0 } }

    /// What the spare holds at `path`: its record, or for a spare mirroring the previous output, the
    /// output's record when the two share the file, else a record that matches nothing.
    private func spareRecord(_ path: String) -> OutputManifest.Record? {
        guard spareMirrorsPrevious else { return spareFiles[path] }
        guard let known = previous?.files[path] else { return nil }
        return previous?.replaced(known) == true ? OutputManifest.Record(hash: 0, size: -1, modified: -1, inode: 0) : known
    }

    private func countWrite(_ file: String) throws(Failure) {
        let count = stats.withLock { $0.written + $0.unchanged }
        if let failAfterWrites, count >= failAfterWrites {
            throw Failure(message: "simulated failure writing \(file)")
        }
    }

    /// Writes one file into the folder being filled; an unchanged file is hard-linked from the previous
    /// output so its modification time stays as it was.
    public func write(_ file: RenderedFile) throws(Failure) {
        try countWrite(file.path.value)
        stats.withLock { $0.bytes += file.bytes.count }
        let path = file.path.value
        let target = staging.path(percentEncoded: false) + "/" + path
        let previousPath = output.path(percentEncoded: false) + "/" + path
        let hash = ContentHash.of(file.bytes)
        var removed = false
        if keepUnchanged, let found = unchangedFile(file, hash: hash, at: previousPath) {
            if usesSpare, var held = spareRecord(path), held.inode == found.inode {
                // The spare already holds the output's very file.
                held.generation = previous?.files[path]?.generation ?? 0
                record(path, held)
                stats.withLock { $0.unchanged += 1 }
                return
            }
            if usesSpare {
                unlink(target)
                removed = true
            }
            try folders.makeParents(of: target, below: staging.path(percentEncoded: false))
            if link(previousPath, target) == 0 {
                // A hard link keeps the inode, so the record of the previous file still describes it.
                if let found = FileIdentity.of(target) {
                    record(
                        path,
                        OutputManifest.Record(
                            hash: hash, size: found.size, modified: found.modified, inode: found.inode,
                            generation: previous?.files[path]?.generation ?? 0))
                }
                stats.withLock { $0.unchanged += 1 }
                return
            }
        }
        if usesSpare, !removed {
            if var held = spareRecord(path), held.hash == hash, held.size == file.bytes.count {
                held.generation = generation
                record(path, held)
                stats.withLock { $0.written += 1 }
                return
            }
            // Never write into an existing file: it may be a hard link to the live output's.
            unlink(target)
        }
        try folders.makeParents(of: target, below: staging.path(percentEncoded: false))
        if let found = try FileIO.write(file.bytes, to: target) {
            record(
                path,
                OutputManifest.Record(hash: hash, size: found.size, modified: found.modified, inode: found.inode, generation: generation))
        }
        stats.withLock { $0.written += 1 }
    }

    /// Keeps the previous output's file at `path` in the new output without rendering it again: the
    /// caller knows its bytes would not change. Returns false when the previous output has no such file
    /// (or it cannot be linked); the caller must then write it. Only paths the manifest lists are used,
    /// so `path` needs no checking.
    public func carry(_ path: String) throws(Failure) -> Bool {
        guard let known = previous?.files[path] else { return false }
        try countWrite(path)
        if !spareHolds(known, at: path) {
            guard try linkFromOutput(path) else { return false }
        }
        record(path, known)
        stats.withLock {
            $0.unchanged += 1
            $0.bytes += known.size
        }
        return true
    }

    /// Whether the spare already holds the previous output's file `known` at `path` (the same inode).
    private func spareHolds(_ known: OutputManifest.Record, at path: @autoclosure () -> String) -> Bool {
        guard usesSpare else { return false }
        if spareMirrorsPrevious { return previous?.replaced(known) == false }
        return spareFiles[path()]?.inode == known.inode
    }

    /// Hard-links the previous output's file at `path` into the folder being filled, replacing what the
    /// spare holds there; false when the link cannot be made.
    private func linkFromOutput(_ path: String) throws(Failure) -> Bool {
        let root = staging.path(percentEncoded: false)
        let target = root + "/" + path
        if usesSpare { unlink(target) }
        try folders.makeParents(of: target, below: root)
        return link(output.path(percentEncoded: false) + "/" + path, target) == 0
    }

    /// Keeps every file of the previous output but those at `excluded` without rendering them again: the
    /// caller knows the new site has the same files (`OutputManifest.pages`) and that only the excluded
    /// ones may change.
    public func carryAll(except excluded: Set<String>) throws(Failure) {
        guard let previous else { return }
        try countWrite("the files kept from the previous output")
        var kept = previous.files
        for path in excluded { kept[path] = nil }
        var bytes = 0
        var failure: Failure?
        kept.forEach { path, known in
            bytes += known.size
            guard failure == nil, !spareHolds(known, at: path()) else { return }
            let path = path()
            do throws(Failure) {
                if try !linkFromOutput(path) {
                    failure = Failure(message: "cannot link \(path) into \(staging.path(percentEncoded: false)): \(FileIO.errnoText())")
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        // The new output has the previous one's files: a spare mirroring it has nothing the new one lacks.
        if spareMirrorsPrevious { keepsSpareFileList.store(true, ordering: .relaxed) }
        records.withLock { records in
            if records.isEmpty {
                records = kept
            } else {
                kept.forEach { path, known in records[path()] = known }
            }
        }
        stats.withLock {
            $0.unchanged += kept.count
            $0.bytes += bytes
        }
    }

    /// The identity of the previous output's file when it holds `file` unchanged: by the manifest when the
    /// file on disk is the one it describes, else by reading and comparing the bytes.
    private func unchangedFile(_ file: RenderedFile, hash: UInt64, at path: String) -> (size: Int, modified: Int, inode: UInt64)? {
        guard let found = FileIdentity.of(path) else { return nil }
        if let known = previous?.files[file.path.value], found.size == known.size, found.modified == known.modified,
            found.inode == known.inode
        {
            return known.hash == hash && known.size == file.bytes.count ? found : nil
        }
        return FileIO.hasSameBytes(path, file.bytes) ? found : nil
    }

    private func record(_ path: String, _ record: OutputManifest.Record) {
        records.withLock { $0[path] = record }
    }

    /// What was written, for the manifest of the next build.
    public func manifest(fingerprint: UInt64) -> OutputManifest {
        let written = records.withLock { $0 }
        var manifest = OutputManifest(fingerprint: fingerprint, output: output.path(percentEncoded: false), files: written)
        manifest.generation = generation
        return manifest
    }

    /// Copies a file (an asset) into the folder being filled, hard-linking it when unchanged.
    public func copy(_ source: URL, to path: SitePath) throws(Failure) {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: source)) } catch {
            throw Failure(message: "cannot read \(source.path(percentEncoded: false)): \(error.localizedDescription)")
        }
        try write(RenderedFile(path: path, bytes: bytes))
    }

    /// Swaps the filled folder in as the output and keeps the previous build as the spare.
    public func commit() throws(Failure) {
        let fileManager = FileManager.default
        let outputPath = output.path(percentEncoded: false)
        let stagingPath = staging.path(percentEncoded: false)
        guard fileManager.fileExists(atPath: outputPath) else {
            guard rename(stagingPath, outputPath) == 0 else { throw Failure(message: "cannot create \(outputPath): \(FileIO.errnoText())") }
            startedWithoutOutput.store(true, ordering: .relaxed)
            return
        }
        if usesSpare, !keepsSpareFileList.load(ordering: .relaxed) {
            removeFilesNotWritten()
            removeTopLevelDotFiles(stagingPath)
        }
        keepDotFiles(from: outputPath, into: stagingPath)
        guard broadsheet_exchange_paths(stagingPath, outputPath) == 0 else {
            throw Failure(message: "cannot replace \(outputPath): \(FileIO.errnoText())")
        }
        // The previous build now sits at the staging path.
        moveDotFolders(from: stagingPath, into: outputPath)
        let sparePath = spare.path(percentEncoded: false)
        if !usesSpare {
            // The spare was moved aside when this build started; a folder there now is not ours to keep.
            try? fileManager.removeItem(atPath: sparePath)
            if rename(stagingPath, sparePath) != 0 {
                try? fileManager.removeItem(atPath: stagingPath)
                return
            }
        }
        if let cacheFolder, described != nil {
            // The manifest set aside describes what now sits at the spare path.
            _ = rename(
                cacheFolder.appending(path: Self.setAsideName).path(percentEncoded: false),
                cacheFolder.appending(path: OutputManifest.spareFileName).path(percentEncoded: false))
        }
    }

    private static let setAsideName = "spare-pending.bin"

    /// Whether the output was created by this build (there was none before), so there is no spare tree.
    public var lacksSpare: Bool {
        startedWithoutOutput.load(ordering: .relaxed) && !Self.isFolder(spare.path(percentEncoded: false))
    }

    /// Makes the spare tree for an output built from nothing: every file of `files` hard-linked from the
    /// output, so the next build updates it in place instead of filling a whole new tree. Built under a
    /// staging name (which the next build clears away if this one is killed) and renamed when complete.
    public func makeSpare(of files: [String], jobs: Int) async throws(Failure) {
        let parent = output.deletingLastPathComponent().path(percentEncoded: false)
        let building = parent + "/.\(output.lastPathComponent).staging-spare-\(getpid())"
        let outputRoot = output.path(percentEncoded: false)
        guard mkdir(building, 0o755) == 0 else { throw Failure(message: "cannot create \(building): \(FileIO.errnoText())") }
        let made = FolderSet()
        let sorted = files.sorted()
        let chunk = 512
        let failures = await ParallelMap.map(Array(stride(from: 0, to: sorted.count, by: chunk)), jobs: jobs) { start -> String? in
            for path in sorted[start..<min(start + chunk, sorted.count)] {
                let target = building + "/" + path
                do throws(Failure) { try made.makeParents(of: target, below: building) } catch { return error.message }
                guard link(outputRoot + "/" + path, target) == 0 else { return "cannot link \(path): \(FileIO.errnoText())" }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            try? FileManager.default.removeItem(atPath: building)
            throw Failure(message: failure)
        }
        guard rename(building, spare.path(percentEncoded: false)) == 0 else {
            try? FileManager.default.removeItem(atPath: building)
            throw Failure(message: "cannot create \(spare.path(percentEncoded: false)): \(FileIO.errnoText())")
        }
    }

    /// Takes the output's manifest out of use before the swap: it is removed when it does not describe
    /// this output, else renamed aside, to describe the spare once the swap has moved the output there.
    public func setAsideManifest() {
        guard let cacheFolder else { return }
        let manifest = cacheFolder.appending(path: OutputManifest.fileName).path(percentEncoded: false)
        if described == nil || rename(manifest, cacheFolder.appending(path: Self.setAsideName).path(percentEncoded: false)) != 0 {
            unlink(manifest)
        }
    }

    /// After a failed build: removes the staging folder (a spare, no longer described, is left for the
    /// next build to replace). The output is untouched.
    public func abandon() {
        if !usesSpare { try? FileManager.default.removeItem(at: staging) }
    }

    /// Removes from the spare every file the new site does not have, and the folders left empty.
    private func removeFilesNotWritten() {
        let kept = records.withLock { $0 }
        let root = staging.path(percentEncoded: false)
        // A mirroring spare holds the previous output's paths.
        let held = spareMirrorsPrevious ? (previous?.files ?? FileRecords()) : spareFiles
        for path in held.paths where kept[path] == nil {
            unlink(root + "/" + path)
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if rmdir(root + "/" + folder) != 0 { break }
            }
        }
    }

    private func removeTopLevelDotFiles(_ folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") {
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { unlink(folder + "/" + name) }
        }
    }

    /// Top-level dot files (`.gitkeep`, `.nojekyll`) are the publisher's, not the build's: they carry over.
    private func keepDotFiles(from outputPath: String, into stagingPath: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? [] where name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: outputPath + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                _ = link(outputPath + "/" + name, stagingPath + "/" + name)
            }
        }
    }

    /// Top-level dot folders (a `.git` used for publishing) move across after the swap.
    private func moveDotFolders(from oldPath: String, into outputPath: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: oldPath)) ?? [] where name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: oldPath + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                _ = rename(oldPath + "/" + name, outputPath + "/" + name)
            }
        }
    }
}

/// Folders known to exist below a root being filled: most files go into a folder made for an earlier
/// one, and asking the set is cheaper than asking the kernel with `mkdir` again.
final class FolderSet: Sendable {
    private let made = Mutex(Set<String>())

    /// Creates every missing folder between `root` and the file's folder.
    func makeParents(of path: String, below root: String) throws(OutputWriter.Failure) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if folder == root || made.withLock({ $0.contains(folder) }) { return }
        try FileIO.makeParentFolders(of: path, below: root)
        made.withLock { _ = $0.insert(folder) }
    }
}
