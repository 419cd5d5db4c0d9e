import BroadsheetBuild
import BroadsheetCore
import BroadsheetOutput
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
        // Let the files age past the two seconds (counted in whole seconds for site.yml) in which the caches distrust a time stamp.
        try await Task.sleep(for: .milliseconds(3100))
        return (site, "")
    }

    /// A generated site built once (on two threads), with its entry files' site paths in order; nil (the
    /// reason printed) when no archive can be generated here.
    static func builtGeneratedSite() async throws -> (site: TestSite, entries: [String])? {
        let (generated, reason) = try await generatedSite()
        guard let site = generated else {
            print(reason)
            return nil
        }
        try await site.build(jobs: 2)
        let entries = FileManager.default.enumerator(atPath: site.root.appending(path: "Content").path(percentEncoded: false))?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted().map { "Content/" + $0 } ?? []
        return (site, entries)
    }

    struct GenerationFailed: Error {
        let status: Int32
    }

    @Test func cachedParallelBuildMatchesAFreshSingleThreadedBuild() async throws {
        guard let (site, entries) = try await Self.builtGeneratedSite() else { return }
        defer { site.delete() }
        // Edit one entry after the cache was written (and make sure its time stamp moves on).
        let path = try #require(entries.dropFirst(entries.count / 2).first)
        let text = try String(contentsOf: site.root.appending(path: path), encoding: .utf8)
        try site.write(path, text + "\nAn added closing paragraph, with a [^n] footnote.\n\n[^n]: The note.\n")
        let cached = try await site.build(jobs: 2)
        #expect(cached.cachedEntries == entries.count - 1)
        #expect(cached.written > 0 && cached.unchanged > 0)
        let incremental = try site.outputSnapshot()

        let freshFolder = site.root.appending(path: "Fresh", directoryHint: .isDirectory)
        try await site.build(jobs: 1, fresh: true, output: freshFolder)
        let fresh = try snapshot(of: freshFolder)
        #expect(incremental.count == fresh.count)
        #expect(Set(incremental.keys) == Set(fresh.keys))
        let different = incremental.keys.filter { incremental[$0] != fresh[$0] }.sorted()
        #expect(different.isEmpty, "differ: \(different.prefix(10))")
    }

    /// An edited entry's parse is kept in the cache's file of recent records, and read from there by the
    /// next build alongside the others from the main file.
    @Test func recentRecordsAreReadWithTheRest() async throws {
        guard let (site, entries) = try await Self.builtGeneratedSite() else { return }
        defer { site.delete() }
        let cache = site.root.appending(path: ".broadsheet-cache")
        for (round, index) in [120, 30, 250].enumerated() {
            let path = entries[index]
            try site.write(path, try String(contentsOf: site.root.appending(path: path), encoding: .utf8) + "\nEdited.\n")
            // Old enough to be cached (a file changed in the last two seconds is not), and unlike before.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: Double(-600 - round))],
                ofItemAtPath: site.root.appending(path: path).path(percentEncoded: false))
            let report = try await site.build(jobs: 2)
            #expect(report.cachedEntries == entries.count - 1, "round \(round): \(report.cachedEntries) from the cache")
            #expect(FileManager.default.fileExists(atPath: cache.appending(path: "entries-recent.bin").path(percentEncoded: false)))
        }
        let again = try await site.build(jobs: 2)
        #expect(again.unchanged == again.files)
    }

    /// The preview server keeps what the cache files decoded to between its builds: each rebuild must still
    /// write what a fresh build writes.
    @Test func rebuildsRememberingDecodedFilesMatchFreshBuilds() async throws {
        guard let (site, entries) = try await Self.builtGeneratedSite() else { return }
        defer { site.delete() }
        let mirror = try TestSite("")
        defer { mirror.delete() }
        let memory = DecodedFiles()
        try await site.build(jobs: 2, memory: memory)
        for (round, index) in [75, 140, 75, 299].enumerated() {
            let path = entries[index]
            let text = try String(contentsOf: site.root.appending(path: path), encoding: .utf8)
            try site.write(path, round == 2 ? Self.replacing("title", in: text, with: ["Retitled"]) : text + "\nMore.\n")
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: Double(-900 - round))],
                ofItemAtPath: site.root.appending(path: path).path(percentEncoded: false))
            let report = try await site.build(jobs: 2, memory: memory)
            #expect(report.renderedSubset && report.cachedEntries == entries.count - 1, "round \(round)")
            #expect(try site.outputSnapshot() == (try await freshOutput(of: site, in: mirror)), "round \(round)")
            try expectManifestDescribesOutput(of: site, "round \(round)")
        }
    }

    /// The manifest a rebuild saved (mostly copied from the one before, with the changed records written
    /// over) describes every output file as it is: its size, content hash, inode and modification time.
    private func expectManifestDescribesOutput(of site: TestSite, _ name: String) throws {
        let manifest = try #require(OutputManifest.load(from: site.root.appending(path: ".broadsheet-cache")), "\(name)")
        let files = site.outputFiles()
        #expect(Set(manifest.files.paths) == Set(files), "\(name)")
        let root = site.output.path(percentEncoded: false)
        let wrong = files.filter { path in
            guard let record = manifest.files[path], let bytes = FileManager.default.contents(atPath: root + "/" + path) else {
                return true
            }
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else { return true }
            return record.size != bytes.count || record.hash != ContentHash.of([UInt8](bytes))
                || record.inode != UInt64(info.st_ino) || record.modified != info.modifiedNanoseconds
        }
        #expect(wrong.isEmpty, "\(name): the manifest misdescribes \(wrong.prefix(5))")
    }

    /// Edits of one entry (or two neighbours) rebuild only the pages they affect, updating the spare
    /// output tree in place; after each, the output must equal a fresh single-threaded build's.
    @Test func partialRebuildsMatchFreshBuilds() async throws {
        guard let (site, entries) = try await Self.builtGeneratedSite() else { return }
        defer { site.delete() }
        let mirror = try TestSite("")
        defer { mirror.delete() }
        #expect(entries.count == 300)
        func text(_ path: String) throws -> String { try String(contentsOf: site.root.appending(path: path), encoding: .utf8) }

        let cases: [(name: String, edit: () throws -> Void)] = [
            ("body", { try site.write(entries[150], try text(entries[150]) + "\nOne more sentence for the test.\n") }),
            ("title", { try site.write(entries[40], try Self.replacing("title", in: try text(entries[40]), with: ["Edited headline"])) }),
            ("summary", { try site.write(entries[41], try Self.replacing("summary", in: try text(entries[41]), with: ["A summary now."])) }),
            ("tags", {
                // Take another entry's tags: every tag keeps entries, so the tag list stays as it was.
                let tags = Self.list("tags", in: try text(entries[7]))
                try site.write(entries[200], try Self.replacing("tags", in: try text(entries[200]), with: tags, list: true))
            }),
            ("fewer tags", {
                let tags = Self.list("tags", in: try text(entries[90]))
                try site.write(entries[90], try Self.replacing("tags", in: try text(entries[90]), with: Array(tags.prefix(1)), list: true))
            }),
            ("sources", {
                let sources = Self.list("sources", in: try text(entries[3]))
                try site.write(entries[260], try Self.replacing("sources", in: try text(entries[260]), with: sources, list: true))
            }),
            ("two neighbours", {
                for index in [120, 121] {
                    try site.write(entries[index], try Self.replacing("title", in: try text(entries[index]), with: ["Twin \(index)"]))
                }
            }),
            ("newest", { try site.write(entries[299], try text(entries[299]) + "\nA late addition.\n") }),
            ("oldest", { try site.write(entries[0], try Self.replacing("title", in: try text(entries[0]), with: ["First of all"])) }),
        ]
        for (name, edit) in cases {
            try edit()
            let report = try await site.build(jobs: 2)
            #expect(report.renderedSubset, "\(name): every page was rendered")
            // The first build made the spare tree beside the output it created, so every rebuild updates it.
            #expect(report.usedSpare, "\(name): the spare tree was not used")
            #expect(report.written > 0, "\(name)")
            let incremental = try site.outputSnapshot()

            try expectManifestDescribesOutput(of: site, name)

            let fresh = try await freshOutput(of: site, in: mirror)
            #expect(Set(incremental.keys) == Set(fresh.keys), "\(name)")
            let different = incremental.keys.filter { incremental[$0] != fresh[$0] }.sorted()
            #expect(different.isEmpty, "\(name) differs: \(different.prefix(10))")
            try expectSameEntryStamps(site, mirror, name)
        }
        // A new tag changes the tag list: every page is rendered, and the result is still right.
        try site.write(entries[10], try Self.replacing("tags", in: try text(entries[10]), with: ["A Brand New Topic"], list: true))
        let full = try await site.build(jobs: 2)
        #expect(!full.renderedSubset)
        #expect(try site.outputSnapshot() == (try await freshOutput(of: site, in: mirror)))
        try expectSameEntryStamps(site, mirror, "new tag")
        // Every entry's tag indexes moved: the next edit must start from the stamps of the new tag list.
        try site.write(entries[11], try text(entries[11]) + "\nAfter the new topic.\n")
        let after = try await site.build(jobs: 2)
        #expect(after.renderedSubset)
        #expect(try site.outputSnapshot() == (try await freshOutput(of: site, in: mirror)))
        try expectSameEntryStamps(site, mirror, "after the new tag")
    }

    /// The entry stamps a rebuild saved (most of them reused from the build before) are what a fresh build
    /// of the same files computes; file sizes and times are left out, as the mirror's files are copies.
    private func expectSameEntryStamps(_ site: TestSite, _ mirror: TestSite, _ name: String) throws {
        func stamps(_ site: TestSite) throws -> [OutputManifest.EntryStamp] {
            let manifest = try #require(OutputManifest.load(from: site.root.appending(path: ".broadsheet-cache")), "\(name)")
            return manifest.entries.map { stamp in
                var stamp = stamp
                (stamp.size, stamp.modified) = (0, 0)
                return stamp
            }
        }
        let saved = try stamps(site)
        let fresh = try stamps(mirror)
        #expect(saved.count == fresh.count, "\(name)")
        let different = Array(zip(saved, fresh).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset).prefix(10))
        #expect(different.isEmpty, "\(name): entry stamps differ")
    }

    /// A spare tree no manifest describes (a killed build may leave one half-updated) is listed and
    /// corrected, never trusted: stray files and folders go, files it holds with other bytes are replaced.
    @Test func anUndescribedSpareIsListedAndCorrected() async throws {
        var archive = ""
        for index in 0..<12 {
            archive += "-- Content/2024/05/0\(index % 5 + 1)/entry-\(index).md --\n---\ntitle: Entry \(index)\n"
                + "date: 2024-05-0\(index % 5 + 1)\ntags: [Topic \(index % 3)]\n---\nBody \(index).\n"
        }
        let site = try TestSite(archive)
        defer { site.delete() }
        let mirror = try TestSite("")
        defer { mirror.delete() }
        try await site.build()
        try site.write("Content/2024/05/01/entry-0.md", "---\ntitle: Entry 0\ndate: 2024-05-01\ntags: [Topic 0]\n---\nBody zero.\n")
        try await site.build()
        let spare = site.root.appending(path: ".Output.spare").path(percentEncoded: false)
        #expect(FileManager.default.fileExists(atPath: spare + "/index.html"))
        // What a killed build could leave: no description, a stray file and folder, a page with other bytes.
        try FileManager.default.removeItem(at: site.root.appending(path: ".broadsheet-cache/spare.bin"))
        try FileManager.default.createDirectory(atPath: spare + "/stray/empty", withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: URL(filePath: spare + "/stray.html"))
        try FileManager.default.removeItem(atPath: spare + "/tags/index.html")
        try Data("stale".utf8).write(to: URL(filePath: spare + "/tags/index.html"))
        try site.write("Content/2024/05/02/entry-1.md", "---\ntitle: Entry one\ndate: 2024-05-02\ntags: [Topic 1]\n---\nBody one.\n")
        let report = try await site.build()
        #expect(report.usedSpare)
        #expect(try site.outputSnapshot() == (try await freshOutput(of: site, in: mirror)))
        #expect(!FileManager.default.fileExists(atPath: site.output.appending(path: "stray").path(percentEncoded: false)))
    }

    /// A template change re-renders the pages whose template uses it, and nothing else.
    @Test func aTemplateChangeRerendersThePagesUsingIt() async throws {
        var archive = ""
        for index in 0..<30 {
            let day = index % 9 + 1
            archive += "-- Content/2024/05/0\(day)/entry-\(index).md --\n---\ntitle: Entry \(index)\n"
                + "date: 2024-05-0\(day)\ntags: [Topic \(index % 2)]\n---\nBody \(index).\n"
        }
        let site = try TestSite(archive)
        defer { site.delete() }
        let mirror = try TestSite("")
        defer { mirror.delete() }
        let theme = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Templates/partials/pagination.mustache")
        let pagination = (try? String(contentsOf: theme, encoding: .utf8))
            ?? "{{#pagination}}<nav>{{number}} of {{count}}</nav>{{/pagination}}\n"
        try site.write("Templates/partials/pagination.mustache", pagination)
        try site.write("Content/site.yml", "title: Test Digest\nbase_url: https://test.example.org/\nlanguage: en\nper_page: 5\nhome_days: 2\n")
        // Files changed in the last seconds are never trusted to be unchanged (a site.yml makes every page
        // render, an entry its pages): make them old ones.
        let content = site.root.appending(path: "Content").path(percentEncoded: false)
        for case let path as String in FileManager.default.enumerator(atPath: content)?.allObjects ?? [] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: content + "/" + path)
        }
        try await site.build()
        try site.write("Content/2024/05/01/entry-0.md", "---\ntitle: Entry 0\ndate: 2024-05-01\ntags: [Topic 0]\n---\nBody zero.\n")
        try await site.build()
        try site.write("Templates/partials/pagination.mustache", "<p class=\"changed\"></p>\n" + pagination)
        let report = try await site.build()
        #expect(report.renderedSubset)
        #expect(report.usedSpare)
        let paginated = try site.outputSnapshot().filter { _, bytes in
            String(decoding: bytes, as: UTF8.self).contains("<p class=\"changed\">")
        }
        #expect(!paginated.isEmpty)
        // Home and list pages only (every page of them, as one cannot tell which show pagination).
        #expect(report.rendered < report.files / 2, "\(report.rendered) of \(report.files) rendered")
        #expect(try site.outputSnapshot() == (try await freshOutput(of: site, in: mirror, copying: ["Content", "Templates"])))
    }

    /// The items of a front-matter list (`key:` followed by `  - item` lines), as written.
    static func list(_ key: String, in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(key + ":")) else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
    }

    /// `text` with the front-matter field `key` replaced (or added) with `values`: a list, or one value.
    static func replacing(_ key: String, in text: String, with values: [String], list: Bool = false) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let end = try #require(lines.dropFirst().firstIndex(of: "---"))
        var position = end
        if let start = lines[..<end].firstIndex(where: { $0 == key + ":" || $0.hasPrefix(key + ": ") }) {
            var stop = start + 1
            while stop < end, lines[stop].hasPrefix("  - ") { stop += 1 }
            lines.removeSubrange(start..<stop)
            position = start
        }
        let quoted = values.map { $0.hasPrefix("\"") || $0.hasPrefix("'") ? $0 : "\"\($0)\"" }
        lines.insert(contentsOf: list ? [key + ":"] + quoted.map { "  - " + $0 } : ["\(key): \(quoted[0])"], at: position)
        return lines.joined(separator: "\n")
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

    /// The output of `build --fresh --jobs 1` of `site`'s `folders`, copied into `mirror` and built there.
    private func freshOutput(of site: TestSite, in mirror: TestSite, copying folders: [String] = ["Content"]) async throws
        -> [String: Data]
    {
        for folder in folders {
            try? FileManager.default.removeItem(at: mirror.root.appending(path: folder))
            try FileManager.default.copyItem(at: site.root.appending(path: folder), to: mirror.root.appending(path: folder))
        }
        try await mirror.build(jobs: 1, fresh: true)
        return try snapshot(of: mirror.output)
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
