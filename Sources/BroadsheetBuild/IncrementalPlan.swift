import BroadsheetContent
import BroadsheetCore
import BroadsheetModel
import BroadsheetOutput
import BroadsheetRender
import Foundation

/// Decides when a build may render only the pages an entry edit affects, and which.
///
/// Only when the last build's output is intact and was built from the same settings (executable,
/// `site.yml`, options, templates, assets), the same entry files with the same dates and slugs in the
/// same order, and the same tag and outlet lists. Any other change renders every page (pages whose bytes
/// did not change are still not rewritten).
enum IncrementalPlan {
    /// A hash of the tag and outlet names and slugs, in order.
    static func names(of archive: Archive) -> UInt64 {
        var hash = ContentHash()
        for list in [archive.tags, archive.outlets] {
            hash.add(list.count)
            for tag in list {
                hash.add(tag.name)
                hash.add(tag.slug.value)
            }
        }
        return hash.value
    }

    /// Each entry's source file stamp, place and tags, in archive order. `current` holds this build's
    /// settings and names; `previous` is the manifest of the build before, whose stamps are reused for the
    /// entries it shows unchanged.
    static func stamps(
        of archive: Archive, content: ContentLoader.Result, current: OutputManifest, previous: OutputManifest?, jobs: Int
    ) async -> [OutputManifest.EntryStamp] {
        // An entry whose file has the same stamp, at the same position of an archive with the same settings and
        // names, parsed to the same entry with the same tag indexes: its stamp is the one stored. Hashing the
        // title and summary of every entry anew was a tenth of a one-entry rebuild.
        let reusable = previous.flatMap { previous in
            previous.settings == current.settings && previous.names == current.names
                && previous.entries.count == archive.entries.count ? previous.entries : nil
        }
        let stamps = content.stamps
        return await ParallelMap.map(archive.entries, jobs: jobs) { entry in
            let stamp = stamps.indices.contains(entry.sourceIndex) ? stamps[entry.sourceIndex] : nil
            let file = ContentHash.of(entry.file)
            if let reusable, let stamp, stamp.modified >= 0 {
                let old = reusable[entry.index]
                if old.file == file, old.size == stamp.size, old.modified == stamp.modified { return old }
            }
            return OutputManifest.EntryStamp(
                file: file, size: stamp?.size ?? -1, modified: stamp?.modified ?? -1, place: place(of: entry),
                tags: entry.tags, outlets: entry.outlets, listing: listing(of: entry))
        }
    }

    private static func listing(of entry: Entry) -> UInt64 {
        var hash = ContentHash()
        hash.add(entry.title)
        hash.add(entry.summary)
        return hash.value
    }

    private static func place(of entry: Entry) -> UInt64 {
        var hash = ContentHash()
        let date = entry.date
        hash.add(date.year)
        hash.add(date.month)
        hash.add(date.day)
        if let time = date.time {
            hash.add(time.hour)
            hash.add(time.minute)
            hash.add(time.second)
            hash.add(time.offsetMinutes)
        }
        // How many fields went in, so that no date without a time hashes like one with.
        hash.add(date.time == nil ? 3 : 7)
        hash.add(entry.slug.value)
        return hash.value
    }

    /// The pages to render when only some entries or templates changed since `previous` was built, or nil
    /// to render all: the pages those entries affect, and every page whose template uses a changed one.
    static func affectedPages(
        renderer: PageRenderer, pages allPages: [PageKind], library: TemplateLibrary, previous: OutputManifest,
        current: OutputManifest, layout: SiteLayout
    ) -> Set<PageKind>? {
        guard previous.output == current.output, previous.settings == current.settings, previous.names == current.names,
            previous.entries.count == current.entries.count, !previous.files.isEmpty,
            Set(previous.templates.keys) == Set(current.templates.keys)
        else { return nil }
        var changed: [Int] = []
        var bodiesChanged: [Int] = []
        for (index, (old, new)) in zip(previous.entries, current.entries).enumerated() {
            guard old.file == new.file, old.place == new.place else { return nil }
            if old.tags != new.tags || old.outlets != new.outlets || old.listing != new.listing {
                changed.append(index)
            } else if old.size != new.size || old.modified != new.modified || new.modified < 0 {
                // Title, summary, tags and sources as they were: only pages showing the body change.
                bodiesChanged.append(index)
            }
        }
        // Pages not rendered are kept from the output as the manifest describes it: it must still be so.
        guard previous.outputLooksIntact(layout.output) else { return nil }
        var pages = renderer.pages(
            affectedBy: changed, oldTags: previous.entries.map(\.tags), oldOutlets: previous.entries.map(\.outlets))
        pages.formUnion(renderer.pages(showingBodiesOf: bodiesChanged))
        let changedTemplates = Set(current.templates.keys.filter { previous.templates[$0] != current.templates[$0] })
        if !changedTemplates.isEmpty {
            var uses: [String: Bool] = [:]
            for page in allPages {
                guard let template = PageRenderer.template(of: page) else { continue }
                if uses[template] == nil { uses[template] = !library.closure(of: template).isDisjoint(with: changedTemplates) }
                if uses[template] == true { pages.insert(page) }
            }
        }
        return pages
    }
}
