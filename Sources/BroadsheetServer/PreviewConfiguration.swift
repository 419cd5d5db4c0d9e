public import Foundation

/// Settings of a preview session.
public struct PreviewConfiguration: Sendable {
    /// Address to listen on; loopback unless the user asks for more.
    public var host: String
    /// TCP port; 0 lets the system pick a free one (reported through `onListening`).
    public var port: UInt16
    /// Folder the build writes; resolved by path on every request because builds replace it.
    public var outputFolder: URL
    /// Files and folders whose changes trigger a rebuild (folders are watched recursively).
    public var watchedPaths: [URL]
    /// Quiet time after the last change before a rebuild starts.
    public var debounce: Duration

    /// Creates a configuration; defaults match `broadsheet serve` without options.
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8000,
        outputFolder: URL,
        watchedPaths: [URL],
        debounce: Duration = .milliseconds(120)
    ) {
        self.host = host
        self.port = port
        self.outputFolder = outputFolder
        self.watchedPaths = watchedPaths
        self.debounce = debounce
    }
}
