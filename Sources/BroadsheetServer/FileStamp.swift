#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identity of one version of a file: builds replace files, which changes inode or mtime, so the ETag follows.
struct FileStamp: Sendable, Equatable {
    var size: Int
    var inode: UInt64
    var modifiedNanoseconds: Int64

    /// Reads the stamp without following a final symlink (the resolver has already refused those).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
        modifiedNanoseconds = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// A strong validator; `variant` tells apart representations made from the same file (e.g. with the reload script).
    func entityTag(variant: String = "") -> String {
        let base = String(inode, radix: 16) + "-" + String(size, radix: 16) + "-" + String(modifiedNanoseconds, radix: 16)
        return "\"" + base + (variant.isEmpty ? "" : "-" + variant) + "\""
    }
}
