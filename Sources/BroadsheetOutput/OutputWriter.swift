public import BroadsheetCore
import CBroadsheetSystem
public import Foundation
import Synchronization

/// Stage 4, the only code that writes: fills a staging folder beside the output, then swaps it in whole.
///
/// The swap is one `renameat2(RENAME_EXCHANGE)`, so at every moment — a failed build, or one killed with
/// SIGKILL — the output folder is either the previous build exactly or the complete new one.
public final class OutputWriter: Sendable {
    /// The folder being replaced.
    public let output: URL
    /// The folder being filled.
    public let staging: URL
    private let stats = Mutex(WriteStats())
    private let failAfterWrites: Int?
    private let keepUnchanged: Bool
    private let previous: OutputManifest?
    private let records = Mutex([String: OutputManifest.Record]())

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

    /// Prepares an empty staging folder next to `output`, clearing any left by an interrupted build.
    /// With `keepUnchanged`, a file whose bytes match the previous output is linked, not rewritten.
    /// `failAfterWrites` makes the n-th write fail, to prove a failed build leaves the output untouched.
    /// With `previous`, the manifest of the current output, an unchanged file is recognised by its hash
    /// without reading the old file.
    public init(
        output: URL, keepUnchanged: Bool = true, previous: OutputManifest? = nil, failAfterWrites: Int? = nil
    ) throws(Failure) {
        self.previous = keepUnchanged ? previous : nil
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        staging = parent.appending(path: ".\(name).staging-\(getpid())", directoryHint: .isDirectory)
        self.failAfterWrites = failAfterWrites
        self.keepUnchanged = keepUnchanged
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            for leftover in try fileManager.contentsOfDirectory(atPath: parent.path(percentEncoded: false))
            where leftover.hasPrefix(".\(name).staging-") {
                try? fileManager.removeItem(at: parent.appending(path: leftover))
            }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Failure(message: "cannot prepare \(staging.path(percentEncoded: false)): \(error.localizedDescription)")
        }
    }

    /// What has been written so far.
    public var statistics: WriteStats { stats.withLock { $0 } }

    /// Writes one file into the staging folder; an unchanged file is hard-linked from the previous output
    /// so its modification time stays as it was.
    public func write(_ file: RenderedFile) throws(Failure) {
        let count = stats.withLock { stats in
            stats.bytes += file.bytes.count
            return stats.written + stats.unchanged
        }
        if let failAfterWrites, count >= failAfterWrites {
            throw Failure(message: "simulated failure writing \(file.path)")
        }
        let target = staging.path(percentEncoded: false) + "/" + file.path.value
        let previousPath = output.path(percentEncoded: false) + "/" + file.path.value
        try FileIO.makeParentFolders(of: target, below: staging.path(percentEncoded: false))
        let hash = ContentHash.of(file.bytes)
        if keepUnchanged, isUnchanged(file, hash: hash, at: previousPath), link(previousPath, target) == 0 {
            // A hard link keeps the inode, so the record of the previous file still describes it.
            if let found = FileIdentity.of(target) {
                record(file.path.value, OutputManifest.Record(hash: hash, size: found.size, modified: found.modified, inode: found.inode))
            }
            stats.withLock { $0.unchanged += 1 }
            return
        }
        try FileIO.write(file.bytes, to: target)
        if let found = FileIdentity.of(target) {
            record(file.path.value, OutputManifest.Record(hash: hash, size: found.size, modified: found.modified, inode: found.inode))
        }
        stats.withLock { $0.written += 1 }
    }

    /// Whether the previous output holds `file` unchanged: by the manifest when the file on disk is the
    /// one it describes, else by reading and comparing the bytes.
    private func isUnchanged(_ file: RenderedFile, hash: UInt64, at path: String) -> Bool {
        if let known = previous?.files[file.path.value], let found = FileIdentity.of(path), found.size == known.size,
            found.modified == known.modified, found.inode == known.inode
        {
            return known.hash == hash && known.size == file.bytes.count
        }
        return FileIO.hasSameBytes(path, file.bytes)
    }

    private func record(_ path: String, _ record: OutputManifest.Record) {
        records.withLock { $0[path] = record }
    }

    /// What was written, for the manifest of the next build.
    public func manifest(fingerprint: UInt64) -> OutputManifest {
        OutputManifest(fingerprint: fingerprint, output: output.path(percentEncoded: false), files: records.withLock { $0 })
    }

    /// Copies a file (an asset) into the staging folder, hard-linking it when unchanged.
    public func copy(_ source: URL, to path: SitePath) throws(Failure) {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: source)) } catch {
            throw Failure(message: "cannot read \(source.path(percentEncoded: false)): \(error.localizedDescription)")
        }
        try write(RenderedFile(path: path, bytes: bytes))
    }

    /// Swaps the staging folder in as the output and removes the previous build.
    public func commit() throws(Failure) {
        let fileManager = FileManager.default
        let outputPath = output.path(percentEncoded: false)
        let stagingPath = staging.path(percentEncoded: false)
        guard fileManager.fileExists(atPath: outputPath) else {
            guard rename(stagingPath, outputPath) == 0 else { throw Failure(message: "cannot create \(outputPath): \(FileIO.errnoText())") }
            return
        }
        keepDotFiles(from: outputPath, into: stagingPath)
        guard broadsheet_exchange_paths(stagingPath, outputPath) == 0 else {
            throw Failure(message: "cannot replace \(outputPath): \(FileIO.errnoText())")
        }
        // The previous build now sits at the staging path.
        moveDotFolders(from: stagingPath, into: outputPath)
        try? fileManager.removeItem(atPath: stagingPath)
    }

    /// Removes the staging folder after a failed build; the output is untouched.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
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
