#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

extension stat {
    /// The modification time in nanoseconds since 1970: what caches and manifests compare files by.
    public var modifiedNanoseconds: Int {
        #if canImport(Darwin)
            Int(st_mtimespec.tv_sec) * 1_000_000_000 + Int(st_mtimespec.tv_nsec)
        #else
            Int(st_mtim.tv_sec) * 1_000_000_000 + Int(st_mtim.tv_nsec)
        #endif
    }
}
