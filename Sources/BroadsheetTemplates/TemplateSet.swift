/// A compiled, immutable set of templates.
public struct TemplateSet: Sendable {
    private let templates: [[Node]]
    private let files: [SourceFile]
    private let indexByName: [String: Int]
    private let interner: Interner
    private let schemas: SchemaTable

    /// Compiles sources (a later source with the same name overrides an earlier one) and strictly checks every template listed in `roots` against its view type, following partials and parents in context. Throws all diagnostics together.
    public init(sources: [TemplateSource], roots: [String: any TemplateObject.Type] = [:]) throws(TemplateErrors) {
        var files: [SourceFile] = []
        var indexByName: [String: Int] = [:]
        for source in sources {
            if let existing = indexByName[source.name] {
                files[existing] = SourceFile(source)
            } else {
                indexByName[source.name] = files.count
                files.append(SourceFile(source))
            }
        }
        var interner = Interner()
        var templates: [[Node]] = []
        var diagnostics: [TemplateDiagnostic] = []
        for (index, file) in files.enumerated() {
            do {
                templates.append(try Parser(file: file, index: index, templateIndex: indexByName).parse(interner: &interner))
            } catch {
                diagnostics.append(error)
                templates.append([])
            }
        }
        var schemas = SchemaTable()
        var checks: [(template: Int, schema: Int)] = []
        for (name, type) in roots.sorted(by: { $0.key < $1.key }) {
            let schema = schemas.add(type, interner: interner)
            if let template = indexByName[name] {
                checks.append((template, schema))
            } else {
                diagnostics.append(TemplateDiagnostic(
                    path: name, line: 1, column: 1, message: "unknown template '\(name)'",
                    hint: Levenshtein.hint(for: name, among: indexByName.keys)))
            }
        }
        var checker = Checker(templates: templates, files: files, schemas: schemas, names: interner.names)
        for check in checks.sorted(by: { $0.template < $1.template }) {
            checker.check(template: check.template, schema: check.schema)
        }
        // Grouped by file and position, whatever order the walk found them in.
        diagnostics += checker.diagnostics.enumerated().sorted {
            ($0.element.path, $0.element.line, $0.element.column, $0.offset)
                < ($1.element.path, $1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        if !diagnostics.isEmpty { throw TemplateErrors(diagnostics: diagnostics) }
        self.templates = templates
        self.files = files
        self.indexByName = indexByName
        self.interner = interner
        self.schemas = schemas
    }

    /// The template names, sorted.
    public var names: [String] { indexByName.keys.sorted() }

    /// Appends the rendering of template `name` with `value` to `buffer`; throws only for an unknown template name.
    public func render<T: TemplateObject>(_ name: String, _ value: T, into buffer: inout [UInt8]) throws(TemplateDiagnostic) {
        let template = try index(of: name)
        var table = schemas
        let schema = table.index(of: T.self) ?? table.add(T.self, interner: interner)
        render(template, root: .object(value, schema: schema), schemas: table, into: &buffer)
    }

    /// The rendering of template `name` with `value`; throws only for an unknown template name.
    public func render<T: TemplateObject>(_ name: String, _ value: T) throws(TemplateDiagnostic) -> [UInt8] {
        var buffer: [UInt8] = []
        try render(name, value, into: &buffer)
        return buffer
    }

    /// Appends the rendering of template `name` with a general value (not strictly checked; missing names render empty).
    public func render(_ name: String, value: TemplateValue, into buffer: inout [UInt8]) throws(TemplateDiagnostic) {
        render(try index(of: name), root: Frame(value), schemas: schemas, into: &buffer)
    }

    /// The rendering of template `name` with a general value.
    public func render(_ name: String, value: TemplateValue) throws(TemplateDiagnostic) -> [UInt8] {
        var buffer: [UInt8] = []
        try render(name, value: value, into: &buffer)
        return buffer
    }

    private func index(of name: String) throws(TemplateDiagnostic) -> Int {
        guard let index = indexByName[name] else {
            throw TemplateDiagnostic(path: name, line: 1, column: 1, message: "unknown template '\(name)'",
                                     hint: Levenshtein.hint(for: name, among: indexByName.keys))
        }
        return index
    }

    private func render(_ template: Int, root: Frame, schemas: SchemaTable, into buffer: inout [UInt8]) {
        var renderer = Renderer(templates: templates, schemas: schemas, names: interner.names)
        // Rendering straight into the caller's storage avoids a copy of the page.
        swap(&renderer.out, &buffer)
        renderer.out.reserveCapacity(renderer.out.count + 8192)
        renderer.render(template: template, root: root)
        swap(&renderer.out, &buffer)
    }
}

extension TemplateSet {
    /// The names of the templates rendering `name` can use: itself, and every template it reaches
    /// through partials and parents, at any depth (a partial naming no template is listed by its name).
    public func closure(of name: String) -> Set<String> {
        var found: Set<String> = [name]
        var pending = [name]
        while let next = pending.popLast() {
            guard let index = indexByName[next] else { continue }
            var stack = templates[index]
            while let node = stack.popLast() {
                switch node {
                case .section(_, let children, _, _): stack += children
                case .block(let block): stack += block.nodes
                case .partial(let partial, _, _, _):
                    if found.insert(partial).inserted { pending.append(partial) }
                case .parent(let parent, _, _, let blocks, _):
                    if found.insert(parent).inserted { pending.append(parent) }
                    for block in blocks { stack += block.nodes }
                case .text, .lineStart, .variable: break
                }
            }
        }
        return found
    }

    /// The source bytes of each template, by name (after overrides).
    public var sources: [String: [UInt8]] {
        indexByName.mapValues { files[$0].bytes }
    }
}
