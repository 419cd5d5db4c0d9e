/// One output file as the render stage produced it: where it goes and its bytes.
public struct RenderedFile: Sendable {
    /// Where the file goes inside the output folder.
    public let path: SitePath
    /// The file's bytes.
    public let bytes: [UInt8]

    /// Creates a rendered file.
    public init(path: SitePath, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
