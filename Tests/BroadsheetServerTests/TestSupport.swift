import Foundation
import Synchronization
import Testing
@testable import BroadsheetServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response read off a raw socket; header names are lowercased.
struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

enum RawHTTPError: Error { case socket, connect, malformed(String) }

/// A deliberately dumb HTTP/1.1 client: URLSession would normalise the very paths the traversal tests need to send.
enum RawHTTP {
    /// Sends one request with `Connection: close` and reads until the server closes (bounded by `timeout`).
    static func request(
        port: UInt16, method: String = "GET", path: String, headers: [String: String] = [:], timeout: Double = 5
    ) async throws -> RawResponse {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
        if method == "POST" || method == "PUT" { lines.append("Content-Length: 0") }
        let raw = lines.joined(separator: "\r\n") + "\r\n\r\n"
        var data = try await offCooperativePool { try exchange(port: port, request: raw, timeout: timeout) }
        // Under heavy load (the whole suite on two cores) a connection is now and then closed before a single
        // byte is answered; browsers retry such a request, and so does this client, once. A wrong or partial
        // answer still fails the test.
        if data.isEmpty {
            data = try await offCooperativePool { try exchange(port: port, request: raw, timeout: timeout) }
        }
        return try parse(data, isHead: method == "HEAD")
    }

    /// Blocking socket I/O gets its own thread: on Linux the global dispatch queues and the Swift
    /// concurrency pool share ncpu threads, so blocking there starves the server under test.
    static func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func connect(port: UInt16, timeout: Double) throws -> Int32 {
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
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw RawHTTPError.connect
        }
        return fd
    }

    static func sendAll(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    private static func exchange(port: UInt16, request: String, timeout: Double) throws -> Data {
        let fd = try connect(port: port, timeout: timeout)
        defer { close(fd) }
        sendAll(fd, request)
        let deadline = Date().addingTimeInterval(timeout)
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n > 0 { received.append(contentsOf: buffer[0..<n]) } else { break }
        }
        return received
    }

    static func parse(_ data: Data, isHead: Bool) throws -> RawResponse {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = data.range(of: separator) else { throw RawHTTPError.malformed(String(decoding: data, as: UTF8.self)) }
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
            guard rest.count >= start - rest.startIndex + size else { break }
            out.append(rest[start..<(start + size)])
            rest = Data(rest[(start + size + 2)...])
        }
        return out
    }
}

/// Reads a server-sent event stream on its own thread and keeps everything received.
final class EventStreamClient: Sendable {
    private let fd: Int32
    private let received = Mutex("")
    private let ended = Mutex(false)
    private let closed = Mutex(false)

    init(port: UInt16) throws {
        fd = try RawHTTP.connect(port: port, timeout: 0.2)
        RawHTTP.sendAll(fd, "GET \(ReloadInjector.eventsPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !closed.withLock({ $0 }) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                received.withLock { $0 += text }
            } else if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                break
            }
        }
        ended.withLock { $0 = true }
        Glibc.close(fd)
    }

    var text: String { received.withLock { $0 } }
    var hasEnded: Bool { ended.withLock { $0 } }

    /// Number of times `needle` occurs in what was received so far.
    func count(of needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func close() {
        closed.withLock { $0 = true }
        shutdown(fd, Int32(SHUT_RDWR))
    }
}

/// Polls `condition` until it holds or `timeout` seconds pass.
func eventually(timeout: Double = 2, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Records what the rebuild closure was asked and decides what it answers.
final class RebuildRecorder: Sendable {
    private let calls = Mutex<[[String]]>([])
    private let nextOutcome = Mutex<RebuildOutcome>(.succeeded(summary: "ok"))

    var allCalls: [[String]] { calls.withLock { $0 } }
    var count: Int { calls.withLock { $0.count } }

    func setOutcome(_ outcome: RebuildOutcome) { nextOutcome.withLock { $0 = outcome } }

    func record(_ paths: [String]) -> RebuildOutcome {
        calls.withLock { $0.append(paths) }
        return nextOutcome.withLock { $0 }
    }
}

/// A temporary site (Output/, Content/, site.yml) with the real server running over it on an ephemeral port.
final class ServerHarness: Sendable {
    let site: URL
    let output: URL
    let content: URL
    let port: UInt16
    let recorder: RebuildRecorder
    private let task: Task<Void, any Error>
    private let finished: Flag

    var hasFinished: Bool { finished.isSet }

    private init(site: URL, recorder: RebuildRecorder, port: UInt16, task: Task<Void, any Error>, finished: Flag) {
        self.site = site
        self.output = site.appendingPathComponent("Output")
        self.content = site.appendingPathComponent("Content")
        self.recorder = recorder
        self.port = port
        self.task = task
        self.finished = finished
    }

    /// Builds the folders, calls `populate` on the output folder, and starts the server.
    static func start(
        debounce: Duration = .milliseconds(120),
        populate: @Sendable (URL) throws -> Void = ServerHarness.standardSite,
        onRebuild: @escaping @Sendable (_ paths: [String], _ output: URL) -> Void = { _, _ in }
    ) async throws -> ServerHarness {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-serve-\(UUID().uuidString)")
        let output = site.appendingPathComponent("Output")
        let content = site.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("site.yml"))
        try populate(output)

        let recorder = RebuildRecorder()
        let configuration = PreviewConfiguration(
            host: "127.0.0.1", port: 0, outputFolder: output,
            watchedPaths: [content, site.appendingPathComponent("site.yml")], debounce: debounce
        )
        let server = PreviewServer(configuration: configuration) { paths in
            onRebuild(paths, output)
            return recorder.record(paths)
        }
        let (urls, urlContinuation) = AsyncStream.makeStream(of: String.self)
        let finished = Flag()
        let task = Task {
            defer { finished.set(); urlContinuation.finish() }
            try await server.run { urlContinuation.yield($0) }
        }
        var iterator = urls.makeAsyncIterator()
        guard let url = await iterator.next(),
              let port = URLComponents(string: url)?.port.flatMap({ UInt16(exactly: $0) }) else {
            task.cancel()
            throw RawHTTPError.malformed("server did not report a URL")
        }
        return ServerHarness(site: site, recorder: recorder, port: port, task: task, finished: finished)
    }

    /// Cancels `run()` and reports whether it returned within `timeout` seconds.
    @discardableResult
    func stop(timeout: Double = 5) async -> Bool {
        task.cancel()
        let done = await eventually(timeout: timeout) { self.hasFinished }
        try? FileManager.default.removeItem(at: site)
        return done
    }

    func get(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> RawResponse {
        try await RawHTTP.request(port: port, method: method, path: path, headers: headers)
    }

    static func standardSite(_ output: URL) throws {
        let files: [String: String] = [
            "index.html": "<!DOCTYPE html><html><body><h1>Home</h1></body></html>",
            "posts/index.html": "<html><body>Posts</body></html>",
            "posts/first/index.html": "<html><BODY>First post</BODY></html>",
            "404.html": "<html><body>Custom not found</body></html>",
            "style.css": "body { color: red }",
            "app.js": "console.log(1)",
            "feed.xml": "<?xml version=\"1.0\"?><feed/>",
            "search.json": "{\"a\":1}",
            "logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "img/photo.png": "PNG",
            "img/photo.jpg": "JPG",
            "img/photo.webp": "WEBP",
            "fonts/body.woff2": "WOFF2",
            "robots.txt": "User-agent: *",
        ]
        for (path, text) in files {
            let url = output.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }
}

/// A one-way switch shared between the server task and the test.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
