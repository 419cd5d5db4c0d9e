public import Foundation

extension URL {
    /// The path with `.` and `..` removed, symlinks resolved and no trailing slash (but "/" for the root):
    /// the form in which two paths compare, and one is inside another when it starts with the other and "/".
    public var resolvedPath: String {
        var path = standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
