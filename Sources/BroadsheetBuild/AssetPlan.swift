import BroadsheetCore
import BroadsheetRender
import Foundation

/// The static files copied into `assets/`: the theme's, then the site's own from `Content/assets/`,
/// a later source replacing an earlier one with the same path.
struct AssetPlan: Sendable {
    let files: [(path: SitePath, source: TemplateLibrary.ThemeAsset)]

    init(library: TemplateLibrary, contentAssets: [URL], layout: SiteLayout) {
        var byPath: [SitePath: TemplateLibrary.ThemeAsset] = [:]
        for (path, source) in library.assets { byPath[path] = source }
        for url in contentAssets {
            let relative = layout.relativePath(url)
            if let path = SitePath(String(relative.dropFirst("Content/".count))) { byPath[path] = .file(url) }
        }
        files = byPath.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
