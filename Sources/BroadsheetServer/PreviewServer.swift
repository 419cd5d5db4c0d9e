import Foundation
import NIOCore

/// Serves the output folder, watches the sources and rebuilds on change.
public struct PreviewServer: Sendable {
    /// Why a preview could not start.
    public enum StartError: Error, Equatable, CustomStringConvertible {
        /// `--host` is neither an IP address nor `localhost`.
        case invalidHost(String)
        /// The address cannot be listened on (the port is taken, say); `reason` is the system's.
        case cannotListen(String, reason: String)

        public var description: String {
            switch self {
            case .invalidHost(let host): "cannot listen on '\(host)': give an IPv4 or IPv6 address, or localhost"
            case .cannotListen(let address, let reason):
                "cannot listen on \(address): \(reason.lowercased()); choose another port with --port"
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
        let watcher = FileWatcher(paths: configuration.watchedPaths)
        defer { watcher.stop() }
        let listener: PreviewListener
        do {
            listener = try await PreviewListener.bind(to: address)
        } catch {
            await Self.shutDown(broadcaster: broadcaster, coordinator: coordinator, watcher: watcher)
            guard let failure = error as? IOError else { throw error }
            throw StartError.cannotListen(
                Self.displayURL(for: address), reason: String(cString: strerror(failure.errnoCode)))
        }
        if let bound = listener.address { onListening(Self.displayURL(for: bound)) }

        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await listener.serve(handler)
                }
                group.addTask {
                    for await paths in watcher.changes {
                        await coordinator.noteChanges(paths)
                    }
                    // The watcher only ends at shutdown; keep the group waiting for the real exit.
                    await Self.sleepUntilCancelled()
                }
                group.addTask {
                    // Without traffic nobody learns that a tab was closed; a periodic comment makes the write fail.
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(15))
                        await broadcaster.broadcast(ReloadBroadcaster.heartbeat)
                    }
                }
                group.addTask {
                    await TerminationSignals.wait()
                }
                // The first task to end (a signal, or the listener failing) ends the preview.
                try await group.next()
                await Self.shutDown(broadcaster: broadcaster, coordinator: coordinator, watcher: watcher)
                group.cancelAll()
            }
        } catch {
            await Self.shutDown(broadcaster: broadcaster, coordinator: coordinator, watcher: watcher)
            // Cancellation is the normal way to stop; only real failures surface.
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

    static func socketAddress(host: String, port: UInt16) throws -> SocketAddress {
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let address = try? SocketAddress(ipAddress: trimmed == "localhost" ? "127.0.0.1" : trimmed, port: Int(port)) {
            return address
        }
        throw StartError.invalidHost(host)
    }

    /// The URL to open: a wildcard address is reached through loopback.
    static func displayURL(for address: SocketAddress) -> String {
        let port = address.port ?? 0
        switch address {
        case .v6:
            let host = address.ipAddress ?? "::1"
            return "http://[\(host == "::" ? "::1" : host)]:\(port)/"
        default:
            let host = address.ipAddress ?? "127.0.0.1"
            return "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/"
        }
    }
}
