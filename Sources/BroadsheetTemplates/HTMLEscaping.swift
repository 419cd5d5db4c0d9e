/// The engine's HTML escaping (`& < > " '`), for text a renderer writes outside templates (feeds, sitemaps).
public enum HTMLEscaping {
    /// `text` with `& < > " '` replaced by character references, exactly as `{{name}}` writes it.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        Escaping.appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
