import BroadsheetContent
import BroadsheetCore
import BroadsheetOutput
import BroadsheetRender
import Foundation
import Synchronization

/// Renders every page and writes it to the staging folder in bounded parallel batches, then swaps the
/// staging folder in; on any failure the staging folder is removed and the output stays as it was.
enum SiteWriter {
    /// Wall time of the render and write phase, split in proportion to the time the threads spent on each.
    struct Timing {
        var render = 0.0
        var write = 0.0
    }

    /// Writes the site. `previous` describes the current output; with `subset`, only those pages are
    /// rendered and every other file is kept from the previous output (rendered after all when it has no
    /// such file). `description` is the new manifest's fingerprint and model stamps, saved after the swap.
    static func write(
        renderer: PageRenderer, pages allPages: [PageKind], assets: AssetPlan, layout: SiteLayout, options: BuildOptions,
        previous: OutputManifest?, spare: OutputManifest?, subset: Set<PageKind>?, description: OutputManifest,
        into report: inout BuildReport
    ) async throws(BuildFailure) -> Timing {
        let start = ContinuousClock.now
        let at = SourceLocation(file: layout.relativePath(layout.output), line: 0, column: 0)
        let writer: OutputWriter
        do {
            writer = try OutputWriter(
                output: layout.output, keepUnchanged: !options.fresh, previous: previous,
                cacheFolder: CacheFolder.url(for: layout), spareManifest: spare, failAfterWrites: options.failAfterWrites)
        } catch {
            throw BuildFailure(Diagnostics([.error(error.message, at: at)]))
        }
        var messages: [String] = []
        var pages = allPages
        // The same page list as the previous build: same files at the same paths, so every file not rendered
        // is the previous output's, kept without looking at each page.
        let keepsPageList = subset != nil && previous.map { $0.pages == description.pages && !$0.files.isEmpty } == true
        if let subset, keepsPageList {
            pages = allPages.filter { subset.contains($0) }
            do { try writer.carryAll(except: Set(pages.map { renderer.pathText(of: $0) })) } catch { messages.append(error.message) }
        } else if let subset {
            pages = []
            for page in allPages {
                if subset.contains(page) {
                    pages.append(page)
                    continue
                }
                do {
                    guard try writer.carry(renderer.pathText(of: page)) else {
                        pages.append(page)
                        continue
                    }
                } catch {
                    messages.append(error.message)
                    break
                }
            }
        }
        let prepared = await renderer.preparing(pageCount: pages.count, jobs: options.jobs)
        let progress = PageProgress(total: pages.count, report: options.progress)
        let threadTime = ThreadTime()
        let failures = await ParallelMap.map(pages, jobs: options.jobs) { page -> String? in
            defer { progress?.pageFinished() }
            do {
                let renderStart = ContinuousClock.now
                let file = try prepared.render(page)
                guard prepared.path(of: page) == file.path else {
                    return "\(page) was written to \(file.path), not \(prepared.path(of: page).map(\.value) ?? "nowhere")"
                }
                let written = ContinuousClock.now
                try writer.write(file)
                threadTime.add(render: written - renderStart, write: ContinuousClock.now - written)
                return nil
            } catch let failure as OutputWriter.Failure {
                return failure.message
            } catch let failure as RenderFailure {
                return failure.message
            } catch {
                return "\(error)"
            }
        }
        messages += failures.compactMap { $0 }
        for (path, source) in assets.files where !keepsPageList {
            do {
                if subset != nil, try writer.carry(path.value) { continue }
                switch source {
                case .embedded(let bytes): try writer.write(RenderedFile(path: path, bytes: bytes))
                case .file(let url): try writer.copy(url, to: path)
                }
            } catch {
                messages.append(error.message)
            }
        }
        let cacheFolder = CacheFolder.url(for: layout)
        if messages.isEmpty {
            // The manifest goes first: whatever happens from here on, no stale manifest describes the output.
            // (It describes the spare once the swap has put the current output there.)
            writer.setAsideManifest()
            do { try writer.commit() } catch { messages.append(error.message) }
            if messages.isEmpty {
                var manifest = description
                let written = writer.manifest(fingerprint: description.fingerprint)
                manifest.takeFiles(of: written)
                manifest.recordFolders(of: layout.output, known: keepsPageList ? previous.map { Array($0.folders.keys) } : nil)
                if writer.lacksSpare {
                    // The first build of a site makes the spare tree now: the second one, which is usually an
                    // edit, then updates it instead of creating a tree of 25,000 links for 10,000 entries.
                    do {
                        try await writer.makeSpare(of: manifest.files.paths, jobs: options.jobs)
                        // Every file of the output is now also the spare's: none is newer than the spare.
                        manifest.generation += 1
                        var spare = manifest
                        spare.recordFolders(of: writer.spare)
                        spare.save(to: cacheFolder, name: OutputManifest.spareFileName, memory: options.memory)
                    } catch {
                        // Only an optimisation: the next build fills a new staging folder instead.
                    }
                }
                manifest.save(to: cacheFolder, memory: options.memory)
            }
        }
        // The replaced spare tree, deleted while pages rendered, must be gone before the build returns.
        await writer.trashRemoved()
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
        report.files = allPages.count + assets.files.count
        report.rendered = pages.count
        report.usedSpare = writer.usesSpare
        report.written = stats.written
        report.unchanged = stats.unchanged
        report.bytes = stats.bytes
        return threadTime.split((ContinuousClock.now - start).seconds)
    }
}

/// Render and write time summed over the writing threads.
final class ThreadTime: Sendable {
    private let render = Atomic<Int>(0)
    private let write = Atomic<Int>(0)

    func add(render renderTime: Duration, write writeTime: Duration) {
        render.add(renderTime.nanoseconds, ordering: .relaxed)
        write.add(writeTime.nanoseconds, ordering: .relaxed)
    }

    func split(_ wall: Double) -> SiteWriter.Timing {
        let total = render.load(ordering: .relaxed) + write.load(ordering: .relaxed)
        guard total > 0 else { return SiteWriter.Timing(render: 0, write: wall) }
        let share = Double(render.load(ordering: .relaxed)) / Double(total)
        return SiteWriter.Timing(render: wall * share, write: wall * (1 - share))
    }
}
