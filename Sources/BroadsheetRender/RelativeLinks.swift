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
        result.reserveCapacity(bytes.count + 1024)
        var index = 0
        var copiedUpTo = 0
        let count = bytes.count
        while index < count {
            // Every pattern starts after `=` + `"`, so only look closely where a quote follows `=`.
            if bytes[index] == UInt8(ascii: "\""), index > 0, bytes[index - 1] == UInt8(ascii: "=") {
                for pattern in patterns {
                    let nameLength = pattern.count - prefix.count
                    let start = index + 1 - nameLength
                    guard start >= 0, start + pattern.count <= count else { continue }
                    if bytes[start..<start + pattern.count].elementsEqual(pattern) {
                        let valueStart = index + 1
                        result.append(contentsOf: bytes[copiedUpTo..<valueStart])
                        result.append(contentsOf: replacementTail)
                        copiedUpTo = valueStart + prefix.count
                        index = copiedUpTo - 1
                        break
                    }
                }
            }
            index += 1
        }
        if copiedUpTo == 0 { return bytes }
        result.append(contentsOf: bytes[copiedUpTo...])
        return result
    }
}
