/// A token after line analysis: standalone lines have lost their whitespace and line break.
enum Part {
    case text(Range<Int>)
    /// A template line begins here: where a standalone partial's indentation goes.
    case lineStart
    case tag(Tag)
}

/// Applies the spec's standalone-line rules, line by line.
struct Lines {
    let bytes: [UInt8]

    func parts(from tokens: [Token]) -> [Part] {
        var parts: [Part] = []
        var line: [Token] = []
        for token in tokens {
            line.append(token)
            if case .text(let range) = token, bytes[range.upperBound - 1] == 0x0A {
                process(line, into: &parts)
                line.removeAll(keepingCapacity: true)
            }
        }
        if !line.isEmpty { process(line, into: &parts) }
        return parts
    }

    private func process(_ line: [Token], into parts: inout [Part]) {
        guard isStandalone(line) else {
            parts.append(.lineStart)
            for token in line {
                switch token {
                case .text(let range): parts.append(.text(range))
                case .tag(let tag): parts.append(.tag(tag))
                }
            }
            return
        }
        var indent: [UInt8] = []
        var lineStart = 0, lineEnd = 0
        switch line.first! {
        case .text(let range): lineStart = range.lowerBound
        case .tag(let tag): lineStart = tag.start
        }
        switch line.last! {
        case .text(let range): lineEnd = range.upperBound
        case .tag(let tag): lineEnd = tag.end
        }
        if case .text(let range) = line.first! { indent = Array(bytes[range]).filter { $0 == 0x20 || $0 == 0x09 } }
        var tags: [Tag] = []
        for case .tag(var tag) in line {
            tag.standalone = true
            tag.indent = indent
            tag.lineStart = lineStart
            tag.lineEnd = lineEnd
            tags.append(tag)
        }
        parts += tags.map { .tag($0) }
        // A line holding just an empty block is a placeholder for content lines, so it keeps its break.
        if tags.count >= 2, tags[tags.count - 2].kind == .block, tags[tags.count - 1].kind == .close,
            tags[tags.count - 2].content == tags[tags.count - 1].content,
            tags[tags.count - 2].end == tags[tags.count - 1].start,
            case .text(let range) = line.last!, bytes[range.upperBound - 1] == 0x0A
        {
            var start = range.upperBound - 1
            if start > range.lowerBound, bytes[start - 1] == 0x0D { start -= 1 }
            parts.append(.text(start..<range.upperBound))
        }
    }

    private func isStandalone(_ line: [Token]) -> Bool {
        var sawTag = false
        for token in line {
            switch token {
            case .tag(let tag):
                guard tag.kind.canStandAlone else { return false }
                sawTag = true
            case .text(let range):
                for byte in bytes[range] where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A {
                    return false
                }
            }
        }
        return sawTag
    }
}
