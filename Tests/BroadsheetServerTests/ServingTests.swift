import Foundation
import Testing
import TestSupport
@testable import BroadsheetServer

@Suite struct ServingTests {
    @Test func servesContentWithContentTypes() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let expectations: [(String, String, String)] = [
            ("/style.css", "text/css; charset=utf-8", "body { color: red }"),
            ("/app.js", "text/javascript; charset=utf-8", "console.log(1)"),
            ("/feed.xml", "application/xml", "<?xml version=\"1.0\"?><feed/>"),
            ("/search.json", "application/json", "{\"a\":1}"),
            ("/logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("/img/photo.png", "image/png", "PNG"),
            ("/img/photo.jpg", "image/jpeg", "JPG"),
            ("/img/photo.webp", "image/webp", "WEBP"),
            ("/fonts/body.woff2", "font/woff2", "WOFF2"),
            ("/robots.txt", "text/plain; charset=utf-8", "User-agent: *"),
        ]
        for (path, type, body) in expectations {
            let response = try await server.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
            #expect(response.text == body, "\(path)")
            #expect(response.headers["content-length"] == String(body.utf8.count), "\(path)")
        }
    }

    @Test func directoryIndexesGetTheReloadScript() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text == "<!DOCTYPE html><html><body><h1>Home</h1>" + ReloadInjector.script + "</body></html>")
        let first = try await server.get("/posts/first/")
        #expect(first.status == 200)
        #expect(first.text.contains("First post" + ReloadInjector.script + "</BODY>"))
        // The build output itself never gets the script.
        let onDisk = try String(contentsOf: server.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!onDisk.contains("EventSource"))
    }

    @Test func directoriesWithoutSlashRedirect() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let response = try await server.get("/posts/first?x=1")
        #expect(response.status == 301)
        #expect(response.headers["location"] == "/posts/first/?x=1")
        let plain = try await server.get("/posts")
        #expect(plain.status == 301)
        #expect(plain.headers["location"] == "/posts/")
    }

    @Test func missingPagesGetTheSite404() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let response = try await server.get("/no/such/page/")
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.text.contains("Custom not found"))
        #expect(response.text.contains(ReloadInjector.eventsPath))

        try FileManager.default.removeItem(at: server.output.appendingPathComponent("404.html"))
        let fallback = try await server.get("/no/such/page/")
        #expect(fallback.status == 404)
        #expect(fallback.headers["content-type"] == "text/plain; charset=utf-8")
        #expect(fallback.text == "404 Not Found\n")
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func otherMethodsAreRefused(method: String) async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let response = try await server.get("/", method: method)
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
    }

    @Test func headSendsHeadersWithoutBody() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        for path in ["/", "/style.css", "/missing"] {
            let get = try await server.get(path)
            let head = try await server.get(path, method: "HEAD")
            #expect(head.status == get.status, "\(path)")
            #expect(head.body.isEmpty, "\(path)")
            #expect(head.headers["content-length"] == String(get.body.count), "\(path)")
            #expect(head.headers["content-type"] == get.headers["content-type"], "\(path)")
            #expect(head.headers["etag"] == get.headers["etag"], "\(path)")
        }
    }

    @Test func conditionalGetAnswers304() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        for path in ["/", "/style.css"] {
            let first = try await server.get(path)
            let tag = try #require(first.headers["etag"])
            let again = try await server.get(path, headers: ["If-None-Match": tag])
            #expect(again.status == 304, "\(path)")
            #expect(again.body.isEmpty, "\(path)")
            #expect(again.headers["etag"] == tag)
            let other = try await server.get(path, headers: ["If-None-Match": "\"nope\", W/\(tag)"])
            #expect(other.status == 304, "\(path)")
            let stale = try await server.get(path, headers: ["If-None-Match": "\"nope\""])
            #expect(stale.status == 200, "\(path)")
        }
        // A rebuild replaces the file, so the old tag no longer matches.
        let tag = try #require(try await server.get("/style.css").headers["etag"])
        let css = server.output.appendingPathComponent("style.css")
        try FileManager.default.removeItem(at: css)
        try Data("body { color: blue }".utf8).write(to: css)
        let changed = try await server.get("/style.css", headers: ["If-None-Match": tag])
        #expect(changed.status == 200)
        #expect(changed.text == "body { color: blue }")
    }

    @Test func neverServesOutsideTheOutputFolder() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let secret = server.site.appendingPathComponent("secret.txt")
        try Data("TOP SECRET".utf8).write(to: secret)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: server.output.appendingPathComponent("escape.txt").path, withDestinationPath: secret.path)
        try fm.createSymbolicLink(atPath: server.output.appendingPathComponent("up").path, withDestinationPath: server.site.path)
        try fm.createSymbolicLink(atPath: server.output.appendingPathComponent("etc").path, withDestinationPath: "/etc")

        let attempts = [
            "/../etc/passwd", "/../secret.txt", "/posts/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
            "/a/..%2f..%2fsecret.txt", "/posts/..%2f..%2fsecret.txt", "/..%2fsecret.txt", "/..\\secret.txt", "/posts\\..\\..\\secret.txt",
            "/%5c..%5csecret.txt", "/escape.txt", "/up/secret.txt", "/up/", "/etc/passwd", "/etc/", "/index.html%00.txt",
            "/%00", "/..", "/.%2e/secret.txt",
        ]
        for path in attempts {
            let response = try await server.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(!response.text.contains("TOP SECRET"), "\(path)")
            #expect(!response.text.contains("root:"), "\(path)")
        }
    }
}
