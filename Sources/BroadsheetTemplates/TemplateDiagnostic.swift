/// A diagnostic about a template: file, 1-based line and column, message, optional hint and offending line.
public struct TemplateDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's path as shown to people (e.g. "Templates/entry.mustache").
    public let path: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, in characters.
    public let column: Int
    /// What is wrong.
    public let message: String
    /// A suggestion such as "did you mean 'title'?".
    public let hint: String?
    /// The offending source line, without its line break.
    public let sourceLine: String?

    /// Creates a diagnostic.
    public init(path: String, line: Int, column: Int, message: String, hint: String? = nil, sourceLine: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// `path:line:column: message (hint)`, then the offending line and a caret.
    public var description: String {
        var text = "\(path):\(line):\(column): \(message)"
        if let hint { text += " (\(hint))" }
        if let sourceLine {
            text += "\n    \(sourceLine)\n    " + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
        return text
    }
}

/// Every diagnostic found while compiling a template set.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in template order.
    public let diagnostics: [TemplateDiagnostic]

    /// One diagnostic per paragraph.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A template's bytes plus the line table used to turn offsets into positions.
struct SourceFile: Sendable {
    let name: String
    let path: String
    let bytes: [UInt8]
    let lineStarts: [Int]

    init(_ source: TemplateSource) {
        name = source.name
        path = source.path
        bytes = Array(source.text.utf8)
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// 1-based line and character column of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let prefix = String(decoding: bytes[lineStarts[low]..<min(offset, bytes.count)], as: UTF8.self)
        return (low + 1, prefix.count + 1)
    }

    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > lineStarts[line - 1], bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[lineStarts[line - 1]..<end], as: UTF8.self)
    }

    func diagnostic(at offset: Int, _ message: String, hint: String? = nil) -> TemplateDiagnostic {
        let (line, column) = position(of: offset)
        return diagnostic(line: line, column: column, message, hint: hint)
    }

    func diagnostic(line: Int, column: Int, _ message: String, hint: String? = nil) -> TemplateDiagnostic {
        TemplateDiagnostic(path: path, line: line, column: column, message: message, hint: hint, sourceLine: lineText(line))
    }
}
