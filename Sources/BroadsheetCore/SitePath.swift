/// A path inside the output folder, relative, with `/` separators; it can never leave the folder.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The relative path, such as `2024/03/05/budget/index.html`.
    public let value: String

    /// Accepts a relative path whose segments are non-empty and free of `.`, `..`, `\`, NUL and control characters.
    public init?(_ value: String) {
        guard !value.isEmpty, !value.hasPrefix("/") else { return nil }
        for segment in value.split(separator: "/", omittingEmptySubsequences: false) {
            guard !segment.isEmpty, segment != ".", segment != "..", !segment.hasPrefix(".") || segment == ".well-known"
            else { return nil }
            for scalar in segment.unicodeScalars where scalar.value < 0x20 || scalar == "\\" || scalar.value == 0x7F {
                return nil
            }
        }
        self.value = value
    }

    /// The page path for a directory URL: `a/b/` → `a/b/index.html`, the root → `index.html`.
    public static func page(_ segments: [String]) -> SitePath? {
        SitePath((segments + ["index.html"]).joined(separator: "/"))
    }

    public var description: String { value }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.value < rhs.value }
}
