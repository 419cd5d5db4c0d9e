import BroadsheetCore
import Foundation
import Synchronization
import Testing

/// A remembered value serves only the very file it came from: the same file again, or the same file
/// renamed; a file written anew under the same name is decoded afresh.
@Suite struct DecodedFilesTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "broadsheet-decoded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` as cache files are written: a new file renamed into place.
    private func replace(_ path: String, with text: String) throws {
        try Data(text.utf8).write(to: URL(filePath: path + ".tmp"))
        #expect(rename(path + ".tmp", path) == 0)
    }

    @Test func aFileIsDecodedOnceUntilItIsReplaced() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appending(path: "cache.bin").path(percentEncoded: false)
        try replace(path, with: "first")
        let memory = DecodedFiles()
        let decodes = Mutex(0)
        func read() -> String? {
            memory.value(at: path, kind: "text") { () -> String? in
                decodes.withLock { $0 += 1 }
                return try? String(contentsOfFile: path, encoding: .utf8)
            }
        }
        #expect(read() == "first")
        #expect(read() == "first")
        #expect(decodes.withLock { $0 } == 1)
        // Another kind of reader decodes for itself.
        #expect(memory.value(at: path, kind: "other") { 42 } == 42)

        try replace(path, with: "second")
        #expect(read() == "second")
        #expect(decodes.withLock { $0 } == 2)

        // Renamed, the file is still the one remembered.
        let moved = root.appending(path: "moved.bin").path(percentEncoded: false)
        #expect(rename(path, moved) == 0)
        #expect(memory.value(at: moved, kind: "text") { () -> String? in nil } == "second")
        // A missing file is left to the decoder.
        #expect(memory.value(at: path, kind: "text") { () -> String? in nil } == nil)
    }

    @Test func aRememberedValueServesTheFileJustWritten() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appending(path: "manifest.bin").path(percentEncoded: false)
        try replace(path, with: "saved")
        let memory = DecodedFiles()
        memory.remember(["saved"], at: path, kind: "list")
        #expect(memory.value(at: path, kind: "list") { () -> [String]? in ["decoded"] } == ["saved"])
    }
}
