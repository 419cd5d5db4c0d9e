import Foundation

/// The default theme, embedded at build time from the repository's top-level `Templates/` folder.
public enum DefaultTheme {
    /// Every theme file, as a path relative to the theme folder and its bytes, sorted by path.
    public static var files: [(path: String, bytes: [UInt8])] {
        embedded.map { ($0.path, $0.bytes) }
    }

    /// One embedded file.
    struct EmbeddedFile: Sendable {
        let path: String
        let bytes: [UInt8]

        init(path: String, text: String) {
            self.path = path
            bytes = Array(text.utf8)
        }

        init(path: String, base64: String) {
            self.path = path
            bytes = [UInt8](Data(base64Encoded: base64) ?? Data())
        }
    }
}
