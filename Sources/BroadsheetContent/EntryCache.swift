public import BroadsheetCore
import BroadsheetMarkdown
public import Foundation

/// Parse results of entry files from the previous build, so unchanged files skip YAML and Markdown.
///
/// Stored in `<site>/.broadsheet-cache/entries.bin`. A record is reused only when the file's site-relative
/// path, size and modification time (in nanoseconds) all match, and the whole file is ignored unless its
/// key matches: the cache format, the running executable (its path, size and modification time, so any
/// rebuilt or upgraded Broadsheet starts afresh) and the bytes of `site.yml`, which can change how entries
/// parse. Files modified in the last two seconds are not stored, so an edit made in the same instant as a
/// build can never hide behind an unchanged timestamp.
struct EntryCache: Sendable {
    /// What one entry file parsed to.
    struct Record: Sendable {
        let size: Int
        let modified: Int
        let entry: EntrySource?
        let diagnostics: [Diagnostic]
    }

    static let fileName = "entries.bin"
    /// Records added since `entries.bin` was last written whole, so editing one entry of a large archive
    /// does not rewrite every record. Each record stands on its own (it applies only to a file of its
    /// size and time), so the two files combine safely in any state a killed build leaves.
    static let recentFileName = "entries-recent.bin"
    private static let magic = "broadsheet-entries-3"

    let key: UInt64
    /// Every record by path, in path order (the order of the listing they were saved from): a build finds
    /// its files' records by walking this beside its own listing, which cost a tenth of hashing every path.
    var records: [(path: String, record: Record)]
    /// How many records `entries.bin` holds.
    var baseCount = 0
    /// The paths whose records came from `entries-recent.bin`.
    var recent: Set<String> = []

    /// Where the record a build used for a file came from.
    enum Origin: Sendable {
        /// `entries.bin`.
        case base
        /// `entries-recent.bin`.
        case recent
        /// The file, parsed by this build.
        case parsed
    }

    /// The cache key for a site: format, executable and `site.yml` bytes.
    static func key(siteConfig: URL) -> UInt64 {
        var hash = ContentHash()
        hash.add(magic)
        hash.add(BuildIdentity.current)
        hash.add((try? [UInt8](Data(contentsOf: siteConfig))) ?? [])
        return hash.value
    }

    /// The cached records in `folder`, or an empty cache when there are none usable.
    /// `memory` keeps what the files decoded to for later builds of this process.
    static func load(from folder: URL, key: UInt64, memory: DecodedFiles? = nil) -> EntryCache {
        func load(_ name: String) -> EntryCache {
            guard let memory else { return Self.load(from: folder, name: name, key: key) }
            return memory.value(at: folder.appending(path: name).path(percentEncoded: false), kind: "\(magic) \(key)") {
                Self.load(from: folder, name: name, key: key)
            } ?? EntryCache(key: key, records: [])
        }
        var cache = load(fileName)
        cache.baseCount = cache.records.count
        guard !cache.records.isEmpty else { return cache }
        let recent = load(recentFileName).records
        guard !recent.isEmpty else { return cache }
        cache.recent = Set(recent.map(\.path))
        cache.records = merged(cache.records, recent)
        return cache
    }

    /// The records of `base` and `newer` in path order, `newer`'s where both have a path; each list is in
    /// path order already, and a list that is not (written by another version) is sorted first.
    private static func merged(_ base: [(path: String, record: Record)], _ newer: [(path: String, record: Record)])
        -> [(path: String, record: Record)]
    {
        var base = base
        var newer = newer
        base.sortIfNeeded { $0.path < $1.path }
        newer.sortIfNeeded { $0.path < $1.path }
        var result: [(path: String, record: Record)] = []
        result.reserveCapacity(base.count + newer.count)
        var next = 0
        for item in base {
            while next < newer.count, newer[next].path < item.path {
                result.append(newer[next])
                next += 1
            }
            if next < newer.count, newer[next].path == item.path { continue }
            result.append(item)
        }
        result += newer[next...]
        return result
    }

