public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response read off a raw socket; header names are lowercased.
public struct RawResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers, names lowercased.
    public var headers: [String: String]
    /// The body, de-chunked.
    public var body: Data
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a raw exchange failed.
public enum RawHTTPError: Error {
    case socket
    case connect(Int32)
    case malformed(String)
}

/// A deliberately plain HTTP/1.1 client on POSIX sockets: URLSession would normalise the very paths the
/// traversal tests send, and can hang. Blocking I/O runs on threads of its own, never on the two threads
/// of the Swift concurrency pool, where it would starve the server under test.
public enum RawHTTP {
    /// Sends one request with `Connection: close` and reads until the server closes (bounded by `timeout`).
    public static func request(
        port: UInt16, method: String = "GET", path: String, headers: [String: String] = [:], timeout: Double = 5
    ) async throws -> RawResponse {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
        if method == "POST" || method == "PUT" { lines.append("Content-Length: 0") }
        let raw = lines.joined(separator: "\r\n") + "\r\n\r\n"
        var data = try await onOwnThread { try exchange(port: port, request: raw, timeout: timeout) }
        // Under heavy load (the whole suite on two cores) a connection is now and then closed before a single
        // byte is answered; browsers retry such a request, and so does this client, once. A wrong or partial
        // answer still fails the test.
        if data.isEmpty {
            data = try await onOwnThread { try exchange(port: port, request: raw, timeout: timeout) }
        }
        return try parse(data)
    }

    /// Sends one GET; see `request`.
    public static func get(port: UInt16, path: String, headers: [String: String] = [:], timeout: Double = 5) async throws -> RawResponse {
        try await request(port: port, path: path, headers: headers, timeout: timeout)
    }

    /// Runs blocking work on a new thread and awaits its result.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// A connected TCP socket to `host:port` (IPv4), with send and receive timeouts.
    public static func connect(host: String = "127.0.0.1", port: UInt16, timeout: Double) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw RawHTTPError.socket }
        var time = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connectSocket(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            closeDescriptor(fd)
            throw RawHTTPError.connect(code)
        }
        return fd
    }

    /// Writes all of `text`, giving up silently when the peer has gone.
    public static func sendAll(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            if count <= 0 { return }
            sent += count
        }
    }

    private static func exchange(port: UInt16, request: String, timeout: Double) throws -> Data {
        let fd = try connect(port: port, timeout: timeout)
        defer { closeDescriptor(fd) }
        sendAll(fd, request)
        let deadline = Date().addingTimeInterval(timeout)
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while Date() < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count > 0 { received.append(contentsOf: buffer[0..<count]) } else { break }
        }
        return received
    }

    static func parse(_ data: Data) throws -> RawResponse {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw RawHTTPError.malformed(String(decoding: data, as: UTF8.self))
        }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw RawHTTPError.malformed(head[0]) }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return RawResponse(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = Data(data)
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard rest.endIndex - start >= size else { break }
            out.append(rest[start..<(start + size)])
            rest = Data(rest[(start + size + 2)...])
        }
        return out
    }
}

/// Reads a server-sent event stream on its own thread and keeps everything received.
public final class EventStreamClient: Sendable {
    private let fd: Int32
    private let received = Mutex("")
    private let ended = Mutex(false)
    private let closed = Mutex(false)

    /// Opens `path` on the server at `port` and starts reading.
    public init(port: UInt16, path: String) throws {
        fd = try RawHTTP.connect(port: port, timeout: 0.2)
        RawHTTP.sendAll(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        Thread { [self] in readLoop() }.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !closed.withLock({ $0 }) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0 += text }
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                break
            }
        }
        ended.withLock { $0 = true }
        closeDescriptor(fd)
    }

    /// Everything received so far, headers included.
    public var text: String { received.withLock { $0 } }

    /// Whether the server closed the stream.
    public var hasEnded: Bool { ended.withLock { $0 } }

    /// How many times `needle` occurs in what was received.
    public func count(of needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Stops reading and closes the connection.
    public func close() {
        closed.withLock { $0 = true }
        shutdown(fd, Int32(SHUT_RDWR))
    }
}

/// `connect(2)`, named apart from `RawHTTP.connect`.
private func connectSocket(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

/// `close(2)`, named apart from `EventStreamClient.close()`.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
