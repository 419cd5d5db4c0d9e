/// Keeps the open server-sent-event streams and sends every one of them the same messages.
actor ReloadBroadcaster {
    private var clients: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var isClosed = false

    /// Number of connected event streams.
    var clientCount: Int { clients.count }

    /// Opens a stream of SSE frames that starts with `greeting`; it ends at `closeAll()` or when the client goes.
    func subscribe(greeting: String) -> AsyncStream<String> {
        // A slow client only ever needs the latest few frames: any reload means "reload now".
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        clients[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(greeting)
        return stream
    }

    /// Sends one SSE frame to every client.
    func broadcast(_ frame: String) {
        for continuation in clients.values {
            continuation.yield(frame)
        }
    }

    /// Ends every stream, and any later subscription at once, so connections can close at shutdown.
    func closeAll() {
        isClosed = true
        let open = clients.values
        clients.removeAll()
        for continuation in open {
            continuation.finish()
        }
    }

    private func remove(_ id: Int) {
        clients[id] = nil
    }

    /// An SSE frame with an event name and a one-line payload.
    static func frame(event: String, data: String) -> String {
        "event: \(event)\ndata: \(data)\n\n"
    }

    /// A comment frame: keeps idle connections alive and lets dead ones fail their write.
    static let heartbeat = ": keep-alive\n\n"
}
