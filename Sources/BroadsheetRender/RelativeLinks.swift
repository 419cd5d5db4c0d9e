import Foundation

/// Rewrites root-relative links in a rendered page into links relative to the page.
///
/// Templates and entry bodies write `/2025/01/07/` style links; a page that links relatively works
/// under any base path, from any static host, and straight from disk (`file://`), where `/assets/…`
/// would point at the root of the file system. Only attribute values that start with the site's base
/// path are touched; absolute URLs, fragments and links elsewhere stay as written.
struct RelativeLinks {
    private let patterns: [[UInt8]]
    private let prefix: [UInt8]

    init(basePath: String) {
        prefix = Array(basePath.utf8)
        patterns = ["href=\"", "src=\"", "action=\"", "data-index=\""].map { Array($0.utf8) + Array(basePath.utf8) }
    }

    /// The page's bytes with every matching link made relative to a page `depth` folders below the root.
    func rewrite(_ bytes: [UInt8], depth: Int) -> [UInt8] {
        let up = Array(String(repeating: "../", count: depth).utf8)
        return rewrite(bytes, replacing: up.isEmpty ? Array("./".utf8) : up)
    }

    /// HTML with every matching link made absolute under `base` (which ends in `/`), for feeds, whose
    /// readers resolve relative links against the feed's own address.
    func absolute(_ html: String, base: String) -> String {
        String(decoding: rewrite(Array(html.utf8), replacing: Array(base.utf8)), as: UTF8.self)
    }

    private func rewrite(_ bytes: [UInt8], replacing replacementTail: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var copiedUpTo = 0
        bytes.withUnsafeBufferPointer { page in
            guard let base = page.baseAddress else { return }
            let count = page.count
            var index = 0
            // Every pattern starts after `=` + `"`: jump from quote to quote and look closely only there.
            while index < count, let found = memchr(base + index, Int32(UInt8(ascii: "\"")), count - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                defer { index += 1 }
                guard index > 0, page[index - 1] == UInt8(ascii: "=") else { continue }
                for pattern in patterns {
                    let start = index + 1 - (pattern.count - prefix.count)
                    guard start >= 0, start + pattern.count <= count,
                        memcmp(base + start, pattern, pattern.count) == 0
                    else { continue }
                    if result.isEmpty { result.reserveCapacity(count + 1024) }
                    let valueStart = index + 1
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: page[copiedUpTo..<valueStart]))
                    result.append(contentsOf: replacementTail)
                    copiedUpTo = valueStart + prefix.count
                    index = copiedUpTo - 1
                    break
                }
            }
            if copiedUpTo > 0 { result.append(contentsOf: UnsafeBufferPointer(rebasing: page[copiedUpTo...])) }
        }
        return copiedUpTo == 0 ? bytes : result
    }
}
