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
        if text.utf8.first != UInt8(ascii: "-"), text.allSatisfy(\.isWhitespace) {
            return .failure(
                .error(
                    "the file is empty", at: start,
                    hint: "an entry starts with front matter: ---, then title: and date:, then ---"))
        }
        // Byte offsets of the lines, found on the UTF-8 bytes: the fences are ASCII, so no Character work is needed.
        var copy = text
        return copy.withUTF8 { bytes -> Result<Parts, Diagnostic> in
            let count = bytes.count
            func lineEnd(from start: Int) -> Int {
                var index = start
                while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                return index
            }
            func isFence(_ start: Int, _ end: Int, dashes: Bool) -> Bool {
                let marker = dashes ? UInt8(ascii: "-") : UInt8(ascii: ".")
                guard end - start >= 3, bytes[start] == marker, bytes[start + 1] == marker, bytes[start + 2] == marker
                else { return false }
                var index = start + 3
                while index < end {
                    guard bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") else { return false }
                    index += 1
                }
                return true
            }
            func string(_ start: Int, _ end: Int) -> String {
                start >= end ? "" : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            let firstEnd = lineEnd(from: 0)
            guard isFence(0, firstEnd, dashes: true) else {
                return .failure(
                    .error(
                        "missing front matter", at: start,
                        hint: "start the file with a line ---, then title: and date:, then a closing ---"))
            }
            guard firstEnd < count else {
                return .failure(
                    .error(
                        "the front matter is not closed", at: start,
                        hint: "add a line --- after the last front matter key"))
            }
            let yamlStart = firstEnd + 1
            var lineStart = yamlStart
            var lineNumber = 2
            while true {
                let end = lineEnd(from: lineStart)
                if isFence(lineStart, end, dashes: true) || isFence(lineStart, end, dashes: false) {
                    // The YAML is every line between the fences, joined by newlines (no newline after the last).
                    let yaml = string(yamlStart, max(yamlStart, lineStart - 1))
                    let body = end < count ? string(end + 1, count) : ""
                    return .success(Parts(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
                }
                guard end < count else { break }
                lineStart = end + 1
                lineNumber += 1
            }
            return .failure(
                .error(
                    "the front matter is not closed", at: start,
                    hint: "add a line --- after the last front matter key"))
        }
    }
}
