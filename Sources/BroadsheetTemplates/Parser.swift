/// Builds the node tree of one template from its analysed lines.
struct Parser {
    let file: SourceFile
    let index: Int
    let templateIndex: [String: Int]

    private struct OpenTag {
        let tag: Tag
        var nodes: [Node] = []
        var text: [UInt8] = []
        var lineStarts: [Int] = []
        var pendingLineStart = false

        mutating func flushText() {
            if !text.isEmpty { nodes.append(.text(text, lineStarts: lineStarts)) }
            text = []
            lineStarts = []
        }
    }

    func parse(interner: inout Interner) throws(TemplateDiagnostic) -> [Node] {
        let tokens = try Lexer(file: file).tokenize()
        let parts = Lines(bytes: file.bytes).parts(from: tokens)
        var stack = [OpenTag(tag: Tag(kind: .section, content: "", start: 0, end: 0))]
        for part in parts {
            switch part {
            case .lineStart:
                stack[stack.count - 1].pendingLineStart = true
            case .text(let range):
                var top = stack.removeLast()
                if top.pendingLineStart {
                    top.lineStarts.append(top.text.count)
                    top.pendingLineStart = false
                }
                top.text += file.bytes[range]
                stack.append(top)
            case .tag(let tag):
                stack[stack.count - 1].flushText()
                if stack[stack.count - 1].pendingLineStart {
                    stack[stack.count - 1].nodes.append(.lineStart)
                    stack[stack.count - 1].pendingLineStart = false
                }
                try handle(tag, stack: &stack, interner: &interner)
            }
        }
        if stack.count > 1 {
            let open = stack.last!.tag
            throw file.diagnostic(at: open.start, "unclosed \(Self.noun(open.kind)) '\(open.content)'",
                                  hint: "add {{/\(open.content)}}")
        }
        stack[0].flushText()
        return stack[0].nodes
    }

    private func handle(_ tag: Tag, stack: inout [OpenTag], interner: inout Interner) throws(TemplateDiagnostic) {
        let location = self.location(tag.start)
        switch tag.kind {
        case .comment, .delimiters:
            break
        case .variable, .unescaped:
            let path = try self.path(tag, &interner)
            stack[stack.count - 1].nodes.append(.variable(path, escaped: tag.kind == .variable, location))
        case .partial:
            stack[stack.count - 1].nodes.append(
                .partial(name: tag.content, template: templateIndex[tag.content],
                         indent: tag.standalone ? tag.indent : nil, location))
        case .section, .inverted, .parent, .block:
            if tag.kind == .section || tag.kind == .inverted { _ = try path(tag, &interner) }
            stack.append(OpenTag(tag: tag))
        case .close:
            guard stack.count > 1 else {
                throw file.diagnostic(at: tag.start, "unexpected closing tag '{{/\(tag.content)}}': nothing is open")
            }
            var open = stack.removeLast()
            guard open.tag.content == tag.content else {
                let (line, column) = file.position(of: open.tag.start)
                throw file.diagnostic(
                    at: tag.start,
                    "closing tag '{{/\(tag.content)}}' does not match \(Self.noun(open.tag.kind)) '\(open.tag.content)' opened at \(line):\(column)",
                    hint: "did you mean '{{/\(open.tag.content)}}'?")
            }
            open.flushText()
            let node = try close(open, with: tag, interner: &interner)
            stack[stack.count - 1].nodes.append(node)
        }
    }

    private func close(_ open: OpenTag, with close: Tag, interner: inout Interner) throws(TemplateDiagnostic) -> Node {
        let location = self.location(open.tag.start)
        let name = open.tag.content
        switch open.tag.kind {
        case .parent:
            let blocks = open.nodes.compactMap { node -> Block? in
                if case .block(let block) = node { block } else { nil }
            }
            return .parent(name: name, template: templateIndex[name], indent: open.tag.standalone ? open.tag.indent : nil,
                           blocks: blocks, location)
        case .block:
            var block = Block(id: interner.intern(name), name: name, nodes: open.nodes, expansion: nil, location: location)
            if open.tag.standalone {
                let end = close.standalone ? close.lineStart : close.start
                let indent = Indentation.common(in: file.bytes, from: open.tag.lineEnd, to: end)
                block.expansion = indent.isEmpty ? open.tag.indent : indent
                if !indent.isEmpty { block.nodes = Indentation.dedent(block.nodes, by: indent) }
            }
            return .block(block)
        default:
            return .section(try path(open.tag, &interner), open.nodes, inverted: open.tag.kind == .inverted, location)
        }
    }

    private func path(_ tag: Tag, _ interner: inout Interner) throws(TemplateDiagnostic) -> NamePath {
        if tag.content == "." { return NamePath(ids: [], text: ".") }
        let segments = tag.content.split(separator: ".", omittingEmptySubsequences: false)
        if segments.contains(where: \.isEmpty) {
            throw file.diagnostic(at: tag.start, "invalid name '\(tag.content)'")
        }
        return NamePath(ids: segments.map { interner.intern(String($0)) }, text: tag.content)
    }

    private func location(_ offset: Int) -> Location {
        let (line, column) = file.position(of: offset)
        return Location(template: index, line: line, column: column)
    }

    static func noun(_ kind: TagKind) -> String {
        switch kind {
        case .parent: "parent"
        case .block: "block"
        case .inverted: "inverted section"
        default: "section"
        }
    }
}
