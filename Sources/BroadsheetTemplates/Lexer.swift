/// The kinds of Mustache tag.
enum TagKind: Equatable {
    case variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters

    /// Tags that may stand alone on a line, which then disappears from the output.
    var canStandAlone: Bool {
        switch self {
        case .variable, .unescaped: false
        default: true
        }
    }
}

/// One tag as written, with its byte range and, once lines are analysed, its standalone facts.
struct Tag {
    var kind: TagKind
    var content: String
    var start: Int
    var end: Int
    var standalone = false
    /// Whitespace before the first tag of a standalone line.
    var indent: [UInt8] = []
    /// Offsets of the start of a standalone tag's line and of the line after it.
    var lineStart = 0
    var lineEnd = 0
}

enum Token {
    /// Text holding at most one line break, always at its end.
    case text(Range<Int>)
    case tag(Tag)
}

/// Splits a template into text and tags, following set-delimiter tags as it goes.
struct Lexer {
    let file: SourceFile

    func tokenize() throws(TemplateDiagnostic) -> [Token] {
        let bytes = file.bytes
        var open: [UInt8] = [0x7B, 0x7B]
        var close: [UInt8] = [0x7D, 0x7D]
        var tokens: [Token] = []
        var i = 0, textStart = 0
        while i < bytes.count {
            if matches(open, at: i) {
                if textStart < i { tokens.append(.text(textStart..<i)) }
                let tag = try readTag(at: i, open: open, close: close)
                if tag.kind == .delimiters { (open, close) = try delimiters(of: tag) }
                tokens.append(.tag(tag))
                i = tag.end
                textStart = i
            } else if bytes[i] == 0x0A {
                tokens.append(.text(textStart..<(i + 1)))
                i += 1
                textStart = i
            } else {
                i += 1
            }
        }
        if textStart < bytes.count { tokens.append(.text(textStart..<bytes.count)) }
        return tokens
    }

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= file.bytes.count else { return false }
        for k in 0..<pattern.count where file.bytes[offset + k] != pattern[k] { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from offset: Int) -> Int? {
        var i = offset
        while i + pattern.count <= file.bytes.count {
            if matches(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    private func readTag(at start: Int, open: [UInt8], close: [UInt8]) throws(TemplateDiagnostic) -> Tag {
        var p = start + open.count
        let sigil: UInt8? = p < file.bytes.count ? file.bytes[p] : nil
        var kind = TagKind.variable
        var terminator = close
        switch sigil {
        case 0x7B: kind = .unescaped; terminator = [0x7D] + close
        case 0x26: kind = .unescaped
        case 0x23: kind = .section
        case 0x5E: kind = .inverted
        case 0x2F: kind = .close
        case 0x21: kind = .comment
        case 0x3E: kind = .partial
        case 0x3C: kind = .parent
        case 0x24: kind = .block
        case 0x3D: kind = .delimiters; terminator = [0x3D] + close
        default: break
        }
        if kind != .variable { p += 1 }
        guard let contentEnd = find(terminator, from: p) else {
            let expected = String(decoding: terminator, as: UTF8.self)
            throw file.diagnostic(at: start, "unterminated tag: expected '\(expected)'")
        }
        let content = Self.trimmed(file.bytes[p..<contentEnd])
        let tag = Tag(kind: kind, content: content, start: start, end: contentEnd + terminator.count)
        if kind != .comment && kind != .delimiters {
            if content.isEmpty { throw file.diagnostic(at: start, "empty tag: a name is required") }
            if content.contains(where: \.isWhitespace) {
                throw file.diagnostic(at: start, "invalid name '\(content)': names cannot contain spaces")
            }
        }
        return tag
    }

    private func delimiters(of tag: Tag) throws(TemplateDiagnostic) -> ([UInt8], [UInt8]) {
        let parts = tag.content.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw file.diagnostic(
                at: tag.start, "invalid set-delimiters tag '\(tag.content)'",
                hint: "write two delimiters separated by a space, e.g. {{=<% %>=}}")
        }
        return (Array(parts[0].utf8), Array(parts[1].utf8))
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var low = bytes.startIndex, high = bytes.endIndex
        while low < high, isSpace(bytes[low]) { low += 1 }
        while high > low, isSpace(bytes[high - 1]) { high -= 1 }
        return String(decoding: bytes[low..<high], as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
