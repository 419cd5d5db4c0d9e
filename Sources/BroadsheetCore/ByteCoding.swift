/// A compact binary encoding for the build cache: little-endian integers, length-prefixed UTF-8 strings.
///
/// Hand-written rather than Codable: the cache holds every entry body of the archive and is read on each
/// build, so it has to decode at memory speed.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// An empty writer, with room for `capacity` bytes before it has to grow.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends a 64-bit integer.
    @inlinable public mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a 64-bit unsigned integer.
    @inlinable public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a boolean.
    @inlinable public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Appends a string.
    @inlinable public mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// Appends raw bytes as they are, without their length.
    @inlinable public mutating func raw(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
    }

    /// Appends a string's UTF-8 bytes as they are, without their length.
    @inlinable public mutating func raw(_ value: String) {
        bytes.append(contentsOf: value.utf8)
    }

    /// Appends raw bytes with their length.
    @inlinable public mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    /// Appends an optional: a presence flag, then the value.
    @inlinable public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    /// Appends an array: its count, then each element.
    @inlinable public mutating func array<T>(_ values: [T], _ write: (inout ByteWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and a short or corrupt input throws.
public struct ByteReader {
    /// The input ended early or held an impossible value.
    public struct Corrupt: Error {
        /// A corrupt-input error.
        @inlinable public init() {}
    }

    /// The bytes being read.
    public let storage: StoredBytes
    // Inlinable, with its state visible to the inliner: decoding a cache calls these methods millions of
    // times from other modules, and unspecialised generic calls looked up type metadata on every one.
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset = 0

    /// A reader over a copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.init(StoredBytes(bytes))
    }

    /// A reader over stored (for example memory-mapped) bytes.
    public init(_ storage: StoredBytes) {
        self.storage = storage
        bytes = storage.buffer
    }

    /// Whether every byte has been read.
    @inlinable public var atEnd: Bool { offset == bytes.count }

    /// How many bytes have been read.
    @inlinable public var position: Int { offset }

    /// Reads a 64-bit integer.
    @inlinable public mutating func int() throws(Corrupt) -> Int {
        Int(truncatingIfNeeded: try uint64())
    }

    /// Reads a 64-bit unsigned integer.
    @inlinable public mutating func uint64() throws(Corrupt) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Corrupt() }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: value)
    }

    /// Reads a boolean.
    @inlinable public mutating func bool() throws(Corrupt) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    /// Reads a string.
    @inlinable public mutating func string() throws(Corrupt) -> String {
        storage.string(try stringRange())
    }

    /// Skips a string, returning where its bytes are in `storage`, to decode later or never.
    @inlinable public mutating func stringRange() throws(Corrupt) -> Range<Int> {
        let count = try int()
        guard count >= 0, bytes.count - offset >= count else { throw Corrupt() }
        defer { offset += count }
        return offset..<offset + count
    }

    /// Moves past `count` bytes without reading them.
    @inlinable public mutating func skip(_ count: Int) throws(Corrupt) {
        guard count >= 0, bytes.count - offset >= count else { throw Corrupt() }
        offset += count
    }

    /// Reads raw bytes.
    @inlinable public mutating func data() throws(Corrupt) -> [UInt8] {
        let range = try stringRange()
        return Array(bytes[range])
    }

    /// Reads an optional.
    @inlinable public mutating func optional<T>(_ read: (inout ByteReader) throws(Corrupt) -> T) throws(Corrupt) -> T? {
        try bool() ? try read(&self) : nil
    }

    /// Reads an array.
    @inlinable public mutating func array<T>(_ read: (inout ByteReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}

/// A fast 64-bit hash of bytes (8 bytes a step, multiply-rotate mixing): detects changed files and pages.
///
/// Not cryptographic; the chance that an edit keeps the same hash is about 2⁻⁶⁴.
public struct ContentHash: Sendable, Hashable {
    private var state: UInt64
    private var length: UInt64 = 0

    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    /// A hash of nothing yet.
    public init(seed: UInt64 = 0) {
        state = seed &+ Self.prime3
    }

    /// The hash of `bytes`.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash = ContentHash()
        hash.add(bytes)
        return hash.value
    }

    /// The hash of raw bytes.
    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hash = ContentHash()
        hash.add(buffer)
        return hash.value
    }

    /// The hash of a string's UTF-8 bytes.
    public static func of(_ text: String) -> UInt64 {
        var hash = ContentHash()
        hash.add(text)
        return hash.value
    }

    /// Mixes in bytes.
    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    /// Mixes in a string's UTF-8 bytes and a separator.
    public mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        add(Int(0x1F))
    }

    /// Mixes in an integer.
    public mutating func add(_ value: Int) {
        mix(UInt64(truncatingIfNeeded: value))
        length &+= 8
    }

    /// Mixes in raw bytes.
    public mutating func add(_ buffer: UnsafeRawBufferPointer) {
        var index = 0
        let count = buffer.count
        while index + 8 <= count {
            mix(buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(buffer[index]) << shift
            shift += 8
            index += 1
        }
        mix(tail ^ (UInt64(count) << 56))
        length &+= UInt64(count)
    }

    private mutating func mix(_ word: UInt64) {
        var lane = word &* Self.prime2
        lane = (lane << 31) | (lane >> 33)
        lane = lane &* Self.prime1
        state ^= lane
        state = ((state << 27) | (state >> 37)) &* Self.prime1 &+ Self.prime3
    }

    /// The hash so far.
    public var value: UInt64 {
        var hash = state ^ length
        hash ^= hash >> 33
        hash = hash &* Self.prime2
        hash ^= hash >> 29
        hash = hash &* Self.prime3
        hash ^= hash >> 32
        return hash
    }
}

extension ByteWriter {
    /// Appends a source location.
    public mutating func location(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
        int(location.column)
    }

    /// Appends a diagnostic.
    public mutating func diagnostic(_ diagnostic: Diagnostic) {
        bool(diagnostic.isError)
        self.location(diagnostic.location)
        string(diagnostic.message)
        optional(diagnostic.hint) { $0.string($1) }
    }
}

extension ByteReader {
    /// Reads a source location.
    public mutating func location() throws(Corrupt) -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    /// Reads a diagnostic.
    public mutating func diagnostic() throws(Corrupt) -> Diagnostic {
        let severity: Diagnostic.Severity = try bool() ? .error : .warning
        let location = try location()
        let message = try string()
        let hint = try optional { (reader: inout ByteReader) throws(Corrupt) in try reader.string() }
        return Diagnostic(severity, message, at: location, hint: hint)
    }
}
