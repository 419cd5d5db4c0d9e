/// Block re-indentation: a standalone block's own indentation is removed where it is written
/// and the expansion site's indentation is added where it is rendered.
enum Indentation {
    /// The whitespace prefix shared by every non-blank line in `start..<end`.
    static func common(in bytes: [UInt8], from start: Int, to end: Int) -> [UInt8] {
        var result: [UInt8]?
        var i = start
        while i < end {
            var j = i
            while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            let blank = j >= end || bytes[j] == 0x0A || bytes[j] == 0x0D
            if !blank {
                let leading = Array(bytes[i..<j])
                if let current = result {
                    result = Array(zip(current, leading).prefix { $0 == $1 }.map(\.0))
                } else {
                    result = leading
                }
            }
            while j < end, bytes[j] != 0x0A { j += 1 }
            i = j + 1
        }
        return result ?? []
    }

    /// Strips `indent` from each line start of the block's own text and makes nested blocks' indentation relative.
    static func dedent(_ nodes: [Node], by indent: [UInt8]) -> [Node] {
        nodes.map { node in
            switch node {
            case .text(let bytes, let lineStarts):
                return strip(bytes, lineStarts, indent)
            case .section(let path, let children, let inverted, let location):
                return .section(path, dedent(children, by: indent), inverted: inverted, location)
            case .block(var block):
                block.expansion = block.expansion.map { relative($0, to: indent) }
                return .block(block)
            case .parent(let name, let template, let parentIndent, var blocks, let location):
                for k in blocks.indices { blocks[k].expansion = blocks[k].expansion.map { relative($0, to: indent) } }
                return .parent(name: name, template: template, indent: parentIndent, blocks: blocks, location)
            default:
                return node
            }
        }
    }

    private static func relative(_ expansion: [UInt8], to indent: [UInt8]) -> [UInt8] {
        expansion.starts(with: indent) ? Array(expansion.dropFirst(indent.count)) : expansion
    }

    private static func strip(_ bytes: [UInt8], _ lineStarts: [Int], _ indent: [UInt8]) -> Node {
        var out: [UInt8] = []
        var starts: [Int] = []
        var previous = 0
        for start in lineStarts {
            out += bytes[previous..<start]
            starts.append(out.count)
            var k = 0
            while k < indent.count, start + k < bytes.count, bytes[start + k] == indent[k] { k += 1 }
            previous = start + k
        }
        out += bytes[previous...]
        return .text(out, lineStarts: starts)
    }
}
