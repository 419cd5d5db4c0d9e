import BroadsheetCore
import CCmarkGFM

/// Plain text read out of a cmark-gfm tree.
enum NodeText {
    /// The text of every text and code node under `node`, soft breaks as spaces.
    static func plain(_ node: OpaquePointer) -> String {
        var text = ""
        collect(node, into: &text)
        return text
    }

    /// The first top-level paragraph of a document as plain text, or "" when there is none.
    static func firstParagraph(of document: OpaquePointer) -> String {
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                return plain(node).trimmingSpaces()
            }
            child = cmark_node_next(node)
        }
        return ""
    }

    private static func collect(_ node: OpaquePointer, into text: inout String) {
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if type != CMARK_NODE_FOOTNOTE_REFERENCE {
                collect(current, into: &text)
            }
            child = cmark_node_next(current)
        }
    }
}
