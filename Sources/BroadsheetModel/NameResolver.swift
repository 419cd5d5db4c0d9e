import BroadsheetContent
import BroadsheetCore

/// Resolves the names entries use (tags or outlets) into one identity each, with their slugs.
///
/// Names that differ only in letter case are one name, shown in its most used spelling (a warning lists
/// the spellings). Different names that would share a slug are an error naming both, never a silent merge.
struct NameResolver {
    /// What is being resolved, for messages: "tag" or "source".
    let kind: String

    /// A resolved name and the entries (by position) that use it.
    struct Resolved {
        let name: String
        let slug: Slug
        var entries: [Int]
    }

    /// Resolves `uses` (each entry's names, by entry position) and returns the names sorted, plus each
    /// entry's name indexes in written order.
    func resolve(_ uses: [[Located<String>]], into diagnostics: inout Diagnostics) -> ([Resolved], [[Int]]) {
        var groups: [String: [Located<String>]] = [:]
        var order: [String] = []
        for names in uses {
            for name in names {
                let key = name.value.lowercased()
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(name)
            }
        }
        var canonical: [String: String] = [:]
        for key in order {
            let spellings = groups[key] ?? []
            let counts = Dictionary(grouping: spellings, by: \.value).mapValues(\.count)
            let chosen = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }[0].key
            canonical[key] = chosen
            if counts.count > 1, let odd = spellings.first(where: { $0.value != chosen }) {
                let listed = counts.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.warning(
                    "\(kind) spelled \(counts.count) ways: \(listed); using '\(chosen)'", at: odd.location,
                    hint: "spell the \(kind) the same way everywhere")
            }
        }
        // Slug collisions between different names.
        var bySlug: [Slug: String] = [:]
        var rejected = Set<String>()
        for key in order {
            guard let name = canonical[key], let slug = Slug(from: name) else { continue }
            if let other = bySlug[slug] {
                let first = groups[other]?.first
                let second = groups[key]?.first
                let where1 = first.map { " (used in \($0.location.file):\($0.location.line))" } ?? ""
                let where2 = second.map { " (used in \($0.location.file):\($0.location.line))" } ?? ""
                diagnostics.error(
                    "\(kind)s '\(canonical[other] ?? other)'\(where1) and '\(name)'\(where2) would share the URL /\(kind)s/\(slug.value)/",
                    at: second?.location ?? SourceLocation(file: "Content", line: 0, column: 0),
                    hint: "use one spelling for both, or rename one of them")
                rejected.insert(key)
            } else {
                bySlug[slug] = key
            }
        }
        let keys = order.filter { !rejected.contains($0) && canonical[$0].flatMap { Slug(from: $0) } != nil }
        let sortedKeys = keys.sorted { (canonical[$0] ?? $0).lowercased() < (canonical[$1] ?? $1).lowercased() }
        var indexOfKey: [String: Int] = [:]
        var resolved: [Resolved] = []
        for key in sortedKeys {
            guard let name = canonical[key], let slug = Slug(from: name) else { continue }
            indexOfKey[key] = resolved.count
            resolved.append(Resolved(name: name, slug: slug, entries: []))
        }
        var perEntry: [[Int]] = []
        for (position, names) in uses.enumerated() {
            var indexes: [Int] = []
            for name in names {
                guard let index = indexOfKey[name.value.lowercased()], !indexes.contains(index) else { continue }
                indexes.append(index)
                resolved[index].entries.append(position)
            }
            perEntry.append(indexes)
        }
        return (resolved, perEntry)
    }
}
