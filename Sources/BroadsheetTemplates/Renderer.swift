/// Walks compiled nodes against a context stack, appending bytes to `out`.
struct Renderer {
    let templates: [[Node]]
    let schemas: SchemaTable
    let names: [String]
    var out: [UInt8] = []
    private var stack: [Frame] = []
    private var indent: [UInt8] = []
    /// Block replacements in force; the outermost parent tag's replacement wins.
    private var overrides: [Block] = []
    private var depth = 0

    /// Deeper inclusion than this is a template cycle without a data-driven end; it renders nothing.
    private static let maxDepth = 200

    init(templates: [[Node]], schemas: SchemaTable, names: [String]) {
        self.templates = templates
        self.schemas = schemas
        self.names = names
    }

    mutating func render(template: Int, root: Frame) {
        stack.append(root.context)
        render(templates[template])
        stack.removeLast()
    }

    private mutating func render(_ nodes: [Node]) {
        for node in nodes {
            switch node {
            case .text(let bytes, let lineStarts):
                if indent.isEmpty || lineStarts.isEmpty {
                    out.append(contentsOf: bytes)
                } else {
                    appendIndented(bytes, lineStarts)
                }
            case .lineStart:
                out.append(contentsOf: indent)
            case .variable(let path, let escaped, _):
                if path.ids.count == 1, let field = typedField(path.ids[0]) {
                    interpolate(field.value, escaped: escaped)
                } else {
                    interpolate(resolve(path), escaped: escaped)
                }
            case .section(let path, let children, let inverted, _):
                section(resolve(path), children, inverted: inverted)
            case .partial(_, let template, let partialIndent, _):
                guard let template else { continue }
                include(templates[template], indent: partialIndent.map { indent + $0 } ?? [])
            case .parent(_, let template, let parentIndent, let blocks, _):
                guard let template else { continue }
                overrides += blocks
                include(templates[template], indent: parentIndent.map { indent + $0 } ?? [])
                overrides.removeLast(blocks.count)
            case .block(let block):
                let body = overrides.first { $0.id == block.id } ?? block
                include(body.nodes, indent: block.expansion.map { indent + $0 } ?? indent)
            }
        }
    }

    private mutating func include(_ nodes: [Node], indent newIndent: [UInt8]) {
        guard depth < Self.maxDepth else { return }
        depth += 1
        let saved = indent
        indent = newIndent
        render(nodes)
        indent = saved
        depth -= 1
    }

    private mutating func appendIndented(_ bytes: [UInt8], _ lineStarts: [Int]) {
        var previous = 0
        for start in lineStarts {
            out.append(contentsOf: bytes[previous..<start])
            out.append(contentsOf: indent)
            previous = start
        }
        out.append(contentsOf: bytes[previous...])
    }

    /// The common case without building frames: a plain name found in a typed context.
    /// Returns nil when the lookup needs the general path (a general value on the stack).
    private func typedField(_ id: Int) -> (value: FieldValue, slot: Int, schema: Int)? {
        var i = stack.count - 1
        while i >= 0 {
            switch stack[i] {
            case .fields(let values, let schema):
                let slot = Int(schemas.schemas[schema].slots[id])
                if slot >= 0 { return (values[slot], slot, schema) }
            case .pairs, .object:
                return nil
            default:
                break
            }
            i -= 1
        }
        return nil
    }

    private func resolve(_ path: NamePath) -> Frame {
        guard let first = path.ids.first else { return stack.last ?? .missing }
        if path.ids.count == 1, let field = typedField(first) {
            return Frame.frame(field.value, slot: field.slot, schema: field.schema, schemas: schemas)
        }
        var value = Frame.missing
        var i = stack.count - 1
        while i >= 0 {
            value = stack[i].member(first, schemas: schemas, names: names)
            if case .missing = value { i -= 1 } else { break }
        }
        for id in path.ids.dropFirst() {
            if case .missing = value { return value }
            value = value.member(id, schemas: schemas, names: names)
        }
        return value
    }

    private mutating func interpolate(_ value: FieldValue, escaped: Bool) {
        switch value {
        case .string(let s):
            if escaped { Escaping.appendEscaped(s, to: &out) } else { Escaping.appendRaw(s, to: &out) }
        case .int(let i):
            Escaping.appendDecimal(i, to: &out)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        default:
            break
        }
    }

    private mutating func interpolate(_ value: Frame, escaped: Bool) {
        switch value {
        case .string(let s):
            if escaped { Escaping.appendEscaped(s, to: &out) } else { Escaping.appendRaw(s, to: &out) }
        case .int(let i):
            Escaping.appendDecimal(i, to: &out)
        case .double(let d):
            out.append(contentsOf: String(d).utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        default:
            break
        }
    }

    private mutating func section(_ value: Frame, _ children: [Node], inverted: Bool) {
        if inverted {
            if !value.isTruthy { render(children) }
            return
        }
        switch value {
        case .list(let list, let schema):
            for i in 0..<list.count { push(.fields(list.fieldValues(at: i), schema: schema), children) }
        case .strings(let strings):
            for s in strings { push(.string(s), children) }
        case .values(let values):
            for v in values { push(Frame(v), children) }
        default:
            if value.isTruthy { push(value.context, children) }
        }
    }

    private mutating func push(_ frame: Frame, _ children: [Node]) {
        stack.append(frame)
        render(children)
        stack.removeLast()
    }
}
