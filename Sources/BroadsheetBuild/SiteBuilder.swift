public import BroadsheetCore
import BroadsheetContent
import BroadsheetModel
import BroadsheetOutput
import BroadsheetRender
import Foundation

/// The build, as one ordered story: load → model → theme → render and write → swap.
///
/// The order listed matches the order of execution. Nothing touches the output folder until every check
/// has passed, and then only through the staging folder that replaces it whole.
public enum SiteBuilder {
    /// Builds (or, with `checkOnly`, checks) a site; throws every diagnostic when there is any error.
    public static func build(_ options: BuildOptions) async throws(BuildFailure) -> BuildReport {
        var report = BuildReport()
        var clock = PhaseClock()
        var kept: [any Sendable] = []
        defer {
            if options.keepsMemoryUntilExit { ProcessLifetime.keep(kept) } else { ProcessLifetime.freeInBackground(kept) }
        }
        let layout = SiteLayout(root: options.site, output: options.output)
        if !options.checkOnly { report.diagnostics.merge(OutputGuard.check(layout)) }
        try stopIfFailed(report)

        // `--fresh` reads no cache, but refreshes it for the next build.
        let cacheFolder = CacheFolder.url(for: layout)
        let loader = ContentLoader(layout: layout)
        var loadOptions = ContentLoader.Options(
            includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL, jobs: options.jobs)
        loadOptions.cacheFolder = cacheFolder
        loadOptions.readCache = !options.fresh
        loadOptions.saveCache = !options.checkOnly
        loadOptions.memory = options.memory
        // Listing Content/ waits on the file system; reading what the last build left is mostly decoding.
        // On a rebuild they take about as long as each other, so they run side by side.
        let readOptions = loadOptions
        let (listing, prepared) = await ParallelMap.both({ loader.scan(readOptions) }) {
            PreparedBuild(
                theme: TemplateLibrary.load(layout),
                settings: BuildFingerprint.settings(layout: layout, options: options),
                manifest: options.checkOnly ? nil : OutputManifest.load(from: cacheFolder, memory: options.memory),
                spare: options.checkOnly
                    ? nil
                    : OutputManifest.load(
                        from: cacheFolder, name: OutputManifest.spareFileName, headerOnly: true, memory: options.memory),
                entries: loader.readCache(readOptions))
        }
        clock.lap("scan", into: &report)
        kept += [listing, prepared] as [any Sendable]
        let (library, themeDiagnostics) = prepared.theme
        let settings = prepared.settings
        let templates = library?.templateHashes ?? [:]
        let fingerprint = BuildFingerprint.combine(settings: settings, content: listing.fingerprint, templates: templates)
        // `--fresh` trusts nothing the last build left, but the manifest still describes the folder that
        // becomes the spare.
        let stored = prepared.manifest
        let previous = options.fresh ? nil : stored
        if let previous, library != nil, options.failAfterWrites == nil, previous.fingerprint == fingerprint,
            previous.output == layout.output.path(percentEncoded: false), previous.outputLooksIntact(layout.output)
        {
            // Nothing the output depends on changed since a build that succeeded, and the output is as it
            // left it: done, without reading a single entry.
            report.diagnostics = Diagnostics(previous.warnings)
            report.entries = previous.entryCount
            report.days = previous.dayCount
            report.tags = previous.tagCount
            report.files = previous.files.count
            report.unchanged = previous.files.count
            report.bytes = previous.files.totalSize
            return report
        }

        let content = await loader.load(listing, loadOptions, cached: prepared.entries)
        // The entry cache is written in the background from here on: every way out waits for it.
        do throws(BuildFailure) {
            report.diagnostics.merge(content.diagnostics)
            report.cachedEntries = content.cachedFiles
            kept.append(content)
            clock.lap(loaded: content, into: &report)

            let (archive, modelDiagnostics) = ArchiveBuilder.build(config: content.config, entries: content.entries)
            report.diagnostics.merge(modelDiagnostics)
            kept.append(archive)
            // Integrity checks flag probable mistakes that still build; `check` reports them, `build` stays quiet.
            if options.checkOnly { report.diagnostics.merge(ArchiveChecks.run(archive)) }
            report.diagnostics.merge(themeDiagnostics)
            clock.lap("model", into: &report)
            try stopIfFailed(report)
            report.entries = archive.entries.count
            report.days = archive.days.count
            report.tags = archive.tags.count
            guard !options.checkOnly, let library else {
                await content.cacheSaved()
                return report
            }

            let renderer = PageRenderer(archive: archive, library: library)
            let assets = AssetPlan(library: library, contentAssets: content.assets, layout: layout)
            let pages = renderer.pages
            kept.append(pages)
            var description = OutputManifest(fingerprint: fingerprint, output: layout.output.path(percentEncoded: false))
            description.settings = settings
            description.templates = templates
            description.names = IncrementalPlan.names(of: archive)
            description.entries = await IncrementalPlan.stamps(
                of: archive, content: content, current: description, previous: previous, jobs: options.jobs)
            description.pages = renderer.pageListHash(pages, assets: assets.files.map(\.0.value))
            description.entryCount = report.entries
            description.dayCount = report.days
            description.tagCount = report.tags
            description.warnings = report.diagnostics.warnings
            let subset = previous.flatMap { previous in
                IncrementalPlan.affectedPages(
                    renderer: renderer, pages: pages, library: library, previous: previous, current: description, layout: layout)
            }
            report.renderedSubset = subset != nil
            kept.append(description)
            let timing = try await SiteWriter.write(
                renderer: renderer, pages: pages, assets: assets, layout: layout, options: options, previous: stored,
                spare: prepared.spare, subset: subset, description: description, into: &report)
            clock.lap(render: timing.render, write: timing.write, into: &report)
            await content.cacheSaved()
            return report
        } catch {
            await content.cacheSaved()
            throw error
        }
    }

