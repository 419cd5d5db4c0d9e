import Foundation
import Synchronization
import Testing
import TestSupport
@testable import BroadsheetServer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
