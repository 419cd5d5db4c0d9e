import FlyingFox
import FlyingSocks
import Foundation

/// Serves the output folder, watches the sources and rebuilds on change.
public struct PreviewServer: Sendable {
    /// Why a preview could not start.
    public enum StartError: Error, Equatable, CustomStringConvertible {
        /// `--host` is neither an IP address nor `localhost`.
        case invalidHost(String)

        public var description: String {
            switch self {
            case .invalidHost(let host): "cannot listen on '\(host)': give an IPv4 or IPv6 address, or localhost"
            }
        }
    }

    private let configuration: PreviewConfiguration
    private let rebuild: @Sendable (_ changedPaths: [String]) async -> RebuildOutcome

    /// Creates a server; `rebuild` receives the absolute paths that changed (empty for the first build).
    public init(
        configuration: PreviewConfiguration,
        rebuild: @escaping @Sendable (_ changedPaths: [String]) async -> RebuildOutcome
    ) {
        self.configuration = configuration
        self.rebuild = rebuild
    }

    /// Runs the first build (changedPaths empty), then serves until the task is cancelled or SIGINT/SIGTERM arrives.
    public func run(onListening: @escaping @Sendable (_ url: String) -> Void = { _ in }) async throws {
        let address = try Self.socketAddress(host: configuration.host, port: configuration.port)
        let broadcaster = ReloadBroadcaster()
        let coordinator = RebuildCoordinator(debounce: configuration.debounce, broadcaster: broadcaster, rebuild: rebuild)
        await coordinator.buildNow()

        let handler = PreviewRequestHandler(
            resolver: StaticFileResolver(root: configuration.outputFolder),
            coordinator: coordinator,
            broadcaster: broadcaster
        )
        // The timeout bounds only producing a response (event streams are sent after it), and each request's
        // timer lingers until it expires, so a short one keeps memory flat under load.
        let server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 10, pool: NoDelaySocketPool(), logger: .disabled),
            handler: handler
        )
        let watcher = FileWatcher(paths: configuration.watchedPaths)
        defer { watcher.stop() }

        enum Exit: Sendable { case announced, finished }
        do {
            try await withThrowingTaskGroup(of: Exit.self) { group in
                group.addTask {
                    try await server.run()
                    return .finished
                }
                group.addTask {
                    try await server.waitUntilListening(timeout: 30)
                    if let bound = await server.listeningAddress {
                        onListening(Self.displayURL(for: bound))
                    }
                    return .announced
                }
                group.addTask {
                    for await paths in watcher.changes {
                        await coordinator.noteChanges(paths)
                    }
                    // The watcher only ends at shutdown; keep the group waiting for the real exit.
                    await Self.sleepUntilCancelled()
                    return .finished
                }
                group.addTask {
                    // Without traffic nobody learns that a tab was closed; a periodic comment makes the write fail.
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(15))
                        await broadcaster.broadcast(ReloadBroadcaster.heartbeat)
                    }
                    return .finished
                }
                group.addTask {
                    await TerminationSignals.wait()
                    return .finished
                }
                while let exit = try await group.next() {
                    if exit == .finished { break }
                }
                await Self.shutDown(broadcaster: broadcaster, coordinator: coordinator, watcher: watcher)
                group.cancelAll()
            }
        } catch {
            await Self.shutDown(broadcaster: broadcaster, coordinator: coordinator, watcher: watcher)
            // Cancellation is the normal way to stop; only real failures (such as a busy port) surface.
            if Task.isCancelled || error is CancellationError { return }
            throw error
        }
    }

    private static func shutDown(broadcaster: ReloadBroadcaster, coordinator: RebuildCoordinator, watcher: FileWatcher) async {
        await broadcaster.closeAll()
        await coordinator.stop()
        watcher.stop()
    }

    private static func sleepUntilCancelled() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    static func socketAddress(host: String, port: UInt16) throws -> any SocketAddress {
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if trimmed == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
        if let address = try? sockaddr_in.inet(ip4: trimmed, port: port) { return address }
        if let address = try? sockaddr_in6.inet6(ip6: trimmed, port: port) { return address }
        throw StartError.invalidHost(host)
    }

    /// The URL to open: a wildcard address is reached through loopback.
    static func displayURL(for address: Socket.Address) -> String {
        switch address {
        case .ip4(let host, let port):
            return "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/"
        case .ip6(let host, let port):
            return "http://[\(host == "::" ? "::1" : host)]:\(port)/"
        case .unix(let path):
            return "unix:\(path)"
        }
    }
}
