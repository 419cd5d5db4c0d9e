import FlyingFox
import FlyingSocks
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FlyingFox's default pool, plus TCP_NODELAY on every socket it waits on.
///
/// FlyingFox writes a response's header and body separately; with Nagle's algorithm on, the body then
/// waits for the client's delayed ACK, about 40 ms per keep-alive request (225 requests/s with 10 connections).
/// FlyingFox offers no hook on accepted sockets, and the pool is the one place that sees each of them.
struct NoDelaySocketPool: AsyncSocketPool {
    private let base: any AsyncSocketPool = HTTPServer.defaultPool()

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var on: Int32 = 1
        // Fails harmlessly (ENOTSUP/EOPNOTSUPP) on sockets that are not TCP.
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
