import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CLITests {
    /// `broadsheet serve` end to end: the real binary on an ephemeral port, a browser's requests over raw sockets.
    @Suite struct ServeCLITests {
        /// The only timing rule: a saved change shows within this many seconds.
        static let reloadDeadline = 2.0

        static let entryPath = "Content/2024/03/05/budget.md"
        static let entryPage = "/2024/03/05/budget.html"

        static func entry(title: String, date: String = "2024-03-05") -> String {
            "---\ntitle: \(title)\ndate: \(date)\ntags: [Economy]\n---\nThe assembly **passed** the budget.\n"
        }

        /// A running `broadsheet serve` and what it printed.
        struct Server {
            let child: ChildProcess
            let port: UInt16
            let stdoutPath: String
            var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
        }

        /// Starts the server and waits (bounded) for its "Serving … at http://127.0.0.1:PORT/" line.
        static func start(site: TestSite, logs: URL) async throws -> Server {
            let stdoutPath = logs.appending(path: "stdout").path(percentEncoded: false)
            let stderrPath = logs.appending(path: "stderr").path(percentEncoded: false)
            let child = try ChildProcess(
                arguments: ["serve", "--site", site.root.path(percentEncoded: false), "--port", "0"],
                environment: CLI.environment([:]), directory: nil, stdout: .file(stdoutPath), stderr: .file(stderrPath))
            let pattern = /Serving (.+) at http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C to stop\)/
            var port: UInt16?
            let deadline = ContinuousClock.now + .seconds(60)
            while port == nil, child.poll() == nil, ContinuousClock.now < deadline {
                let text = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
                if let match = text.firstMatch(of: pattern) { port = UInt16(match.2) } else { try await Task.sleep(for: .milliseconds(20)) }
            }
            guard let port else {
                child.kill()
                let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
                let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
                Issue.record("serve did not announce a port:\n--- stdout\n\(out)\n--- stderr\n\(err)")
                throw CancellationError()
            }
            return Server(child: child, port: port, stdoutPath: stdoutPath)
        }

        @Test func previewRebuildsReloadsShowsErrorsAndStopsCleanly() async throws {
            let site = try TestSite("""
                -- Content/site.yml --
                title: Harbour Preview Digest
                base_url: https://test.example.org/
                language: en
                -- \(Self.entryPath) --
                \(Self.entry(title: "Budget passes after long night"))
                """)
            defer { site.delete() }
            let logs = FileManager.default.temporaryDirectory.appending(path: "broadsheet-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: logs) }

            let server = try await Self.start(site: site, logs: logs)
            defer { server.child.kill() }
            let port = server.port

            // The home page, with the reload script added on the way out.
            let home = try await RawHTTP.get(port: port, path: "/")
            #expect(home.status == 200)
            #expect(home.text.contains("Harbour Preview Digest"))
            #expect(home.text.contains("new EventSource(\"/__broadsheet/events\")"))

            // Loopback only: another loopback address is refused, and the kernel lists the socket on 127.0.0.1.
            #expect(throws: RawHTTPError.self) { _ = try RawHTTP.connect(host: "127.0.0.2", port: port, timeout: 1) }
            #if os(Linux)
            let listeners = try Self.listeningAddresses(port: port)
            #expect(listeners == ["0100007F"], "listening on \(listeners)")
            #endif

            let events = try EventStreamClient(port: port, path: "/__broadsheet/events")
            defer { events.close() }
            #expect(await eventually(timeout: 5) { events.text.contains("event: hello") }, "\(events.text)")

            // A saved title change: a reload event, then the new title over HTTP.
            try site.write(Self.entryPath, Self.entry(title: "Budget fails at dawn"))
            #expect(await eventually(timeout: Self.reloadDeadline) { events.count(of: "event: reload") >= 1 }, "\(events.text)")
            let retitled = await eventually(timeout: Self.reloadDeadline) {
                let page = try? await RawHTTP.get(port: port, path: Self.entryPage)
                return page?.status == 200 && page?.text.contains("Budget fails at dawn") == true
            }
            #expect(retitled, "the entry page does not show the new title")

            // A broken entry: the browser gets the error page naming the file.
            try site.write(Self.entryPath, Self.entry(title: "Budget fails at dawn", date: "2024-02-30"))
            let failed = await eventually(timeout: Self.reloadDeadline) {
                let page = try? await RawHTTP.get(port: port, path: Self.entryPage)
                return page?.status == 500
            }
            #expect(failed, "no error page")
            let failure = try await RawHTTP.get(port: port, path: Self.entryPage)
            #expect(failure.text.contains("Build failed"))
            #expect(failure.text.contains("\(Self.entryPath):3:7: error: impossible date &#39;2024-02-30&#39;"), "\(failure.text)")
            #expect(await eventually(timeout: Self.reloadDeadline) { events.count(of: "event: reload") >= 2 }, "\(events.text)")

            // Fixed: the page comes back.
            try site.write(Self.entryPath, Self.entry(title: "Budget passes at last"))
            let recovered = await eventually(timeout: Self.reloadDeadline) {
                let page = try? await RawHTTP.get(port: port, path: Self.entryPage)
                return page?.status == 200 && page?.text.contains("Budget passes at last") == true
            }
            #expect(recovered, "the page did not come back after the fix")

            // What serve writes to disk is what build writes: no reload script anywhere.
            let files = try snapshot(of: site.output)
            #expect(files["2024/03/05/budget.html"] != nil)
            let injected = files.filter { String(decoding: $0.value, as: UTF8.self).contains("__broadsheet") }.keys.sorted()
            #expect(injected.isEmpty, "reload script on disk in \(injected)")

            // Ctrl-C: a clean exit with status 0, promptly.
            events.close()
            server.child.signal(SIGINT)
            let (status, timedOut) = await server.child.wait(timeout: 10)
            #expect(!timedOut, "serve did not stop within 10 s of SIGINT")
            #expect(status == 0, "serve exited with \(status)\n\(server.stdout)")
        }

        #if os(Linux)
        /// Local addresses (hex, as /proc/net/tcp and tcp6 write them) of sockets listening on `port`.
        static func listeningAddresses(port: UInt16) throws -> [String] {
            var addresses: [String] = []
            let portHex = String(format: "%04X", port)
            for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
                guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
                for line in text.lines.dropFirst() {
                    let fields = line.split(separator: " ")
                    // sl local_address rem_address st …; state 0A is LISTEN.
                    guard fields.count > 3, fields[3] == "0A" else { continue }
                    let local = fields[1].split(separator: ":")
                    if local.count == 2, local[1] == portHex { addresses.append(String(local[0])) }
                }
            }
            return addresses
        }
        #endif
    }
}
