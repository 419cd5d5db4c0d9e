import BroadsheetOutput
import Foundation
import Testing

/// The manifest's file records survive a save and a load whatever changed since they were read: records
/// replaced (saved by patching the stored encoding), added and removed (saved by encoding them all).
@Suite struct ManifestRecordsTests {
    private static func record(_ seed: Int) -> OutputManifest.Record {
        OutputManifest.Record(hash: UInt64(seed) &* 0x9E37_79B9, size: seed, modified: seed * 7, inode: UInt64(seed + 1), generation: seed % 3)
    }

    private static func original() -> [String: OutputManifest.Record] {
        var table: [String: OutputManifest.Record] = [:]
        for index in 0..<200 { table["2024/\(index % 12 + 1)/page-\(index)/index.html"] = record(index) }
        return table
    }

    /// Saves `table` into a new folder and loads it back.
    private func roundTrip(_ files: FileRecords, in folder: URL) throws -> OutputManifest {
        OutputManifest(fingerprint: 1, output: "/out", files: files).save(to: folder)
        return try #require(OutputManifest.load(from: folder))
    }

    private func table(_ files: FileRecords) -> [String: OutputManifest.Record] {
        var table: [String: OutputManifest.Record] = [:]
        files.forEach { path, record in table[path()] = record }
        return table
    }

    @Test(arguments: ["replace", "add", "remove", "add and remove"])
    func changedRecordsSurviveSaving(_ change: String) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "broadsheet-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected = Self.original()
        var files = try roundTrip(FileRecords(expected), in: folder).files
        #expect(table(files) == expected, "the records as saved and loaded")

        let replaced = "2024/3/page-2/index.html"
        let added = "tags/new-topic/index.html"
        let removed = "2024/5/page-4/index.html"
        if change == "replace" {
            files[replaced] = Self.record(999)
            expected[replaced] = Self.record(999)
        }
        if change.contains("add") {
            files[added] = Self.record(1000)
            expected[added] = Self.record(1000)
        }
        if change.contains("remove") {
            files[removed] = nil
            expected[removed] = nil
        }

        #expect(files.count == expected.count)
        #expect(files[removed] == expected[removed])
        let loaded = try roundTrip(files, in: folder).files
        #expect(loaded.count == expected.count)
        let wrong = expected.keys.filter { loaded[$0] != expected[$0] } + loaded.paths.filter { expected[$0] == nil }
        #expect(wrong.isEmpty, "\(change): \(wrong.sorted().prefix(5))")
        #expect(Set(loaded.paths) == Set(expected.keys))
        #expect(loaded.totalSize == expected.values.reduce(0) { $0 + $1.size })
    }
}
