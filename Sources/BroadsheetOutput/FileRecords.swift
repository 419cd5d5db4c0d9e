import BroadsheetCore

/// The records of an output's files by site path.
///
/// Read from a manifest file, the records stay in the file's encoding and are found through an index of
/// their paths' hashes, with changes kept in a table on top. A rebuild that renders five pages of 25,000
/// looks up a few records and walks the rest once: decoding every path into a table of its own cost it
/// more than everything it then did with them.
public struct FileRecords: Sendable {
    /// The records as a manifest file holds them, when these came from one.
    private var stored: StoredRecords?
    /// Records added, or replacing stored ones, since the file was read (every record when there is none).
    private var table: [String: OutputManifest.Record]
    /// Offsets of the stored records replaced or removed since.
    private var shadowed: Set<Int> = []
    /// How many records there are.
    public private(set) var count: Int

    /// The records of `table`.
    public init(_ table: [String: OutputManifest.Record] = [:]) {
        self.table = table
        count = table.count
    }

    init(stored: StoredRecords) {
        self.stored = stored
        table = [:]
        count = stored.count
    }

    /// Whether there is no record.
    public var isEmpty: Bool { count == 0 }

    /// The record of the file at `path`, if there is one.
    public subscript(path: String) -> OutputManifest.Record? {
        get {
            if let record = table[path] { return record }
            guard let stored, let offset = stored.offset(of: path), !shadowed.contains(offset) else { return nil }
            return stored.record(at: offset)
        }
        set {
            let offset = stored?.offset(of: path)
            let existed = table[path] != nil || offset.map { !shadowed.contains($0) } == true
            if let offset { shadowed.insert(offset) }
            table[path] = newValue
            count += (newValue != nil ? 1 : 0) - (existed ? 1 : 0)
        }
    }

    /// Calls `body` with every record, in no particular order; `path` makes the path's string, which most
    /// callers need for a few records only.
    public func forEach(_ body: (_ path: () -> String, _ record: OutputManifest.Record) -> Void) {
        if let stored {
            stored.forEach { offset, record in
                if shadowed.isEmpty || !shadowed.contains(offset) { body({ stored.path(at: offset) }, record) }
            }
        }
        for (path, record) in table { body({ path }, record) }
    }

    /// Every path.
    public var paths: [String] {
        var paths: [String] = []
        paths.reserveCapacity(count)
        forEach { path, _ in paths.append(path()) }
        return paths
    }

    /// The sum of the recorded sizes.
    public var totalSize: Int {
        var total = 0
        forEach { _, record in total += record.size }
        return total
    }

    /// When every record but those replaced since is still as the file stores it (none added or removed):
    /// the stored encoding, and where the replaced records' fields are in it with their new encoding, in
    /// order. Saving then copies the encoding instead of encoding 25,000 records again.
    func storedEncoding() -> (bytes: UnsafeRawBufferPointer, patches: [(at: Int, fields: [UInt8])])? {
        guard let stored, count == stored.count else { return nil }
        var patches: [(at: Int, fields: [UInt8])] = []
        patches.reserveCapacity(table.count)
        for (path, record) in table {
            // A path the file lacks was added, so some other was removed: the count alone cannot tell.
            guard let offset = stored.offset(of: path) else { return nil }
            var fields = ByteWriter(capacity: OutputManifest.recordFieldsSize)
            OutputManifest.write(record, to: &fields)
            patches.append((stored.fieldsOffset(at: offset) - stored.section.lowerBound, fields.bytes))
        }
        return (UnsafeRawBufferPointer(rebasing: stored.bytes.buffer[stored.section]), patches.sorted { $0.at < $1.at })
    }
}

/// A manifest file's encoded file records (each a length-prefixed path, then `recordFieldsSize` bytes of
/// fields) with an index from each path's hash to where its record starts.
struct StoredRecords: Sendable {
    let bytes: StoredBytes
    let section: Range<Int>
    let count: Int
    private let index: [UInt64: Int]

    /// Indexes the `count` records starting at `start`; nil when they run past the end, or when two paths
    /// share a hash (the caller then decodes them the slow way).
    init?(_ bytes: StoredBytes, start: Int, count: Int) {
        let buffer = bytes.buffer
        var index: [UInt64: Int] = [:]
        index.reserveCapacity(count)
        var offset = start
        for _ in 0..<count {
            guard buffer.count - offset >= 8 else { return nil }
            let length = Int(Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
            guard length >= 0, buffer.count - offset - 8 - OutputManifest.recordFieldsSize >= length else { return nil }
            let hash = ContentHash.of(UnsafeRawBufferPointer(rebasing: buffer[offset + 8..<offset + 8 + length]))
            guard index.updateValue(offset, forKey: hash) == nil else { return nil }
            offset += 8 + length + OutputManifest.recordFieldsSize
        }
        self.bytes = bytes
        self.section = start..<offset
        self.count = count
        self.index = index
    }

    /// Where the record of `path` starts, if there is one.
    func offset(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { utf8 in
            let wanted = UnsafeRawBufferPointer(utf8)
            guard let offset = index[ContentHash.of(wanted)], pathBytes(at: offset).elementsEqual(wanted) else { return nil }
            return offset
        }
    }

    private func pathBytes(at offset: Int) -> UnsafeRawBufferPointer {
        let length = Int(Int64(littleEndian: bytes.buffer.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        return UnsafeRawBufferPointer(rebasing: bytes.buffer[offset + 8..<offset + 8 + length])
    }

    func path(at offset: Int) -> String { String(decoding: pathBytes(at: offset), as: UTF8.self) }

    func fieldsOffset(at offset: Int) -> Int { offset + 8 + pathBytes(at: offset).count }

    func record(at offset: Int) -> OutputManifest.Record {
        let fields = fieldsOffset(at: offset)
        func word(_ index: Int) -> UInt64 {
            UInt64(littleEndian: bytes.buffer.loadUnaligned(fromByteOffset: fields + index * 8, as: UInt64.self))
        }
        return OutputManifest.Record(
            hash: word(0), size: Int(truncatingIfNeeded: word(1)), modified: Int(truncatingIfNeeded: word(2)), inode: word(3),
            generation: Int(truncatingIfNeeded: word(4)))
    }

    /// Calls `body` with each record's offset and fields, in stored order.
    func forEach(_ body: (_ offset: Int, _ record: OutputManifest.Record) -> Void) {
        var offset = section.lowerBound
        while offset < section.upperBound {
            body(offset, record(at: offset))
            offset = fieldsOffset(at: offset) + OutputManifest.recordFieldsSize
        }
    }
}
