import Foundation

/// Writing the build's cache files.
public enum CacheFile {
    /// Writes `bytes` to a temporary file beside `path` and renames it to `path`, so a reader sees the old
    /// file or the whole new one; the folder is created when missing. Written straight from the buffer: a
    /// copy into `Data` first doubled the memory a large manifest touched. Returns false (and leaves no
    /// temporary file) on failure; a cache is optional.
    @discardableResult
    public static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        writeAtomically(to: path) { output in bytes.withUnsafeBytes { output.write($0) } }
    }

    /// Like `writeAtomically(_:to:)`, with the content written piece by piece by `body`, which returns
    /// false when it could not write everything.
    @discardableResult
    public static func writeAtomically(to path: String, _ body: (inout Output) -> Bool) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var output = Output(descriptor: descriptor)
        let complete = body(&output) && output.flush()
        close(descriptor)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// An open file being written, with a buffer so that many small pieces cost few system calls.
    public struct Output {
        let descriptor: Int32
        private var buffer: [UInt8] = []
        private var failed = false

        init(descriptor: Int32) {
            self.descriptor = descriptor
            buffer.reserveCapacity(1 << 20)
        }

        /// Appends bytes.
        @discardableResult
        public mutating func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            if bytes.count >= 1 << 18 {
                return flush() && Self.writeAll(descriptor, bytes)
            }
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { return flush() }
            return !failed
        }

        /// Writes out what is buffered.
        public mutating func flush() -> Bool {
            guard !failed else { return false }
            let ok = buffer.withUnsafeBytes { Self.writeAll(descriptor, $0) }
            buffer.removeAll(keepingCapacity: true)
            failed = !ok
            return ok
        }

        private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
