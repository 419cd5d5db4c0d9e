/// A value on the context stack, or the result of looking a name up.
enum Frame {
    case missing
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A view value reached through a dotted name: fields are read one by one.
    case object(any TemplateObject, schema: Int)
    /// A view value that is a context: its fields were read once, when it was pushed.
    case fields([FieldValue], schema: Int)
    case list(any TemplateList, schema: Int)
    case strings([String])
    case values([TemplateValue])
    case pairs([(String, TemplateValue)])

    init(_ value: TemplateValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let l): self = .values(l)
        case .object(let p): self = .pairs(p)
        }
    }

    /// Mustache truthiness: missing, null, false, "" and empty lists are falsey; numbers are truthy.
    var isTruthy: Bool {
        switch self {
        case .missing, .null: false
        case .bool(let b): b
        case .string(let s): !s.isEmpty
        case .int, .double, .object, .fields, .pairs: true
        case .list(let l, _): l.count > 0
        case .strings(let s): !s.isEmpty
        case .values(let v): !v.isEmpty
        }
    }

    /// The frame to push for this value as a section context.
    var context: Frame {
        if case .object(let object, let schema) = self { .fields(object.fieldValues(), schema: schema) } else { self }
    }

    /// The field `id` of this frame, or `.missing` when it has none.
    func member(_ id: Int, schemas: SchemaTable, names: [String]) -> Frame {
        switch self {
        case .fields(let values, let schemaIndex):
            let slot = Int(schemas.schemas[schemaIndex].slots[id])
            guard slot >= 0 else { return .missing }
            return Self.frame(values[slot], slot: slot, schema: schemaIndex, schemas: schemas)
        case .object(let object, let schemaIndex):
            // Indexing through the table, not a local copy, avoids retaining every array of the schema.
            let slot = Int(schemas.schemas[schemaIndex].slots[id])
            guard slot >= 0 else { return .missing }
            return Self.frame(object.fieldValue(at: slot), slot: slot, schema: schemaIndex, schemas: schemas)
        case .pairs(let pairs):
            let name = names[id]
            for (key, value) in pairs where key == name { return Frame(value) }
            return .missing
        default:
            return .missing
        }
    }

    static func frame(_ value: FieldValue, slot: Int, schema schemaIndex: Int, schemas: SchemaTable) -> Frame {
            switch value {
            case .string(let s): return .string(s)
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .list(let l): return .list(l, schema: schemas.schemas[schemaIndex].children[slot])
            case .strings(let s): return .strings(s)
            case .object(let o): return .object(o, schema: schemas.schemas[schemaIndex].children[slot])
            case .null: return .null
            }
    }
}
