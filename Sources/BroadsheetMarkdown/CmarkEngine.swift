import CCmarkGFM
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide cmark-gfm state: registered extensions and the lock that serialises the inline pass.
///
/// Parsing a document's inlines (in `cmark_parser_finish`) adds its extensions' trigger characters to a
/// process-wide table and clears them when done, so two documents finishing on different threads corrupt
/// each other (measured: autolinks silently dropped in 148 of 2,000 documents parsed concurrently).
/// Finishing therefore holds a lock; feeding the text (block structure) and rendering the finished tree
/// to HTML do not touch that table and run in parallel.
final class CmarkEngine: Sendable {
    static let shared = CmarkEngine()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    private let parseLock = Mutex(())
    // The registered extensions, attached to every parser, and the same as the list handed to the HTML
    // renderer; found once, never mutated, so shared reads are safe.
    private nonisolated(unsafe) let extensions: [OpaquePointer]
    private nonisolated(unsafe) let renderExtensions: UnsafeMutablePointer<cmark_llist>?

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        extensions = Self.extensionNames.compactMap { cmark_find_syntax_extension($0) }
        var list: UnsafeMutablePointer<cmark_llist>?
        for found in extensions {
            list = cmark_llist_append(cmark_get_default_mem_allocator(), list, UnsafeMutableRawPointer(found))
        }
        renderExtensions = list
    }

    /// Parses a whole document; the caller frees the returned tree.
    func parse(_ markdown: String, options: Int32) -> OpaquePointer {
        let parser = cmark_parser_new(options)
        defer { cmark_parser_free(parser) }
        for found in extensions { cmark_parser_attach_syntax_extension(parser, found) }
        // Reading the blocks touches nothing shared: documents are split into blocks in parallel.
        var copy = markdown
        copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // Finishing parses the inlines, with the extensions' characters in the shared table.
        // cmark_parser_finish only returns nil on allocation failure, which aborts inside cmark anyway.
        nonisolated(unsafe) var document: OpaquePointer?
        parseLock.withLock { _ in document = cmark_parser_finish(parser) }
        return document!
    }

    /// Renders a parsed tree to HTML.
    func renderHTML(_ document: OpaquePointer, options: Int32) -> String {
        guard let html = cmark_render_html(document, options, renderExtensions) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
