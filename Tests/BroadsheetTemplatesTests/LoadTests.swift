import BroadsheetTemplates
import Foundation
import Testing

@Suite("Loading theme folders")
struct LoadTests {
    @Test func loadsNestedTemplatesAndOverridesFileByFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.appendingPathComponent("base"), theme = root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: theme.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try "{{>partials/header}}|{{title}}".write(to: base.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        try "base header".write(to: base.appendingPathComponent("partials/header.mustache"), atomically: true, encoding: .utf8)
        try "ignored".write(to: base.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "theme {{hdr}}".write(to: theme.appendingPathComponent("partials/header.mustache"), atomically: true, encoding: .utf8)

        let sources = try TemplateSource.load(folder: base, displayPrefix: "Templates/")
            + TemplateSource.load(folder: theme, displayPrefix: "Theme/")
        #expect(sources.map(\.name) == ["page", "partials/header", "partials/header"])
        #expect(sources.map(\.path) == ["Templates/page.mustache", "Templates/partials/header.mustache", "Theme/partials/header.mustache"])

        do {
            _ = try TemplateSet(sources: sources, roots: ["page": EntryPageView.self])
            Issue.record("expected a strict-mode error from the overriding file")
        } catch {
            #expect(error.diagnostics.map(\.description.description).first?.hasPrefix("Theme/partials/header.mustache:1:7: unknown name 'hdr'") == true)
        }
        let set = try TemplateSet(sources: sources)
        #expect(String(decoding: try set.render("page", EntryPageView.sample), as: UTF8.self) == "theme |Fish &amp; &lt;Chips&gt;")
    }
}
