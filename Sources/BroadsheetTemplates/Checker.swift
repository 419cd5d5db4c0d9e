/// Strict mode: walks templates with the view types they will see, mirroring the renderer's lookups.
struct Checker {
    let templates: [[Node]]
    let files: [SourceFile]
    let schemas: SchemaTable
    let names: [String]
    private(set) var diagnostics: [TemplateDiagnostic] = []
    private var visited: Set<Visit> = []
    private var declaredCache: [Int: Set<String>] = [:]

    /// What is on the stack statically: a view type, or a value without fields.
    private enum StaticFrame: Hashable {
        case object(Int)
        case scalar
    }

    /// A template checked under one set of visible frames and block overrides.
    private struct Visit: Hashable {
        let target: Int
        let frames: [StaticFrame]
        let overrides: [Location]
    }

    init(templates: [[Node]], files: [SourceFile], schemas: SchemaTable, names: [String]) {
        self.templates = templates
        self.files = files
        self.schemas = schemas
        self.names = names
    }

    mutating func check(template: Int, schema: Int) {
        check(templates[template], template: template, stack: [.object(schema)], overrides: [])
    }

    private mutating func check(_ nodes: [Node], template: Int, stack: [StaticFrame], overrides: [Block]) {
        for node in nodes {
            switch node {
            case .text, .lineStart:
                break
            case .variable(let path, _, let location):
                if let kind = resolve(path, stack: stack, at: location)?.0, kind != FieldKind.string, kind != .int, kind != .bool {
                    report(location, "cannot interpolate '\(path.text)': it is \(kind.noun)")
                }
            case .section(let path, let children, let inverted, let location):
                var inner = stack
                if !inverted, let (kind, child) = resolve(path, stack: stack, at: location) {
                    switch kind {
                    case .list, .object, .optional: inner.append(.object(child))
                    default: inner.append(.scalar)
                    }
                } else if !inverted, path.ids.isEmpty, let top = stack.last {
                    inner.append(top)
                }
                check(children, template: template, stack: inner, overrides: overrides)
            case .partial(let name, let target, _, let location):
                guard let target else {
                    report(location, "unknown partial '\(name)'", hint: Levenshtein.hint(for: name, among: files.map(\.name)))
                    continue
                }
                include(target, stack: stack, overrides: overrides)
            case .parent(let name, let target, _, let blocks, let location):
                guard let target else {
                    report(location, "unknown parent '\(name)'", hint: Levenshtein.hint(for: name, among: files.map(\.name)))
                    continue
                }
                let declared = declaredBlocks(of: target, seen: [])
                for block in blocks where !declared.contains(block.name) {
                    report(block.location, "block '\(block.name)' is not declared by parent '\(name)'",
                           hint: Levenshtein.hint(for: block.name, among: declared))
                }
                include(target, stack: stack, overrides: overrides + blocks)
            case .block(let block):
                let body = overrides.first { $0.id == block.id } ?? block
                check(body.nodes, template: body.location.template, stack: stack, overrides: overrides)
            }
        }
    }

    private mutating func include(_ target: Int, stack: [StaticFrame], overrides: [Block]) {
        // Only the topmost frame of each kind can answer a lookup, so this key is finite even for recursion.
        var effective: [StaticFrame] = []
        for frame in stack.reversed() where !effective.contains(frame) { effective.append(frame) }
        let key = Visit(target: target, frames: effective, overrides: overrides.map(\.location))
        guard visited.insert(key).inserted else { return }
        check(templates[target], template: target, stack: stack, overrides: overrides)
    }

    /// The kind and child schema the renderer would find, or nil after reporting why not.
    private mutating func resolve(_ path: NamePath, stack: [StaticFrame], at location: Location) -> (FieldKind, Int)? {
        guard let first = path.ids.first else { return nil }
        var found: (schema: Int, slot: Int)?
        for case .object(let schema) in stack.reversed() where schemas[schema].slots[first] >= 0 {
            found = (schema, Int(schemas[schema].slots[first]))
            break
        }
        guard var (schema, slot) = found else {
            let visible = stack.compactMap { frame -> Int? in if case .object(let s) = frame { s } else { nil } }
            let typeName = visible.last.map { schemas[$0].typeName } ?? "a value without fields"
            report(location, "unknown name '\(names[first])' for \(typeName)",
                   hint: Levenshtein.hint(for: names[first], among: Set(visible.flatMap { schemas[$0].fieldNames })))
            return nil
        }
        var consumed = names[first]
        for id in path.ids.dropFirst() {
            let kind = schemas[schema].kinds[slot]
            guard kind == .object || kind == .optional else {
                report(location, "'\(consumed)' is \(kind.noun) and has no field '\(names[id])'")
                return nil
            }
            let child = schemas[schema].children[slot]
            guard schemas[child].slots[id] >= 0 else {
                report(location, "unknown name '\(names[id])' in '\(path.text)' for \(schemas[child].typeName)",
                       hint: Levenshtein.hint(for: names[id], among: schemas[child].fieldNames))
                return nil
            }
            (schema, slot) = (child, Int(schemas[child].slots[id]))
            consumed += "." + names[id]
        }
        return (schemas[schema].kinds[slot], schemas[schema].children[slot])
    }

    /// Block names a parent accepts: its own blocks and, through its parents, theirs.
    private mutating func declaredBlocks(of template: Int, seen: Set<Int>) -> Set<String> {
        if let cached = declaredCache[template] { return cached }
        guard !seen.contains(template) else { return [] }
        var result: Set<String> = []
        func collect(_ nodes: [Node], _ checker: inout Checker) {
            for node in nodes {
                switch node {
                case .section(_, let children, _, _): collect(children, &checker)
                case .block(let block):
                    result.insert(block.name)
                    collect(block.nodes, &checker)
                case .parent(_, let target, _, let blocks, _):
                    for block in blocks { result.insert(block.name); collect(block.nodes, &checker) }
                    if let target { result.formUnion(checker.declaredBlocks(of: target, seen: seen.union([template]))) }
                default: break
                }
            }
        }
        collect(templates[template], &self)
        declaredCache[template] = result
        return result
    }

    private mutating func report(_ location: Location, _ message: String, hint: String? = nil) {
        let diagnostic = files[location.template].diagnostic(line: location.line, column: location.column, message, hint: hint)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }
}
