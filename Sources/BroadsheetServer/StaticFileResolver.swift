import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request path to a file inside the output folder, refusing anything that could leave it.
///
/// The root is looked up by path on every call because a build renames a staging folder over it.
struct StaticFileResolver: Sendable {
    /// Where a request path leads.
    enum Resolution: Sendable, Equatable {
        /// A regular file inside the root (no symlink on the way).
        case file(URL)
        /// A directory asked for without its trailing slash; the value is the `Location` path.
        case redirect(String)
        /// Nothing servable: missing, refused, or not a regular file.
        case notFound
    }

    /// The output folder.
    let root: URL

    /// Resolves a raw, still percent-encoded request path (no query string).
    func resolve(path rawPath: String) -> Resolution {
        guard let request = Self.parse(rawPath) else { return .notFound }
        let rootPath = root.standardizedFileURL.path
        guard let realRoot = Self.realPath(rootPath) else { return .notFound }

        var current = rootPath
        var info = stat()
        guard stat(rootPath, &info) == 0 else { return .notFound }
        for (index, segment) in request.segments.enumerated() {
            current += "/" + segment
            // lstat, not stat: a symlink anywhere below the root is refused, wherever it points.
            guard lstat(current, &info) == 0 else { return .notFound }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFLNK { return .notFound }
            if index < request.segments.count - 1, kind != S_IFDIR { return .notFound }
        }

        let kind = info.st_mode & S_IFMT
        let filePath: String
        if kind == S_IFDIR {
            guard request.trailingSlash || request.segments.isEmpty else {
                return .redirect("/" + request.rawSegments.joined(separator: "/") + "/")
            }
            filePath = current + "/index.html"
            guard lstat(filePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        } else if kind == S_IFREG, !request.trailingSlash {
            filePath = current
        } else {
            return .notFound
        }

        // Belt and braces: whatever the walk concluded, the real path must still lie under the real root.
        guard let realFile = Self.realPath(filePath), realFile.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
            return .notFound
        }
        return .file(URL(fileURLWithPath: filePath, isDirectory: false))
    }

    /// The decoded segments of a request path, or nil when any of them is unsafe to put on disk.
    struct ParsedPath: Equatable {
        var segments: [String]
        var rawSegments: [String]
        var trailingSlash: Bool
    }

    /// Splits and decodes a path, refusing dot segments, encoded separators, backslashes and control bytes.
    static func parse(_ rawPath: String) -> ParsedPath? {
        guard rawPath.hasPrefix("/"), !rawPath.contains("\\") else { return nil }
        var segments: [String] = []
        var rawSegments: [String] = []
        for part in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = part.removingPercentEncoding, !decoded.isEmpty else { return nil }
            guard decoded != ".", decoded != ".." else { return nil }
            let unsafe = decoded.unicodeScalars.contains { scalar in
                scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
            }
            guard !unsafe else { return nil }
            segments.append(decoded)
            rawSegments.append(String(part))
        }
        return ParsedPath(segments: segments, rawSegments: rawSegments, trailingSlash: rawPath.hasSuffix("/"))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
