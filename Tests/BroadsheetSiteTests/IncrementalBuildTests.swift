import BroadsheetBuild
import BroadsheetCore
import Foundation
import TestSupport
import Testing

/// The cached, parallel build must write exactly what a fresh single-threaded build writes, and a
/// rebuild with nothing changed must write nothing.
@Suite struct IncrementalBuildTests {
    /// `../shared/corpus/gen_corpus.py`, found from this file's path.
    static let generator: URL = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "shared/corpus/gen_corpus.py")

    static func python() -> String? {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// A site holding a generated 300-entry archive, or nil (with the reason) when it cannot be generated.
    static func generatedSite() async throws -> (TestSite?, String) {
        guard let python = python() else { return (nil, "python3 is not installed: skipping the generated-archive test") }
        guard FileManager.default.fileExists(atPath: generator.path(percentEncoded: false)) else {
            return (nil, "\(generator.path(percentEncoded: false)) is missing: skipping the generated-archive test")
        }
        let site = try TestSite("")
        let process = Process()
        process.executableURL = URL(filePath: python)
        process.arguments = [
            generator.path(percentEncoded: false), "--entries", "300", "--seed", "7", "--out", site.root.path(percentEncoded: false),
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            site.delete()
            throw GenerationFailed(status: process.terminationStatus)
        }
        // Let the files age past the two seconds in which the cache distrusts a file's time stamp.
        try await Task.sleep(for: .milliseconds(2100))
        return (site, "")
    }

    struct GenerationFailed: Error {
        let status: Int32
    }

    @Test func cachedParallelBuildMatchesAFreshSingleThreadedBuild() async throws {
        let (generated, reason) = try await Self.generatedSite()
        guard let site = generated else {
            print(reason)
            return
        }
        defer { site.delete() }
        try await site.build(jobs: 2)
        // Edit one entry after the cache was written (and make sure its time stamp moves on).
        let entries = FileManager.default.enumerator(atPath: site.root.appending(path: "Content").path(percentEncoded: false))?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted() ?? []
        let edited = try #require(entries.dropFirst(entries.count / 2).first)
        let path = "Content/\(edited)"
        let text = try String(contentsOf: site.root.appending(path: path), encoding: .utf8)
        try site.write(path, text + "\nAn added closing paragraph, with a [^n] footnote.\n\n[^n]: The note.\n")
        let cached = try await site.build(jobs: 2)
        #expect(cached.cachedEntries == entries.count - 1)
        #expect(cached.written > 0 && cached.unchanged > 0)
        let incremental = try site.outputSnapshot()

        let freshOutput = site.root.appending(path: "Fresh", directoryHint: .isDirectory)
        try await site.build(jobs: 1, fresh: true, output: freshOutput)
        let fresh = try snapshot(of: freshOutput)
        #expect(incremental.count == fresh.count)
        #expect(Set(incremental.keys) == Set(fresh.keys))
        let different = incremental.keys.filter { incremental[$0] != fresh[$0] }.sorted()
        #expect(different.isEmpty, "differ: \(different.prefix(10))")
    }

    @Test func aRebuildWithNoChangesWritesNothing() async throws {
        let (generated, reason) = try await Self.generatedSite()
        guard let site = generated else {
            print(reason)
            return
        }
        defer { site.delete() }
        try await site.build()
        let before = try modificationTimes(site.output)
        let again = try await site.build()
        #expect(again.written == 0)
        #expect(again.unchanged == again.files)
        #expect(try modificationTimes(site.output) == before)
        // Edited content is never missed, even when the file's size stays the same.
        let page = try site.output("index.html")
        try site.write("Content/site.yml", "title: Test Digesu\nbase_url: https://test.example.org/\nlanguage: en\n")
        let renamed = try await site.build()
        #expect(renamed.written > 0)
        #expect(try site.output("index.html") != page)
    }

    private func snapshot(of folder: URL) throws -> [String: Data] {
        let base = folder.path(percentEncoded: false)
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] {
            var isDirectory: ObjCBool = false
            let full = base + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try Data(contentsOf: URL(filePath: full))
            }
        }
        return result
    }

    private func modificationTimes(_ folder: URL) throws -> [String: Date] {
        let base = folder.path(percentEncoded: false)
        var result: [String: Date] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + path)
            if attributes[.type] as? FileAttributeType == .typeRegular { result[path] = attributes[.modificationDate] as? Date }
        }
        return result
    }
}