    private static func stopIfFailed(_ report: BuildReport) throws(BuildFailure) {
        if report.diagnostics.hasErrors { throw BuildFailure(report.diagnostics) }
    }
}

/// What a build reads besides `Content/`: the theme, the settings' fingerprint, the manifest of the
/// current output and the entry cache.
private struct PreparedBuild: Sendable {
    let theme: (TemplateLibrary?, Diagnostics)
    let settings: UInt64
    let manifest: OutputManifest?
    let spare: OutputManifest?
    let entries: ContentLoader.CachedEntries
}

/// Measures consecutive phases of a build.
struct PhaseClock {
    private var last = ContinuousClock.now

    /// Records the content load as its two phases (front matter, Markdown), summing to its wall time.
    mutating func lap(loaded content: ContentLoader.Result, into report: inout BuildReport) {
        let now = ContinuousClock.now
        let wall = (now - last).seconds
        let markdown = min(content.markdownSeconds, wall)
        report.phases += [("front matter", wall - markdown), ("Markdown", markdown)]
        last = now
    }

    /// Records the render-and-write wall time as its two phases.
    mutating func lap(render: Double, write: Double, into report: inout BuildReport) {
        let now = ContinuousClock.now
        let wall = (now - last).seconds
        let share = render + write > 0 ? render / (render + write) : 0
        report.phases += [("render", wall * share), ("write", wall * (1 - share))]
        last = now
    }

    mutating func lap(_ name: String, into report: inout BuildReport) {
        let now = ContinuousClock.now
        let elapsed = now - last
        report.phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}

/// A fingerprint of everything a build's output depends on: the executable, `site.yml`, the options that
/// shape pages, the output folder, and the files of `Templates/assets/` and `Content/assets/` (path,
/// size, modification time) make up the settings; entry files come in through the content's own
/// fingerprint, and templates through the hashes of their text.
enum BuildFingerprint {
    static func combine(settings: UInt64, content: UInt64, templates: [String: UInt64]) -> UInt64 {
        var hash = ContentHash()
        hash.add(Int(truncatingIfNeeded: settings))
        hash.add(Int(truncatingIfNeeded: content))
        for (name, value) in templates.sorted(by: { $0.key < $1.key }) {
            hash.add(name)
            hash.add(Int(truncatingIfNeeded: value))
        }
        return hash.value
    }

    static func settings(layout: SiteLayout, options: BuildOptions) -> UInt64 {
        var hash = ContentHash()
        hash.add(BuildIdentity.current)
        hash.add((try? [UInt8](Data(contentsOf: layout.content.appending(path: "site.yml")))) ?? [])
        hash.add(options.includeDrafts ? 1 : 0)
        hash.add(options.baseURL.map { "url " + $0 } ?? "no url")
        hash.add(layout.output.path(percentEncoded: false))
        let recent = Int((Date().timeIntervalSince1970 - 2) * 1e9)
        var siteInfo = stat()
        if stat(layout.content.appending(path: "site.yml").path(percentEncoded: false), &siteInfo) == 0,
            Int(siteInfo.st_mtim.tv_sec) >= recent / 1_000_000_000
        {
            hash.add(Int(Date().timeIntervalSince1970 * 1e9))
        }
        // Templates count by their text (`TemplateLibrary.templateHashes`); theme assets by their stamps.
        for folder in [layout.templates.appending(path: "assets"), layout.content.appending(path: "assets")] {
            hash.add(folder.path(percentEncoded: false))
            let walker = FileManager.default.enumerator(atPath: folder.path(percentEncoded: false))
            var names: [String] = []
            while let name = walker?.nextObject() as? String { names.append(name) }
            for name in names.sorted() {
                var info = stat()
                guard stat(folder.path(percentEncoded: false) + "/" + name, &info) == 0 else { continue }
                hash.add(name)
                hash.add(Int(info.st_mode))
                hash.add(Int(info.st_size))
                let modified = info.modifiedNanoseconds
                hash.add(modified)
                // Changed in the last two seconds: it may change again unseen, so this build matches no other.
                if modified >= recent { hash.add(Int(Date().timeIntervalSince1970 * 1e9)) }
            }
        }
        return hash.value
    }
}
