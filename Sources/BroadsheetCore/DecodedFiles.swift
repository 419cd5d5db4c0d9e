import Foundation
import Synchronization

/// What cache files decoded to, kept between the builds of one process (the preview server) and found
/// again by the file's identity: its device, inode, size and modification time. A file replaced since
/// (the build cache writes a new file and renames it into place) has another identity and is decoded
/// afresh, so a value is only ever reused for the very file it came from.
public final class DecodedFiles: Sendable {
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
        let size: Int
        let modified: Int
    }

    private struct Slot {
        let kind: String
        let value: any Sendable
        var lastUse: Int
    }

    private struct State {
        var slots: [Identity: Slot] = [:]
        var clock = 0
    }

    private let state = Mutex(State())
    private let capacity: Int

    /// A memory of at most `capacity` values (the least recently used goes first).
    public init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The value of kind `kind` remembered for the file now at `path`, else what `decode` makes of the file
    /// (remembered when not nil). `kind` tells apart what different readers make of one file.
    public func value<Value: Sendable>(at path: String, kind: String, decode: () -> Value?) -> Value? {
        guard let identity = Self.identity(of: path) else { return decode() }
        let known = state.withLock { state -> Value? in
            guard var slot = state.slots[identity], slot.kind == kind, let value = slot.value as? Value else { return nil }
            state.clock += 1
            slot.lastUse = state.clock
            state.slots[identity] = slot
            return value
        }
        if let known { return known }
        let value = decode()
        if let value { store(value, kind: kind, for: identity) }
        return value
    }

    /// Remembers `value` as what the file now at `path` (just written by this process) is of kind `kind`.
    public func remember<Value: Sendable>(_ value: Value, at path: String, kind: String) {
        guard let identity = Self.identity(of: path) else { return }
        store(value, kind: kind, for: identity)
    }

    private func store(_ value: any Sendable, kind: String, for identity: Identity) {
        state.withLock { state in
            state.clock += 1
            state.slots[identity] = Slot(kind: kind, value: value, lastUse: state.clock)
            while state.slots.count > capacity, let oldest = state.slots.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.slots[oldest.key] = nil
            }
        }
    }

    private static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Identity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size), modified: info.modifiedNanoseconds)
    }
}
