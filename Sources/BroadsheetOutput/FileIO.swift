import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin POSIX file helpers: fewer allocations than Foundation on the write path, and exact errno text.
enum FileIO {
    /// Creates every missing folder between `root` and the file's folder.
    static func makeParentFolders(of path: String, below root: String) throws(OutputWriter.Failure) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if folder == root || mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else {
            throw OutputWriter.Failure(message: "cannot create \(folder): \(errnoText())")
        }
        try makeParentFolders(of: folder, below: root)
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw OutputWriter.Failure(message: "cannot create \(folder): \(errnoText())")
        }
    }

    /// Writes `bytes` to a new file at `path` and returns the file's identity, taken from the open file
    /// (a second look-up by path cost as much as the write for a small page).
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) throws(OutputWriter.Failure) -> (size: Int, modified: Int, inode: UInt64)? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputWriter.Failure(message: "cannot write \(path): \(errnoText())") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw OutputWriter.Failure(message: "cannot write \(path): \(errnoText())") }
            offset += written
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileIdentity.of(info)
    }

    /// Whether the file at `path` exists and holds exactly `bytes`.
    static func hasSameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else {
            return false
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let count = existing.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return existing == bytes
    }

    /// The current `errno` as text.
    static func errnoText() -> String { String(cString: strerror(errno)) }
}
