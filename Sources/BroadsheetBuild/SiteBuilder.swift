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
        let layout = SiteLayout(root: options.site, output: options.output)
        if !options.checkOnly { report.diagnostics.merge(OutputGuard.check(layout)) }
        try stopIfFailed(report)

        let content = await ContentLoader(layout: layout).load(
            .init(includeDrafts: options.includeDrafts, baseURLOverride: options.baseURL, jobs: options.jobs))
        report.diagnostics.merge(content.diagnostics)
        clock.lap("load content", into: &report)

        let (archive, modelDiagnostics) = ArchiveBuilder.build(config: content.config, entries: content.entries)
        report.diagnostics.merge(modelDiagnostics)
        // Integrity checks flag probable mistakes that still build; `check` reports them, `build` stays quiet.
        if options.checkOnly { report.diagnostics.merge(ArchiveChecks.run(archive)) }
        clock.lap("model", into: &report)

        let (library, themeDiagnostics) = TemplateLibrary.load(layout)
        report.diagnostics.merge(themeDiagnostics)
        clock.lap("load theme", into: &report)
        try stopIfFailed(report)
        report.entries = archive.entries.count
        report.days = archive.days.count
        report.tags = archive.tags.count
        guard !options.checkOnly, let library else { return report }

        let renderer = PageRenderer(archive: archive, library: library)
        let assets = AssetPlan(library: library, contentAssets: content.assets, layout: layout)
        try await SiteWriter.write(renderer: renderer, assets: assets, layout: layout, options: options, into: &report)
        clock.lap("render and write", into: &report)
        return report
    }

    private static func stopIfFailed(_ report: BuildReport) throws(BuildFailure) {
        if report.diagnostics.hasErrors { throw BuildFailure(report.diagnostics) }
    }
}

/// Measures consecutive phases of a build.
struct PhaseClock {
    private var last = ContinuousClock.now

    mutating func lap(_ name: String, into report: inout BuildReport) {
        let now = ContinuousClock.now
        let elapsed = now - last
        report.phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}
