import Foundation

/// Read-only bytes shared between threads: a cache file mapped into memory, or a copy of an array.
///
/// The build cache is mapped rather than read so that a rebuild touches only the pages of it that it
/// uses (an entry body is looked at only when a page showing it is rendered). Cache files are only ever
/// replaced by renaming a new file over them, never rewritten in place, so a mapping stays valid for as
/// long as it is held.
public final class StoredBytes: Sendable {
    /// The bytes.
    public nonisolated(unsafe) let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    /// A copy of `bytes`.
    public init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: copy[0..<bytes.count])
        mapped = false
    }

    private init(mapping: UnsafeRawBufferPointer) {
        buffer = mapping
        mapped = true
    }

    /// The file at `path` mapped read-only, or nil when it cannot be opened or is empty.
    public static func map(_ path: String) -> StoredBytes? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let count = Int(info.st_size)
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        return StoredBytes(mapping: UnsafeRawBufferPointer(start: address, count: count))
    }

    /// The number of bytes.
    public var count: Int { buffer.count }

    /// The bytes in `range` as UTF-8 text (invalid sequences repaired).
    public func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }
}

/// Text kept as a range of stored bytes and decoded each time it is asked for.
public struct StoredText: Sendable {
    /// Where the text's UTF-8 bytes are.
    public let bytes: StoredBytes
    /// The text's range in `bytes`.
    public let range: Range<Int>

    /// Text at `range` of `bytes`.
    public init(_ bytes: StoredBytes, _ range: Range<Int>) {
        self.bytes = bytes
        self.range = range
    }

    /// The text.
    public var string: String { bytes.string(range) }
}

/// Text held as a string, or left as UTF-8 bytes in stored bytes until it is read: decoding every title
/// and first paragraph of the build cache cost a one-entry rebuild more than the pages it renders, which
/// show a few dozen of them.
public enum DeferredText: Sendable {
    case text(String)
    case stored(StoredText)

    /// The text (decoded at each call when stored).
    public var string: String {
        switch self {
        case .text(let text): text
        case .stored(let stored): stored.string
        }
    }
}
