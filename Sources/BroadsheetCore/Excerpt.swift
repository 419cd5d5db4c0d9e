/// Shortens text to a summary at a word boundary.
public enum Excerpt {
    /// The longest summary, in characters, ellipsis included.
    public static let limit = 280

    /// `text` when it has at most `limit` characters, else its longest prefix ending before a space
    /// that fits in `limit` characters with a trailing ellipsis. Shortening twice changes nothing.
    public static func shorten(_ text: String, limit: Int = limit) -> String {
        // Characters never outnumber bytes or scalars: counting those is much cheaper than graphemes.
        if text.utf8.count <= limit || text.unicodeScalars.count <= limit { return text }
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex
        else { return text }
        let cut = text[..<text.index(before: end)]
        let wordEnd = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<wordEnd]) + "…"
    }
}
