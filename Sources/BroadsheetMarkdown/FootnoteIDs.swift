/// Makes cmark-gfm's footnote ids unique per entry.
///
/// cmark-gfm names footnotes `fn-1` and `fnref-1` in every document, so two footnoted entries on one day
/// page would share ids. The four attribute forms it writes are rewritten; escaped user text can never
/// contain them because `"` is always written as `&quot;` outside raw HTML.
enum FootnoteIDs {
    static func prefix(_ html: String, with prefix: String) -> String {
        guard containsFootnote(html) else { return html }
        // One pass over the bytes; a replacement starts `id="e…` or `href="#e…`, so it never makes a new match.
        let patterns = [("id=\"fn-", "id=\"\(prefix)-fn-"), ("href=\"#fn-", "href=\"#\(prefix)-fn-"),
                        ("id=\"fnref-", "id=\"\(prefix)-fnref-"), ("href=\"#fnref-", "href=\"#\(prefix)-fnref-")]
            .map { (Array($0.0.utf8), Array($0.1.utf8)) }
        var copy = html
        let bytes = copy.withUTF8 { Array($0) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 256)
        var index = 0
        scan: while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "i") || byte == UInt8(ascii: "h") {
                for (pattern, replacement) in patterns where bytes.count - index >= pattern.count {
                    if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                        result.append(contentsOf: replacement)
                        index += pattern.count
                        continue scan
                    }
                }
            }
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `html` holds cmark-gfm's footnote markup: a byte search, far cheaper than `String.contains`.
    private static func containsFootnote(_ html: String) -> Bool {
        let needle = Array("data-footnote".utf8)
        var copy = html
        return copy.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0], bytes[index + 1] == needle[1] {
                    var matched = 2
                    while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
