/// A path inside the output folder, relative, with `/` separators; it can never leave the folder.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The relative path, such as `2024/03/05/budget/index.html`.
    public let value: String

    /// Accepts a relative path whose segments are non-empty and free of `.`, `..`, `\`, NUL and control characters.
    public init?(_ value: String) {
        var text = value
        // One pass over the bytes: every page is checked, and splitting into substrings cost more than
        // rendering some pages. Bytes below 0x80 are the ASCII scalars the rule names.
        let valid = text.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                guard Self.isValidSegment(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return false }
                start = end + 1
            }
            return true
        }
        guard valid else { return nil }
        self.value = value
    }

    private static let wellKnown = Array(".well-known".utf8)

    private static func isValidSegment(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = segment.first else { return false }
        if first == UInt8(ascii: "."), !segment.elementsEqual(wellKnown) { return false }
        return !segment.contains { $0 < 0x20 || $0 == UInt8(ascii: "\\") || $0 == 0x7F }
    }

    public var description: String { value }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.value < rhs.value }
}
