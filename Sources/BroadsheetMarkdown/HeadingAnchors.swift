import BroadsheetCore
import CCmarkGFM

/// Gives `h2`–`h4` headings ids that are unique on any page.
///
/// cmark-gfm's HTML renderer writes no heading ids, so each heading is swapped for a custom block whose
/// opening tag carries the id; its inline children move across unchanged, so rendering stays cmark's own.
enum HeadingAnchors {
    static func attach(to document: OpaquePointer, idPrefix: String) -> [MarkdownDocument.Heading] {
        var headings: [OpaquePointer] = []
        collectHeadings(document, into: &headings)
        var used = Set<String>()
        var result: [MarkdownDocument.Heading] = []
        for heading in headings {
            let level = Int(cmark_node_get_heading_level(heading))
            let text = NodeText.plain(heading).trimmingSpaces()
            let base = "\(idPrefix)-\(Slug(from: text)?.value ?? "section")"
            var id = base
            var counter = 2
            while !used.insert(id).inserted {
                id = "\(base)-\(counter)"
                counter += 1
            }
            if replace(heading, level: level, id: id) {
                result.append(MarkdownDocument.Heading(level: level, text: text, id: id))
            }
        }
        return result
    }

    private static func collectHeadings(_ node: OpaquePointer, into headings: inout [OpaquePointer]) {
        var child = cmark_node_first_child(node)
        while let current = child {
            if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                if (2...4).contains(cmark_node_get_heading_level(current)) { headings.append(current) }
            } else {
                collectHeadings(current, into: &headings)
            }
            child = cmark_node_next(current)
        }
    }

    private static func replace(_ heading: OpaquePointer, level: Int, id: String) -> Bool {
        // The block itself writes nothing; the inline inside it carries the tags, so no newlines are added
        // between the tags and the heading text. The id is a slug, so it needs no attribute escaping.
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK), let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        else { return false }
        cmark_node_set_on_enter(inline, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(inline, "</h\(level)>")
        cmark_node_append_child(block, inline)
        while let child = cmark_node_first_child(heading) {
            cmark_node_unlink(child)
            guard cmark_node_append_child(inline, child) == 1 else {
                cmark_node_free(block)
                return false
            }
        }
        cmark_node_insert_before(heading, block)
        cmark_node_unlink(heading)
        cmark_node_free(heading)
        return true
    }
}
