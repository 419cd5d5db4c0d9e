import BroadsheetCore

/// Finds the YAML front matter between the `---` fences and where the body starts.
struct FrontMatterSplitter {
    /// The pieces of an entry file.
    struct Parts {
        /// The YAML text between the fences.
        let yaml: String
        /// The file line of the YAML's first line (2 when the file starts with `---`).
        let yamlFirstLine: Int
        /// The Markdown body after the closing fence.
        let body: String
        /// The file line where the body starts.
        let bodyFirstLine: Int
    }

    /// Splits `text`, or explains why it has no usable front matter.
    static func split(_ text: String, path: String) -> Result<Parts, Diagnostic> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if text.allSatisfy(\.isWhitespace) {
            return .failure(
                .error(
                    "the file is empty", at: start,
                    hint: "an entry starts with front matter: ---, then title: and date:, then ---"))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, isFence(first, dashes: true) else {
            return .failure(
                .error(
                    "missing front matter", at: start,
                    hint: "start the file with a line ---, then title: and date:, then a closing ---"))
        }
        lines = lines.dropFirst()
        var lineNumber = 2
        var yamlLines: [Substring] = []
        while let line = lines.first {
            lines = lines.dropFirst()
            if isFence(line, dashes: true) || isFence(line, dashes: false) {
                return .success(
                    Parts(
                        yaml: yamlLines.joined(separator: "\n"),
                        yamlFirstLine: 2,
                        body: lines.joined(separator: "\n"),
                        bodyFirstLine: lineNumber + 1
                    ))
            }
            yamlLines.append(line)
            lineNumber += 1
        }
        return .failure(
            .error(
                "the front matter is not closed", at: start,
                hint: "add a line --- after the last front matter key"))
    }

    /// `---` (or `...` as a closing fence), allowing trailing spaces and tabs that editors leave.
    private static func isFence(_ line: Substring, dashes: Bool) -> Bool {
        let marker = dashes ? "---" : "..."
        guard line.hasPrefix(marker) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
