import BroadsheetContent
import BroadsheetCore

/// Resolves the names entries use (tags or outlets) into one identity each, with their slugs.
///
/// Names that differ only in letter case are one name, shown in its most used spelling (a warning lists
/// the spellings). Different names that would share a slug are an error naming both, never a silent merge.
struct NameResolver: Sendable {
    /// What is being resolved, for messages: "tag" or "source".
    let kind: String

    /// A resolved name and the entries (by position) that use it.
    struct Resolved: Sendable {
        let name: String
        let slug: Slug
        var entries: [Int]
    }

    /// The spellings of one name (its lower-cased form), in the order first used.
    private struct Group {
        let key: String
        var spellings: [Spelling] = []
        var first: SourceLocation { spellings[0].first }
    }

    private struct Spelling {
        let text: String
        var count: Int
        let first: SourceLocation
        let firstUse: Int
    }

    /// Resolves the names each entry uses and returns them sorted, plus each entry's name indexes in
    /// written order.
    func resolve(
        _ entries: [EntrySource], names namesOf: (EntrySource) -> [Located<String>], into diagnostics: inout Diagnostics
    ) -> ([Resolved], [[Int]]) {
        // Archives use a few dozen names tens of thousands of times: each spelling is lower-cased once.
        // Names are read by index, not copied out with their locations: the entries and the locations'
        // file names are shared with the other resolver's thread, and counting references to them from
        // both threads was most of the time this took.
        var groups: [Group] = []
        var groupOfKey: [String: Int] = [:]
        var place: [String: (group: Int, spelling: Int)] = [:]
        // Each use's group, all entries one after another; entry `i`'s uses start at `entryStart[i]`.
        var groupOfUse: [Int] = []
        var entryStart: [Int] = []
        entryStart.reserveCapacity(entries.count + 1)
        for entry in entries.indices {
            entryStart.append(groupOfUse.count)
            let names = namesOf(entries[entry])
            for index in names.indices {
                let text = names[index].value
                if let (group, spelling) = place[text] {
                    groups[group].spellings[spelling].count += 1
                    groupOfUse.append(group)
                    continue
                }
                let key = text.lowercased()
                let group = groupOfKey[key] ?? {
                    groups.append(Group(key: key))
                    groupOfKey[key] = groups.count - 1
                    return groups.count - 1
                }()
                groups[group].spellings.append(
                    Spelling(text: text, count: 1, first: names[index].location, firstUse: groupOfUse.count + 1))
                place[text] = (group, groups[group].spellings.count - 1)
                groupOfUse.append(group)
            }
        }
        entryStart.append(groupOfUse.count)
        var canonical: [String] = []
        canonical.reserveCapacity(groups.count)
        for group in groups {
            let chosen = group.spellings.min { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }!.text
            canonical.append(chosen)
            let others = group.spellings.filter { $0.text != chosen }
            if let odd = others.min(by: { $0.firstUse < $1.firstUse }) {
                let listed = group.spellings.map(\.text).sorted().map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.warning(
                    "\(kind) spelled \(group.spellings.count) ways: \(listed); using '\(chosen)'", at: odd.first,
                    hint: "spell the \(kind) the same way everywhere")
            }
        }
        // Slug collisions between different names.
        var bySlug: [Slug: Int] = [:]
        var slugs: [Slug?] = Array(repeating: nil, count: groups.count)
        for (index, name) in canonical.enumerated() {
            guard let slug = Slug(from: name) else { continue }
            if let other = bySlug[slug] {
                let first = groups[other].first
                let second = groups[index].first
                diagnostics.error(
                    "\(kind)s '\(canonical[other])' (used in \(first.file):\(first.line)) and '\(name)' (used in \(second.file):\(second.line)) would share the URL /\(kind)s/\(slug.value)/",
                    at: second, hint: "use one spelling for both, or rename one of them")
            } else {
                bySlug[slug] = index
                slugs[index] = slug
            }
        }
        let kept = groups.indices.filter { slugs[$0] != nil }
            .map { (index: $0, sortKey: canonical[$0].lowercased()) }
            .sorted { $0.sortKey < $1.sortKey }
        var resolvedIndex = Array(repeating: -1, count: groups.count)
        var resolved: [Resolved] = []
        for (index, _) in kept {
            resolvedIndex[index] = resolved.count
            resolved.append(Resolved(name: canonical[index], slug: slugs[index]!, entries: []))
        }
        var perEntry: [[Int]] = []
        perEntry.reserveCapacity(entries.count)
        for position in entries.indices {
            var indexes: [Int] = []
            for use in entryStart[position]..<entryStart[position + 1] {
                let index = resolvedIndex[groupOfUse[use]]
                guard index >= 0, !indexes.contains(index) else { continue }
                indexes.append(index)
                resolved[index].entries.append(position)
            }
            perEntry.append(indexes)
        }
        return (resolved, perEntry)
    }
}
