import Foundation
import Testing
import TestSupport
@testable import BroadsheetServer

@Suite struct StaticFileResolverTests {
    @Test func parseRefusesUnsafeSegments() {
        for path in ["/../etc/passwd", "/a/../b", "/%2e%2e/x", "/%2E%2E/x", "/a/..%2f..%2fetc", "/a%2fb", "/..\\x",
                     "/a%5cb", "/x%00.html", "/./a", "relative", "/%ff"] {
            #expect(StaticFileResolver.parse(path) == nil, "\(path)")
        }
    }

    @Test func parseDecodesAndKeepsTrailingSlash() throws {
        let parsed = try #require(StaticFileResolver.parse("/posts//hello%20world/"))
        #expect(parsed.segments == ["posts", "hello world"])
        #expect(parsed.rawSegments == ["posts", "hello%20world"])
        #expect(parsed.trailingSlash)
    }

    @Test func resolvesFilesIndexesRedirectsAndRefusals() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("resolver-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try ServerHarness.standardSite(root)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("inside").path,
                                                   withDestinationPath: root.appendingPathComponent("posts").path)
        let resolver = StaticFileResolver(root: root)

        #expect(resolver.resolve(path: "/") == .file(root.appendingPathComponent("index.html")))
        #expect(resolver.resolve(path: "/posts/") == .file(root.appendingPathComponent("posts/index.html")))
        #expect(resolver.resolve(path: "/posts") == .redirect("/posts/"))
        #expect(resolver.resolve(path: "//posts//first") == .redirect("/posts/first/"))
        #expect(resolver.resolve(path: "/style.css") == .file(root.appendingPathComponent("style.css")))
        #expect(resolver.resolve(path: "/style.css/") == .notFound)
        #expect(resolver.resolve(path: "/empty/") == .notFound)
        #expect(resolver.resolve(path: "/missing") == .notFound)
        #expect(resolver.resolve(path: "/inside/index.html") == .notFound)
        #expect(resolver.resolve(path: "/inside/") == .notFound)
        #expect(StaticFileResolver(root: root.appendingPathComponent("gone")).resolve(path: "/") == .notFound)
    }
}

@Suite struct ContentTypeTests {
    @Test func knownExtensions() {
        let expected = [
            "a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8",
            "a.js": "text/javascript; charset=utf-8", "a.xml": "application/xml", "a.json": "application/json",
            "a.svg": "image/svg+xml", "a.png": "image/png", "a.JPG": "image/jpeg", "a.webp": "image/webp",
            "a.woff2": "font/woff2", "a.txt": "text/plain; charset=utf-8", "a.ico": "image/x-icon",
            "a.gif": "image/gif", "a.pdf": "application/pdf", "a.atom": "application/atom+xml",
            "noext": "application/octet-stream", ".hidden": "application/octet-stream",
        ]
        for (name, type) in expected {
            #expect(ContentTypes.contentType(forFileName: name) == type, "\(name)")
        }
    }
}

@Suite struct ReloadInjectorTests {
    @Test func insertsBeforeTheLastClosingBody() {
        let html = Data("<html><body>x</body><!-- </body> --></BODY></html>".utf8)
        let out = String(decoding: ReloadInjector.inject(into: html), as: UTF8.self)
        #expect(out == "<html><body>x</body><!-- </body> -->" + ReloadInjector.script + "</BODY></html>")
    }

    @Test func appendsWithoutBody() {
        let out = String(decoding: ReloadInjector.inject(into: Data("<p>hi".utf8)), as: UTF8.self)
        #expect(out == "<p>hi" + ReloadInjector.script)
    }
}

@Suite struct ErrorPageTests {
    @Test func escapesMessagesAndCarriesTheScript() {
        let page = ErrorPage.html(messages: ["Content/a.md:3:1: error: bad <tag> & \"quote\""])
        #expect(page.contains("Content/a.md:3:1: error: bad &lt;tag&gt; &amp; &quot;quote&quot;"))
        #expect(!page.contains("<tag>"))
        #expect(page.contains(ReloadInjector.eventsPath))
    }
}
