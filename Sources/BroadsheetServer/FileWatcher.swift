import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reports changes under watched files and folders as batches of absolute paths.
///
/// On Linux it reads inotify on a dedicated thread. inotify is not recursive, so every folder gets its own
/// watch, including folders created later. Each watched path's parent is watched too (filtered to that name),
/// so a file replaced by an editor's atomic save, or a folder deleted and made again, is still seen.
/// Where inotify is missing or fails, the same thread polls modification times instead.
final class FileWatcher: Sendable {
    /// One element per burst of events read together; paths are absolute, sorted and unique.
    let changes: AsyncStream<[String]>

    private let continuation: AsyncStream<[String]>.Continuation
    private let stopWriteEnd: Mutex<Int32?>

    /// Starts watching at once; `forcePolling` exists for tests and platforms without inotify.
    init(paths: [URL], pollInterval: Duration = .milliseconds(500), forcePolling: Bool = false) {
        let (stream, continuation) = AsyncStream.makeStream(of: [String].self, bufferingPolicy: .unbounded)
        self.changes = stream
        self.continuation = continuation

        var fds: [Int32] = [-1, -1]
        let piped = pipe(&fds) == 0
        stopWriteEnd = Mutex(piped ? fds[1] : nil)
        let stopReadEnd = piped ? fds[0] : -1
        let roots = paths.map { $0.standardizedFileURL.path }
        let intervalMilliseconds = Int32(clamping: pollInterval.components.seconds * 1000
            + pollInterval.components.attoseconds / 1_000_000_000_000_000)

        // Watches (or the first snapshot) exist before init returns, so no change made after it is missed.
        let handOff = WatchLoopHandOff(loop: WatchLoop(roots: roots, forcePolling: forcePolling))
        let thread = Thread {
            let loop = handOff.loop
            loop.run(stopFD: stopReadEnd, pollMilliseconds: max(intervalMilliseconds, 10)) { continuation.yield($0) }
            if stopReadEnd >= 0 { close(stopReadEnd) }
            continuation.finish()
        }
        thread.name = "broadsheet-file-watcher"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stops the watching thread; the `changes` stream then finishes.
    func stop() {
        let writeEnd = stopWriteEnd.withLock { fd -> Int32? in
            defer { fd = nil }
            return fd
        }
        guard let writeEnd else { return }
        // Consumers end now, even if the thread is still busy adding watches for a large tree.
        continuation.finish()
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
        close(writeEnd)
    }
}

/// Carries the loop into its thread.
/// @unchecked Sendable: ownership moves to the watching thread; `FileWatcher.init` never touches the loop again.
private final class WatchLoopHandOff: @unchecked Sendable {
    let loop: WatchLoop
    init(loop: WatchLoop) { self.loop = loop }
}

/// State of the watching thread; after set-up it lives on that thread only, so it needs no locking.
private final class WatchLoop {
    private struct Watch {
        var directory: String
        /// Whole subtree (a watched folder) or only some names in it (the parent of a watched path).
        var recursive: Bool
        var names: Set<String>
    }

    private let roots: [String]
    private var usesInotify: Bool
    private var inotifyFD: Int32 = -1
    private var watches: [Int32: Watch] = [:]
    private var snapshot: [String: FileSnapshotEntry] = [:]

    init(roots: [String], forcePolling: Bool) {
        self.roots = roots
        usesInotify = false
        #if canImport(Glibc)
        if !forcePolling {
            inotifyFD = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            usesInotify = inotifyFD >= 0
        }
        #endif
        if usesInotify {
            for root in roots { watchRoot(root) }
        } else {
            snapshot = takeSnapshot()
        }
    }

    deinit {
        if inotifyFD >= 0 { close(inotifyFD) }
    }

