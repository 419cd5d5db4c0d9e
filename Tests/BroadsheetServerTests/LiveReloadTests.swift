import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import BroadsheetServer

/// Writes one page per build listing the changed paths, so tests can see over HTTP what the watcher reported.
@Sendable private func writeLatestPage(_ paths: [String], _ output: URL) {
    let folder = output.appendingPathComponent("latest")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let body = "<html><body><ul>" + paths.map { "<li>\($0)</li>" }.joined() + "</ul></body></html>"
    try? Data(body.utf8).write(to: folder.appendingPathComponent("index.html"))
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

@Suite struct LiveReloadTests {
    @Test func firstBuildRunsBeforeServingWithNoChangedPaths() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        #expect(server.recorder.allCalls == [[]])
    }

    @Test func changesInNewFoldersRebuildAndReloadTabs() async throws {
        let server = try await ServerHarness.start(onRebuild: writeLatestPage)
        defer { Task { await server.stop() } }
        let events = try EventStreamClient(port: server.port, path: ReloadInjector.eventsPath)
        defer { events.close() }
        #expect(await eventually { events.text.contains("event: hello") })

        // A folder created after start, with a file written at once: the new watch must not miss it.
        let first = server.content.appendingPathComponent("2025/01/02/first.md")
        try write("# First", to: first)
        let sawFirst = await eventually {
            (try? await server.get("/latest/"))?.text.contains("first.md") ?? false
        }
        #expect(sawFirst)
        #expect(await eventually { events.text.contains("event: reload") })

        // A later file in that new folder proves the folder itself is now watched.
        let reloadsBefore = events.count(of: "event: reload")
        try write("# Second", to: server.content.appendingPathComponent("2025/01/02/second.md"))
        let sawSecond = await eventually {
            (try? await server.get("/latest/"))?.text.contains("second.md") ?? false
        }
        #expect(sawSecond)
        #expect(await eventually { events.count(of: "event: reload") > reloadsBefore })

        // The site settings file is watched too, also when an editor replaces it by rename.
        let replacement = server.site.appendingPathComponent("site.yml.tmp")
        try write("title: Changed\n", to: replacement)
        #expect(rename(replacement.path, server.site.appendingPathComponent("site.yml").path) == 0)
        let sawSettings = await eventually {
            (try? await server.get("/latest/"))?.text.contains("site.yml") ?? false
        }
        #expect(sawSettings)
    }

    @Test func failedBuildShowsErrorPageUntilTheNextGoodBuild() async throws {
        let server = try await ServerHarness.start(onRebuild: writeLatestPage)
        defer { Task { await server.stop() } }
        let events = try EventStreamClient(port: server.port, path: ReloadInjector.eventsPath)
        defer { events.close() }
        #expect(await eventually { events.text.contains("event: hello") })

        let messages = [
            "Content/2025/01/02/first.md:3:1: error: unknown field <tags> & more",
            "  hint: did you mean \"tag\"?",
        ]
        server.recorder.setOutcome(.failed(messages: messages))
        try write("broken", to: server.content.appendingPathComponent("first.md"))
        #expect(await eventually { events.count(of: "event: reload") >= 1 })

        let page = try await server.get("/", headers: ["Accept": "text/html"])
        #expect(page.status == 500)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("Content/2025/01/02/first.md:3:1: error: unknown field &lt;tags&gt; &amp; more"))
        #expect(page.text.contains("hint: did you mean &quot;tag&quot;?"))
        #expect(!page.text.contains("<tags>"))
        #expect(page.text.contains(ReloadInjector.eventsPath))
        let missingPage = try await server.get("/new/page/", headers: ["Accept": "text/html"])
        #expect(missingPage.status == 500)
        // Assets keep coming from the last good build.
        let css = try await server.get("/style.css")
        #expect(css.status == 200)

        server.recorder.setOutcome(.succeeded(summary: "1 page written"))
        try write("fixed", to: server.content.appendingPathComponent("first.md"))
        #expect(await eventually { events.count(of: "event: reload") >= 2 })
        let back = try await server.get("/")
        #expect(back.status == 200)
        #expect(back.text.contains("<h1>Home</h1>"))
    }

    @Test func quickSavesCoalesceIntoOneRebuild() async throws {
        let server = try await ServerHarness.start(debounce: .milliseconds(300))
        defer { Task { await server.stop() } }
        let names = (1...5).map { "note-\($0).md" }
        for name in names {
            try write("# \(name)", to: server.content.appendingPathComponent(name))
        }
        #expect(await eventually(timeout: 10) { server.recorder.count >= 2 })
        // Give a stray second build the chance to show up before counting.
        try await Task.sleep(for: .milliseconds(600))
        let calls = server.recorder.allCalls
        #expect(calls.count == 2)
        let changed = Set(calls.dropFirst().first ?? [])
        for name in names {
            #expect(changed.contains(server.content.appendingPathComponent(name).standardizedFileURL.path))
        }
    }

    @Test func cancellingRunReturnsWithAnEventStreamOpen() async throws {
        let server = try await ServerHarness.start()
        let events = try EventStreamClient(port: server.port, path: ReloadInjector.eventsPath)
        defer { events.close() }
        #expect(await eventually { events.text.contains("event: hello") })
        let returned = await server.stop(timeout: 5)
        #expect(returned)
        #expect(await eventually { events.hasEnded })
    }

    @Test func reportsTheURLAndRefusesBadHosts() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        #expect(server.port != 0)
        #expect(throws: PreviewServer.StartError.invalidHost("not a host")) {
            _ = try PreviewServer.socketAddress(host: "not a host", port: 0)
        }
    }

    /// A port another server holds is an error that names the address and says what to do.
    @Test func aTakenPortIsAClearError() async throws {
        let server = try await ServerHarness.start()
        defer { Task { await server.stop() } }
        let second = PreviewServer(
            configuration: PreviewConfiguration(host: "127.0.0.1", port: server.port, outputFolder: server.output, watchedPaths: []),
            rebuild: { _ in .succeeded(summary: "ok") })
        let error = await #expect(throws: PreviewServer.StartError.self) { try await second.run() }
        #expect(error?.description == "cannot listen on http://127.0.0.1:\(server.port)/: address already in use; choose another port with --port")
    }
}
