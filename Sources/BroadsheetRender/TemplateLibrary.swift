public import BroadsheetCore
import BroadsheetTemplates
import BroadsheetTheme
public import Foundation

/// The theme a site renders with: the embedded default theme, overridden file by file by the site's
/// `Templates/`, compiled and strictly checked against the view types each page template renders.
public struct TemplateLibrary: Sendable {
    let templates: TemplateSet
    /// Theme assets by output path (`assets/style.css`): default theme files, then the site's overrides.
    public let assets: [(path: SitePath, source: ThemeAsset)]

    /// Where an asset's bytes come from.
    public enum ThemeAsset: Sendable {
        case embedded([UInt8])
        case file(URL)
    }

    /// The page templates and the view each renders; partials and parents are checked through them.
    static let roots: [String: any TemplateObject.Type] = [
        "entry": EntryPageView.self, "entry-print": EntryPageView.self,
        "day": DayPageView.self, "day-print": DayPageView.self,
        "month": MonthPageView.self, "month-print": PrintEditionView.self,
        "year": LinkListPageView.self, "archive": LinkListPageView.self,
        "tags": LinkListPageView.self, "sources": LinkListPageView.self,
        "home": EntryListPageView.self, "list": EntryListPageView.self,
        "search": SearchPageView.self, "404": PlainPageView.self, "atom": FeedView.self,
    ]

    /// Loads and checks the theme for `layout`; every template problem becomes a diagnostic.
    public static func load(_ layout: SiteLayout) -> (TemplateLibrary?, Diagnostics) {
        var diagnostics = Diagnostics()
        var sources: [TemplateSource] = []
        var assets: [String: ThemeAsset] = [:]
        for file in DefaultTheme.files {
            if file.path.hasSuffix(".mustache") {
                sources.append(TemplateSource(
                    name: String(file.path.dropLast(".mustache".count)), path: "(default theme)/\(file.path)",
                    text: String(decoding: file.bytes, as: UTF8.self)))
            } else if file.path.hasPrefix("assets/") {
                assets[file.path] = .embedded(file.bytes)
            }
        }
        let folder = layout.templates
        if FileManager.default.fileExists(atPath: folder.path(percentEncoded: false)) {
            do {
                sources += try TemplateSource.load(folder: folder, displayPrefix: "Templates/")
            } catch let error as TemplateDiagnostic {
                diagnostics.append(diagnostic(error))
            } catch {
                diagnostics.error("cannot read Templates/: \(error)", at: SourceLocation(file: "Templates", line: 0, column: 0))
            }
            for url in files(under: folder.appending(path: "assets")) {
                assets[layout.relativePath(url).replacing("Templates/", with: "", maxReplacements: 1)] = .file(url)
            }
        }
        let templates: TemplateSet
        do {
            templates = try TemplateSet(sources: sources, roots: roots)
        } catch {
            diagnostics.merge(error.diagnostics.map(diagnostic))
            return (nil, diagnostics)
        }
        let checkedAssets = assets.compactMap { path, source in SitePath(path).map { ($0, source) } }.sorted { $0.0 < $1.0 }
        return (TemplateLibrary(templates: templates, assets: checkedAssets), diagnostics)
    }

    /// A hash of each template's source, by name: what a template change is recognised by.
    public var templateHashes: [String: UInt64] { templates.sources.mapValues { ContentHash.of($0) } }

    /// The names of the templates a page template uses, itself included.
    public func closure(of template: String) -> Set<String> { templates.closure(of: template) }

    private static func diagnostic(_ error: TemplateDiagnostic) -> Diagnostic {
        var hint = error.hint
        if let line = error.sourceLine {
            let quoted = "line \(error.line) reads: \(line.trimmingCharacters(in: .whitespaces))"
            hint = hint.map { "\($0) (\(quoted))" } ?? quoted
        }
        return .error(error.message, at: SourceLocation(file: error.path, line: error.line, column: error.column), hint: hint)
    }

    /// Regular files below `folder`, sorted, hidden files skipped, symbolic links not followed.
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isRegularFile == true, values?.isSymbolicLink != true { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }
}
