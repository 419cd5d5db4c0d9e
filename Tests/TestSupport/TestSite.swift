public import BroadsheetBuild
public import BroadsheetCore
public import Foundation

/// A small site written inline, txtar style, into a fresh temporary folder, built through the same
/// code path as `broadsheet build`.
///
/// ```
/// -- Content/site.yml --
/// title: Test
/// -- Content/2024/03/05/budget.md --
/// ---
/// title: Budget passes
/// date: 2024-03-05
/// ---
/// Body.
/// ```
public struct TestSite: Sendable {
    /// The site folder.
    public let root: URL

    /// The output folder (`<root>/Output`).
    public var output: URL { root.appending(path: "Output", directoryHint: .isDirectory) }

    /// Writes the files of `archive` into a new temporary site folder. A `site.yml` is added when absent.
    public init(_ archive: String) throws {
        root = FileManager.default.temporaryDirectory
            .appending(path: "broadsheet-test-\(UUID().uuidString)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let files = Self.parse(archive)
        for (path, text) in files { try write(path, text) }
        if !files.contains(where: { $0.path == "Content/site.yml" }) {
            try write("Content/site.yml", "title: Test Digest\nbase_url: https://test.example.org/\nlanguage: en\n")
        }
    }

    /// Builds the site; throws the build's diagnostics when it fails.
    @discardableResult
    public func build(
        drafts: Bool = false, baseURL: String? = nil, jobs: Int = 2, fresh: Bool = false, output: URL? = nil,
        failAfterWrites: Int? = nil, memory: DecodedFiles? = nil
    ) async throws(BuildFailure) -> BuildReport {
        var options = BuildOptions(site: root)
        options.includeDrafts = drafts
        options.baseURL = baseURL
        options.jobs = jobs
        options.fresh = fresh
        options.output = output
        options.failAfterWrites = failAfterWrites
        options.memory = memory
        return try await SiteBuilder.build(options)
    }

    /// Runs every check without writing, returning all diagnostics whether or not there are errors.
    public func check() async -> Diagnostics {
        var options = BuildOptions(site: root)
        options.checkOnly = true
        do {
            return try await SiteBuilder.build(options).diagnostics
        } catch {
            return error.diagnostics
        }
    }

    /// Builds a site that must fail, returning its diagnostics (empty if it unexpectedly succeeded).
    public func buildFailure(failAfterWrites: Int? = nil) async -> Diagnostics {
        do {
            try await build(failAfterWrites: failAfterWrites)
            return Diagnostics()
        } catch {
            return error.diagnostics
        }
    }

    /// Writes (or replaces) a file of the site.
    public func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to a file of the site.
    public func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Removes a file of the site.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appending(path: path))
    }

    /// The text of an output file.
    public func output(_ path: String) throws -> String {
        try String(contentsOf: output.appending(path: path), encoding: .utf8)
    }

    /// Whether the output holds a file at `path`.
    public func hasOutput(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appending(path: path).path(percentEncoded: false))
    }

    /// Every file in the output, relative paths sorted.
    public func outputFiles() -> [String] {
        let base = output.path(percentEncoded: false)
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Path and bytes of every output file, for byte-for-byte comparisons.
    public func outputSnapshot() throws -> [String: Data] {
        try snapshot(of: output)
    }

    /// Removes the site folder.
    public func delete() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Splits a txtar-style archive into (path, text) pairs; each file's text ends with a newline.
    static func parse(_ archive: String) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { files.append((current, lines.joined(separator: "\n") + "\n")) }
            lines = []
        }
        for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                current = String(line.dropFirst(3).dropLast(3))
            } else if current != nil {
                lines.append(line)
            }
        }
        flush()
        return files
    }
}

/// Every regular file under `folder`, by relative path, with their bytes.
public func snapshot(of folder: URL) throws -> [String: Data] {
    let base = folder.path(percentEncoded: false)
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
    while let path = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = (base.hasSuffix("/") ? base : base + "/") + path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = try Data(contentsOf: URL(filePath: full))
        }
    }
    return files
}

extension TestSite {
    /// Dates every file of `Content/` (and `Templates/`) an hour back: files changed in the last two
    /// seconds are never trusted to be unchanged, so only aged files let a rebuild skip work.
    public func ageSourceFiles() throws {
        for folder in ["Content", "Templates"] {
            let base = root.appending(path: folder).path(percentEncoded: false)
            for case let path as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? [] {
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: base + "/" + path)
            }
        }
    }
}
