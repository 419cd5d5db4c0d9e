/// A view type's fields as seen by one template set: lookups index `slots` by interned name.
struct Schema: Sendable {
    let type: any TemplateObject.Type
    let fieldNames: [String]
    let kinds: [FieldKind]
    /// Schema index of each field's element or object type, or -1.
    var children: [Int]
    /// Field index for each interned name, or -1.
    let slots: [Int32]

    /// The view type's name, for error messages only: naming a type looks through every protocol
    /// conformance in the program, which every build would pay for otherwise.
    var typeName: String { type.typeName }
}

/// The schemas of every view type reachable from the types a set was given.
struct SchemaTable: Sendable {
    private(set) var schemas: [Schema] = []
    private var indexByType: [ObjectIdentifier: Int] = [:]

    func index(of type: any TemplateObject.Type) -> Int? { indexByType[ObjectIdentifier(type)] }

    subscript(index: Int) -> Schema { schemas[index] }

    /// Adds `type` and every type its fields lead to; recursive types are fine.
    mutating func add(_ type: any TemplateObject.Type, interner: Interner) -> Int {
        if let existing = index(of: type) { return existing }
        let fields = type.fieldInfos
        var slots = [Int32](repeating: -1, count: interner.names.count)
        for (i, field) in fields.enumerated().reversed() {
            if let id = interner.id(of: field.name) { slots[id] = Int32(i) }
        }
        let index = schemas.count
        indexByType[ObjectIdentifier(type)] = index
        schemas.append(Schema(type: type, fieldNames: fields.map(\.name), kinds: fields.map(\.kind),
                              children: Array(repeating: -1, count: fields.count), slots: slots))
        for (i, field) in fields.enumerated() {
            if let element = field.elementType { schemas[index].children[i] = add(element, interner: interner) }
        }
        return index
    }
}