    func run(stopFD: Int32, pollMilliseconds: Int32, report: ([String]) -> Void) {
        var descriptors = [
            pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, nfds_t(descriptors.count), usesInotify ? -1 : pollMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            var changed = Set<String>()
            if usesInotify {
                if descriptors[0].revents != 0 { drainEvents(into: &changed) }
            } else {
                let next = takeSnapshot()
                for (path, entry) in next where snapshot[path] != entry { changed.insert(path) }
                for path in snapshot.keys where next[path] == nil { changed.insert(path) }
                snapshot = next
            }
            if !changed.isEmpty { report(changed.sorted()) }
        }
    }

    // MARK: - inotify

    #if canImport(Glibc)
    private static let directoryMask = UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MODIFY)
        | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
    #endif

    private func watchRoot(_ root: String) {
        let parent = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        addWatch(directory: parent, recursive: false, names: [name])
        if isDirectory(root) { addTree(root, collectingFilesInto: nil) }
    }

    /// Watches `directory` and every folder below it; files found are reported when the folder is new.
    private func addTree(_ directory: String, collectingFilesInto found: UnsafeMutablePointer<Set<String>>?) {
        addWatch(directory: directory, recursive: true, names: [])
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries {
            let path = directory + "/" + entry
            if isDirectory(path) {
                addTree(path, collectingFilesInto: found)
            } else {
                found?.pointee.insert(path)
            }
        }
    }

    private func addWatch(directory: String, recursive: Bool, names: Set<String>) {
        #if canImport(Glibc)
        let descriptor = inotify_add_watch(inotifyFD, directory, Self.directoryMask)
        // ENOENT (the parent vanished) or ENOSPC (watch limit): nothing better to do than skip it.
        guard descriptor >= 0 else { return }
        if var existing = watches[descriptor], existing.directory == directory {
            existing.recursive = existing.recursive || recursive
            existing.names.formUnion(names)
            watches[descriptor] = existing
        } else {
            watches[descriptor] = Watch(directory: directory, recursive: recursive, names: names)
        }
        #endif
    }

    private func drainEvents(into changed: inout Set<String>) {
        #if canImport(Glibc)
        let headerSize = 16  // wd, mask, cookie, len: the fixed part of struct inotify_event
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            var offset = 0
            while offset + headerSize <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += headerSize + length
                handle(wd: wd, mask: mask, name: name, into: &changed)
            }
        }
        #endif
    }

    private func handle(wd: Int32, mask: UInt32, name: String, into changed: inout Set<String>) {
        #if canImport(Glibc)
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: report the roots so the build looks at everything.
            changed.formUnion(roots)
            return
        }
        guard let watch = watches[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches[wd] = nil
            return
        }
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
            if watch.recursive { changed.insert(watch.directory) }
            return
        }
        guard !name.isEmpty, watch.recursive || watch.names.contains(name), !Self.isEditorScratch(name) else { return }
        let path = watch.directory + "/" + name
        changed.insert(path)
        let createdFolder = mask & UInt32(IN_ISDIR) != 0 && mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0
        if createdFolder {
            // Files may already be inside before the new watch exists (mkdir -p && write): report them too.
            var found = Set<String>()
            addTree(path, collectingFilesInto: &found)
            changed.formUnion(found)
        }
        #endif
    }

    /// Swap and backup files that editors write beside the real one; they alone never warrant a build.
    private static func isEditorScratch(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasPrefix(".#")
            || name == "4913" || name == ".DS_Store"
    }

    // MARK: - Polling fallback

    private func takeSnapshot() -> [String: FileSnapshotEntry] {
        var result: [String: FileSnapshotEntry] = [:]
        for root in roots { scan(root, into: &result) }
        return result
    }

    private func scan(_ path: String, into result: inout [String: FileSnapshotEntry]) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        result[path] = FileSnapshotEntry(size: Int64(info.st_size), modified: modified, isFolder: isFolder)
        guard isFolder, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for entry in entries where !Self.isEditorScratch(entry) {
            scan(path + "/" + entry, into: &result)
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// What the polling fallback compares between two scans.
private struct FileSnapshotEntry: Equatable {
    var size: Int64
    var modified: Int64
    var isFolder: Bool
}
