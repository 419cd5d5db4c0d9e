import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The preview's HTTP/1.1 listener: accepts connections and answers each request through the handler,
/// one at a time per connection, keeping connections open as the client asks.
struct PreviewListener: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let channel: NIOAsyncChannel<Connection, Never>

    /// The address listened on (with the port the system picked, when asked for port 0).
    var address: SocketAddress? { channel.channel.localAddress }

    /// Listens on `address`; fails when it is taken or cannot be listened on.
    static func bind(to address: SocketAddress) async throws -> PreviewListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            // A response's head and body go out in separate writes; with Nagle's algorithm on, the body
            // then waits for the client's delayed acknowledgement, about 40 ms per keep-alive request.
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(to: address) { connection in
                connection.eventLoop.makeCompletedFuture {
                    // With error handling, a malformed request is answered 400 and its connection closed.
                    try connection.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try Connection(wrappingChannelSynchronously: connection)
                }
            }
        return PreviewListener(channel: channel)
    }

    /// Serves connections until the task is cancelled (or listening fails), then closes the listener.
    func serve(_ handler: PreviewRequestHandler) async throws {
        try await channel.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask { await Self.answer(connection, with: handler) }
                }
            }
        }
    }

    /// Answers the requests of one connection in turn; a failed write (the client went away) ends it.
    private static func answer(_ connection: Connection, with handler: PreviewRequestHandler) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let request):
                    head = request
                case .body:
                    continue
                case .end:
                    guard let request = head else { continue }
                    head = nil
                    let response = await handler.handle(
                        PreviewRequest(method: request.method, uri: request.uri, headers: request.headers))
                    try await send(response, answering: request, to: outbound)
                    if case .events = response.body { return }
                    if !request.isKeepAlive { return }
                }
            }
        }
    }

    private static func send(
        _ response: PreviewResponse, answering request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = response.headers
        switch response.body {
        case .bytes(let data): headers.replaceOrAdd(name: "Content-Length", value: String(data.count))
        case .file(_, let length): headers.replaceOrAdd(name: "Content-Length", value: String(length))
        case .none(let length): if let length { headers.replaceOrAdd(name: "Content-Length", value: String(length)) }
        // Sent chunked, frame by frame, for as long as the stream lasts.
        case .events: break
        }
        if !request.isKeepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version == .http1_0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
        switch response.body {
        case .bytes(let data):
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: data))))
        case .file(let url, let length):
            try await sendFile(url, length: length, to: outbound)
        case .events(let frames):
            for await frame in frames {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: frame))))
            }
        case .none:
            break
        }
        try await outbound.write(.end(nil))
    }

    /// Streams `length` bytes of the file in pieces; a file that shrank since ends the connection, as its
    /// promised length can no longer be kept.
    private static func sendFile(
        _ url: URL, length: Int, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        var remaining = length
        while remaining > 0 {
            guard let piece = try file.read(upToCount: min(remaining, 1 << 16)), !piece.isEmpty else {
                throw CancellationError()
            }
            remaining -= piece.count
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: piece))))
        }
    }
}
