import Foundation
import Synchronization
import Testing
import TestSupport
@testable import BroadsheetServer

@Suite struct FileWatcherTests {
    /// Collects everything a watcher reports.
    final class Collected: Sendable {
        private let paths = Mutex<Set<String>>([])
        func add(_ batch: [String]) { paths.withLock { $0.formUnion(batch) } }
        func contains(_ path: String) -> Bool { paths.withLock { $0.contains(path) } }
    }

    @Test(arguments: [false, true])
    func reportsNewFilesInNewFolders(forcePolling: Bool) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let watcher = FileWatcher(paths: [root], pollInterval: .milliseconds(50), forcePolling: forcePolling)
        defer { watcher.stop() }
        let collected = Collected()
        let consumer = Task {
            for await batch in watcher.changes { collected.add(batch) }
        }
        defer { consumer.cancel() }

        let nested = root.appendingPathComponent("a/b/c.md")
        try FileManager.default.createDirectory(at: nested.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: nested)
        #expect(await eventually { collected.contains(nested.path) })

        let later = root.appendingPathComponent("a/b/d.md")
        try Data("y".utf8).write(to: later)
        #expect(await eventually { collected.contains(later.path) })
    }

    @Test func stoppingFinishesTheStream() async {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let watcher = FileWatcher(paths: [root])
        let ended = Flag()
        let consumer = Task {
            for await _ in watcher.changes {}
            ended.set()
        }
        watcher.stop()
        #expect(await eventually { ended.isSet })
        consumer.cancel()
    }
}