    private static func load(from folder: URL, name: String, key: UInt64) -> EntryCache {
        let empty = EntryCache(key: key, records: [])
        guard let stored = StoredBytes.map(folder.appending(path: name).path(percentEncoded: false)) else { return empty }
        var reader = ByteReader(stored)
        do throws(ByteReader.Corrupt) {
            guard try reader.string() == magic, try reader.uint64() == key else { return empty }
            let recordsLength = try reader.int()
            let bodiesStart = reader.position + recordsLength
            guard recordsLength >= 0, bodiesStart <= stored.count else { return empty }
            var records: [(path: String, record: Record)] = []
            let count = try reader.int()
            records.reserveCapacity(max(0, count))
            for _ in 0..<count {
                let path = try reader.string()
                let size = try reader.int()
                let modified = try reader.int()
                let entry = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                    try Self.readEntry(file: path, bodies: bodiesStart, &reader)
                }
                let diagnostics = try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                    try reader.diagnostic()
                }
                records.append((path, Record(size: size, modified: modified, entry: entry, diagnostics: diagnostics)))
            }
            guard reader.position == bodiesStart else { return empty }
            return EntryCache(key: key, records: records)
        } catch {
            return empty
        }
    }

    /// For each of `files` (in path order), its record when its size and modification time still match,
    /// and where it came from.
    func records(for files: [ContentFile]) -> [(record: Record, origin: Origin)?] {
        var found: [(record: Record, origin: Origin)?] = []
        found.reserveCapacity(files.count)
        var next = 0
        for file in files {
            // Both lists are in path order: step past records of files no longer listed.
            while next < records.count, records[next].path < file.path { next += 1 }
            guard next < records.count, records[next].path == file.path else {
                found.append(nil)
                continue
            }
            let (path, record) = records[next]
            next += 1
            let matches = file.size >= 0 && record.size == file.size && record.modified == file.modified
            found.append(matches ? (record, !recent.isEmpty && recent.contains(path) ? .recent : .base) : nil)
        }
        return found
    }

    /// Stores the records for the next build, `self` being what this build read and `used` the record each
    /// of `files` was built from: when `entries.bin` holds most of them, only the records it lacks (or holds
    /// for an older version of the file) go to `entries-recent.bin`; else everything is written afresh.
    /// Nothing is written when nothing new can be kept.
    func update(in folder: URL, files: [ContentFile], used: [(record: Record, origin: Origin)]) {
        let cutoff = Int((Date().timeIntervalSince1970 - 2) * 1e9)
        // Parsed by this build from a file old enough to trust its time stamp.
        func isAdded(_ index: Int) -> Bool {
            used[index].origin == .parsed && used[index].record.size >= 0 && used[index].record.modified < cutoff
        }
        let added = used.indices.filter(isAdded)
        let recentCount = used.count { $0.origin == .recent }
        if baseCount > 0, added.count + recentCount <= max(64, baseCount / 20) {
            if added.isEmpty { return }
            // Only the recent records are written, so only they are gathered.
            let kept = used.indices.filter { used[$0].origin == .recent || isAdded($0) }
            save(to: folder, files: kept.map { files[$0] }, records: kept.map { used[$0].record }, name: Self.recentFileName)
        } else if !added.isEmpty || records.count != files.count {
            save(to: folder, files: files, records: used.map(\.record), name: Self.fileName)
            try? FileManager.default.removeItem(at: folder.appending(path: Self.recentFileName))
        }
    }

    /// Writes `records` (one for each of `files`) atomically (temporary file, then rename); failures are
    /// ignored, a cache is optional. Files changed in the last two seconds are left out. The bodies are
    /// written straight from the entries, never gathered into one buffer: at 100,000 entries they are
    /// hundreds of megabytes.
    func save(to folder: URL, files: [ContentFile], records: [Record], name: String = fileName) {
        let cutoff = Int((Date().timeIntervalSince1970 - 2) * 1e9)
        // Records first, bodies after them: reading the records touches only their own pages of the file.
        var writer = ByteWriter(capacity: files.count * 512)
        var bodiesLength = 0
        var bodies: [MarkdownDocument] = []
        let kept = zip(files, records).filter { $0.0.size >= 0 && $0.0.modified < cutoff }
        writer.int(kept.count)
        for (file, record) in kept {
            writer.string(file.path)
            writer.int(record.size)
            writer.int(record.modified)
            writer.optional(record.entry) { writer, entry in
                Self.write(entry, bodyOffset: bodiesLength, to: &writer)
                bodiesLength += entry.body.htmlByteCount
                bodies.append(entry.body)
            }
            writer.array(record.diagnostics) { $0.diagnostic($1) }
        }
        var header = ByteWriter()
        header.string(Self.magic)
        header.uint64(key)
        header.int(writer.bytes.count)
        CacheFile.writeAtomically(to: folder.appending(path: name).path(percentEncoded: false)) { output in
            guard header.bytes.withUnsafeBytes({ output.write($0) }), writer.bytes.withUnsafeBytes({ output.write($0) }) else {
                return false
            }
            for body in bodies where !body.withHTMLBytes({ output.write($0) }) { return false }
            return true
        }
    }

    // MARK: - Encoding

    private static func write(_ date: CalendarDate, to writer: inout ByteWriter) {
        writer.int(date.year)
        writer.int(date.month)
        writer.int(date.day)
        writer.optional(date.time) { writer, time in
            writer.int(time.hour)
            writer.int(time.minute)
            writer.int(time.second)
            writer.int(time.offsetMinutes)
        }
    }

    private static func readDate(_ reader: inout ByteReader) throws(ByteReader.Corrupt) -> CalendarDate {
        let year = try reader.int()
        let month = try reader.int()
        let day = try reader.int()
        let time = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
            CalendarDate.TimeOfDay(
                hour: try reader.int(), minute: try reader.int(), second: try reader.int(), offsetMinutes: try reader.int())
        }
        guard let date = CalendarDate(year: year, month: month, day: day, time: time) else { throw ByteReader.Corrupt() }
        return date
    }

    /// A location in the entry's own file is stored without the file name, which would otherwise be
    /// decoded into a string of its own for every tag and source.
    private static func write(_ location: SourceLocation, in file: String, to writer: inout ByteWriter) {
        writer.optional(location.file == file ? nil : location.file) { $0.string($1) }
        writer.int(location.line)
        writer.int(location.column)
    }

    private static func readLocation(in file: String, _ reader: inout ByteReader) throws(ByteReader.Corrupt) -> SourceLocation {
        let other = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try reader.string() }
        return SourceLocation(file: other ?? file, line: try reader.int(), column: try reader.int())
    }

    /// The entry of `file`; the file name is the record's key, so it is not stored again.
    private static func write(_ entry: EntrySource, bodyOffset: Int, to writer: inout ByteWriter) {
        writer.string(entry.title)
        write(entry.date, to: &writer)
        write(entry.dateLocation, in: entry.file, to: &writer)
        for list in [entry.tags, entry.sources] {
            writer.array(list) { writer, item in
                writer.string(item.value)
                write(item.location, in: entry.file, to: &writer)
            }
        }
        writer.optional(entry.summary) { $0.string($1) }
        writer.string(entry.slug.value)
        writer.bool(entry.draft)
        writer.int(bodyOffset)
        writer.int(entry.body.htmlByteCount)
        writer.string(entry.body.firstParagraph)
        writer.array(entry.body.headings) { writer, heading in
            writer.int(heading.level)
            writer.string(heading.text)
            writer.string(heading.id)
        }
        writer.optional(entry.folderDate) { write($1, to: &$0) }
    }

    private static func readEntry(file: String, bodies: Int, _ reader: inout ByteReader) throws(ByteReader.Corrupt) -> EntrySource {
        // Title, summary and first paragraph are decoded only if a page shows them.
        let storage = reader.storage
        let title = StoredText(storage, try reader.stringRange())
        let date = try readDate(&reader)
        let dateLocation = try readLocation(in: file, &reader)
        let readNames = { (reader: inout ByteReader) throws(ByteReader.Corrupt) -> [Located<String>] in
            try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
                Located(try reader.string(), at: try readLocation(in: file, &reader))
            }
        }
        let tags = try readNames(&reader)
        let sources = try readNames(&reader)
        let summary = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
            StoredText(storage, try reader.stringRange())
        }
        let slug = Slug(cached: try reader.string())
        let draft = try reader.bool()
        let bodyOffset = try reader.int()
        let bodyLength = try reader.int()
        let size = reader.storage.count
        guard bodyOffset >= 0, bodyLength >= 0, bodyOffset <= size, bodyLength <= size - bodies - bodyOffset else {
            throw ByteReader.Corrupt()
        }
        let bodyStart = bodies + bodyOffset
        let html = StoredText(storage, bodyStart..<bodyStart + bodyLength)
        let firstParagraph = StoredText(storage, try reader.stringRange())
        let headings = try reader.array { (reader: inout ByteReader) throws(ByteReader.Corrupt) in
            MarkdownDocument.Heading(level: try reader.int(), text: try reader.string(), id: try reader.string())
        }
        let folderDate = try reader.optional { (reader: inout ByteReader) throws(ByteReader.Corrupt) in try readDate(&reader) }
        return EntrySource(
            file: file, deferredTitle: .stored(title), date: date, dateLocation: dateLocation, tags: tags, sources: sources,
            deferredSummary: summary.map { .stored($0) }, slug: slug, draft: draft,
            body: MarkdownDocument(storedHTML: html, firstParagraph: .stored(firstParagraph), headings: headings),
            folderDate: folderDate)
    }
}

/// `<site>/.broadsheet-cache/`: what the previous build learnt, to make the next one fast. Safe to delete.
public enum CacheFolder {
    /// The folder's name inside the site folder.
    public static let name = ".broadsheet-cache"

    /// The cache folder of a site.
    public static func url(for layout: SiteLayout) -> URL {
        layout.root.appending(path: name, directoryHint: .isDirectory)
    }
}

/// Identifies the running Broadsheet build: any rebuilt or upgraded executable invalidates every cache.
public enum BuildIdentity {
    /// The executable's path, size and modification time, as text.
    public static let current: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        var info = stat()
        guard stat(path, &info) == 0 else { return "unknown \(path)" }
        return "\(path) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
