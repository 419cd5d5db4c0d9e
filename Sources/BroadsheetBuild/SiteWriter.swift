import BroadsheetCore
import BroadsheetOutput
import BroadsheetRender
import Foundation

/// Renders every page and writes it to the staging folder in bounded parallel batches, then swaps the
/// staging folder in; on any failure the staging folder is removed and the output stays as it was.
enum SiteWriter {
    static func write(
        renderer: PageRenderer, assets: AssetPlan, layout: SiteLayout, options: BuildOptions, into report: inout BuildReport
    ) async throws(BuildFailure) {
        let at = SourceLocation(file: layout.relativePath(layout.output), line: 0, column: 0)
        let writer: OutputWriter
        do {
            writer = try OutputWriter(
                output: layout.output, keepUnchanged: !options.fresh, failAfterWrites: options.failAfterWrites)
        } catch {
            throw BuildFailure(Diagnostics([.error(error.message, at: at)]))
        }
        let pages = renderer.pages
        let progress = PageProgress(total: pages.count, report: options.progress)
        let failures = await ParallelMap.map(pages, jobs: options.jobs) { page -> String? in
            defer { progress?.pageFinished() }
            do {
                try writer.write(try renderer.render(page))
                return nil
            } catch let failure as OutputWriter.Failure {
                return failure.message
            } catch let failure as RenderFailure {
                return failure.message
            } catch {
                return "\(error)"
            }
        }
        var messages = failures.compactMap { $0 }
        for (path, source) in assets.files {
            do {
                switch source {
                case .embedded(let bytes): try writer.write(RenderedFile(path: path, bytes: bytes))
                case .file(let url): try writer.copy(url, to: path)
                }
            } catch {
                messages.append(error.message)
            }
        }
        if messages.isEmpty {
            do { try writer.commit() } catch { messages.append(error.message) }
        }
        guard messages.isEmpty else {
            writer.abandon()
            var diagnostics = report.diagnostics
            // One failure usually repeats for every page; the first few say all there is to say.
            for message in messages.prefix(5) {
                diagnostics.error(message, at: at, hint: "the previous output was left as it was")
            }
            throw BuildFailure(diagnostics)
        }
        let stats = writer.statistics
        report.files = pages.count + assets.files.count
        report.written = stats.written
        report.unchanged = stats.unchanged
        report.bytes = stats.bytes
    }
}
