public import BroadsheetCore
import BroadsheetMarkdown

/// Turns one entry file's text into an `EntrySource`, collecting every problem it has.
struct EntryParser: Sendable {
    static let keys = ["title", "date", "tags", "sources", "summary", "slug", "draft"]

    let markdown: MarkdownRenderer

    func parse(_ file: SourceFile, fileName: String, timing: ParseTiming? = nil) -> (EntrySource?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let parts: FrontMatterSplitter.Parts
        switch FrontMatterSplitter.split(file.text, path: file.path) {
        case .success(let value): parts = value
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        guard let fields = YAMLFields.parse(parts.yaml, path: file.path, firstLine: parts.yamlFirstLine, into: &diagnostics)
        else { return (nil, diagnostics.all) }
        fields.warnUnknownKeys(known: Self.keys, into: &diagnostics)
        let frontMatterEnd = SourceLocation(file: file.path, line: max(1, parts.bodyFirstLine - 1), column: 1)

        let title = fields["title"].flatMap { fields.text($0, into: &diagnostics) }?.trimmingSpaces()
        if fields["title"] == nil {
            diagnostics.error("missing title", at: frontMatterEnd, hint: "add a line title: … to the front matter")
        } else if title?.isEmpty == true, let field = fields["title"] {
            diagnostics.error("the title is empty", at: field.location, hint: "write the headline after title:")
        }

        let date = parseDate(fields, fallback: frontMatterEnd, into: &diagnostics)
        let tags = fields["tags"].flatMap { fields.textList($0, into: &diagnostics) } ?? []
        let sources = fields["sources"].flatMap { fields.textList($0, into: &diagnostics) } ?? []
        let summary = fields["summary"].flatMap { fields.text($0, into: &diagnostics) }?.trimmingSpaces()
        let draft = fields["draft"].flatMap { fields.bool($0, into: &diagnostics) } ?? false
        let slug = parseSlug(fields, fileName: fileName, path: file.path, into: &diagnostics)
        checkNames(tags, kind: "tag", into: &diagnostics)
        checkNames(sources, kind: "source", into: &diagnostics)

        guard !diagnostics.hasErrors, let title, !title.isEmpty, let date, let slug else {
            return (nil, diagnostics.all)
        }
        let markdownStart = ContinuousClock.now
        defer { timing?.add(markdown: ContinuousClock.now - markdownStart) }
        let body = markdown.render(parts.body, idPrefix: "e\(date.value.day < 10 ? "0" : "")\(date.value.day)-\(slug.value)")
        let entry = EntrySource(
            file: file.path, title: title, date: date.value, dateLocation: date.location,
            tags: tags.map { Located($0.0.trimmingSpaces(), at: $0.1) },
            sources: sources.map { Located($0.0.trimmingSpaces(), at: $0.1) },
            summary: summary?.isEmpty == false ? summary : nil, slug: slug, draft: draft, body: body,
            folderDate: FolderDate.parse(file.path))
        return (entry, diagnostics.all)
    }

    private func parseDate(
        _ fields: YAMLFields, fallback: SourceLocation, into diagnostics: inout Diagnostics
    ) -> Located<CalendarDate>? {
        guard let field = fields["date"] else {
            diagnostics.error("missing date", at: fallback, hint: "add a line date: YYYY-MM-DD to the front matter")
            return nil
        }
        guard let text = fields.text(field, into: &diagnostics) else { return nil }
        let at = fields.location(of: field.value, fallback: field.location)
        switch CalendarDate.parse(text.trimmingSpaces()) {
        case .success(let date):
            return Located(date, at: at)
        case .failure(.impossible(let reason)):
            diagnostics.error("impossible date '\(text)': \(reason)", at: at, hint: "check the day and month")
        case .failure(.unknownFormat):
            diagnostics.error(
                "unknown date format '\(text)'", at: at,
                hint: "write YYYY-MM-DD, or a date-time with its offset such as 2024-03-05T07:30:00+09:00")
        }
        return nil
    }

    private func parseSlug(
        _ fields: YAMLFields, fileName: String, path: String, into diagnostics: inout Diagnostics
    ) -> Slug? {
        if let field = fields["slug"] {
            guard let text = fields.text(field, into: &diagnostics) else { return nil }
            if let slug = Slug(validating: text) { return slug }
            let at = fields.location(of: field.value, fallback: field.location)
            let suggestion = Slug(from: text).map { " such as '\($0.value)'" } ?? ""
            diagnostics.error(
                "slug '\(Printable.escape(text))' is not a safe URL segment", at: at,
                hint: "use lower-case letters, digits and hyphens\(suggestion)")
            return nil
        }
        let stem = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        if let slug = Slug(from: stem) { return slug }
        diagnostics.error(
            "the file name '\(Printable.escape(stem))' has no letters or digits to make a URL from",
            at: SourceLocation(file: path, line: 1, column: 1), hint: "rename the file or add slug: to the front matter")
        return nil
    }

    private func checkNames(_ names: [(String, SourceLocation)], kind: String, into diagnostics: inout Diagnostics) {
        for (name, location) in names {
            if name.trimmingSpaces().isEmpty {
                diagnostics.error("a \(kind) is empty", at: location, hint: "remove it or write its name")
            } else if Slug(from: name) == nil {
                diagnostics.error(
                    "\(kind) '\(Printable.escape(name))' has no letters or digits to make a URL from", at: location,
                    hint: "name the \(kind) with words")
            }
        }
    }
}

/// Shows control characters in user text as escapes, so messages stay on one line and terminals stay sane.
enum Printable {
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Reads `YYYY/MM/DD` from a content path, for the folder-date check.
public enum FolderDate {
    /// The date a path's last three folders name, if they name one.
    public static func parse(_ path: String) -> CalendarDate? {
        let parts = path.utf8.split(separator: UInt8(ascii: "/")).dropLast()
        guard parts.count >= 3 else { return nil }
        let last = parts.suffix(3).map { String(Substring($0)) }
        guard last[0].count == 4, last[1].count == 2, last[2].count == 2,
            let year = Int(last[0]), let month = Int(last[1]), let day = Int(last[2])
        else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
