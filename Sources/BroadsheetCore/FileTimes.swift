#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

extension stat {
    /// The modification time in nanoseconds since 1970: what caches and manifests compare files by.
    public var modifiedNanoseconds: Int {
        #if canImport(Darwin)
            Self.nanoseconds(st_mtimespec)
        #else
            Self.nanoseconds(st_mtim)
        #endif
    }

    /// The status change time in nanoseconds since 1970, which no program can set back.
    public var changedNanoseconds: Int {
        #if canImport(Darwin)
            Self.nanoseconds(st_ctimespec)
        #else
            Self.nanoseconds(st_ctim)
        #endif
    }

    private static func nanoseconds(_ time: timespec) -> Int { Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec) }
}
