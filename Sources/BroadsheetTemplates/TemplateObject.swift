/// A view type templates can render; one table declares both the schema and the accessors.
public protocol TemplateObject: Sendable {
    /// The fields templates may name, with how to read each from a value.
    static var templateFields: TemplateFields<Self> { get }
}

/// The ordered field table of a view type, written as an array literal of `TemplateField`s.
public struct TemplateFields<Object>: ExpressibleByArrayLiteral, Sendable {
    let fields: [TemplateField<Object>]

    /// Creates a table from its fields; the first field with a given name wins.
    public init(arrayLiteral elements: TemplateField<Object>...) {
        fields = elements
    }

    func values(of object: Object) -> [FieldValue] {
        var values: [FieldValue] = []
        values.reserveCapacity(fields.count)
        for field in fields { values.append(field.read(object)) }
        return values
    }
}

/// What a field holds, as far as the strict checker cares.
enum FieldKind: Sendable, Equatable {
    case string, bool, int, list, strings, object, optional

    var noun: String {
        switch self {
        case .string: "a string"
        case .bool: "a boolean"
        case .int: "an integer"
        case .list, .strings: "a list"
        case .object, .optional: "an object"
        }
    }
}

/// A field's value, read through its accessor; object payloads stay typed behind an existential.
enum FieldValue {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list(any TemplateList)
    case strings([String])
    case object(any TemplateObject)
    case null
}

/// A typed list seen without its element type, so lists are never copied into `[any TemplateObject]`.
protocol TemplateList: Sendable {
    var count: Int { get }
    func fieldValues(at index: Int) -> [FieldValue]
}

struct TypedList<Element: TemplateObject>: TemplateList {
    let items: [Element]
    var count: Int { items.count }
    func fieldValues(at index: Int) -> [FieldValue] { items[index].fieldValues() }
}

/// One named field of a view type and its accessor.
public struct TemplateField<Object>: Sendable {
    let name: String
    let kind: FieldKind
    let elementType: (any TemplateObject.Type)?
    let read: @Sendable (Object) -> FieldValue

    /// A string, HTML-escaped by `{{name}}`, raw with `{{{name}}}`; "" is falsey in sections.
    public static func string(_ name: String, _ get: @escaping @Sendable (Object) -> String) -> Self {
        Self(name: name, kind: .string, elementType: nil) { .string(get($0)) }
    }

    /// A boolean: a section renders when true; interpolates as `true` / `false`.
    public static func bool(_ name: String, _ get: @escaping @Sendable (Object) -> Bool) -> Self {
        Self(name: name, kind: .bool, elementType: nil) { .bool(get($0)) }
    }

    /// An integer, interpolated in decimal; always truthy, 0 included.
    public static func int(_ name: String, _ get: @escaping @Sendable (Object) -> Int) -> Self {
        Self(name: name, kind: .int, elementType: nil) { .int(get($0)) }
    }

    /// A list of view values: a section renders once per element; empty is falsey.
    public static func list<T: TemplateObject>(_ name: String, _ get: @escaping @Sendable (Object) -> [T]) -> Self {
        Self(name: name, kind: .list, elementType: T.self) { .list(TypedList(items: get($0))) }
    }

    /// A list of strings, each read with `{{.}}` inside the section; empty is falsey.
    public static func strings(_ name: String, _ get: @escaping @Sendable (Object) -> [String]) -> Self {
        Self(name: name, kind: .strings, elementType: nil) { .strings(get($0)) }
    }

    /// A nested view value: a section pushes it; always truthy.
    public static func object<T: TemplateObject>(_ name: String, _ get: @escaping @Sendable (Object) -> T) -> Self {
        Self(name: name, kind: .object, elementType: T.self) { .object(get($0)) }
    }

    /// An optional view value: a section renders when non-nil, an inverted section when nil.
    public static func optional<T: TemplateObject>(_ name: String, _ get: @escaping @Sendable (Object) -> T?) -> Self {
        Self(name: name, kind: .optional, elementType: T.self) { object in
            if let value = get(object) { .object(value) } else { .null }
        }
    }
}

/// What the schema builder needs from a type, reachable from an existential metatype.
struct FieldInfo {
    let name: String
    let kind: FieldKind
    let elementType: (any TemplateObject.Type)?
}

extension TemplateObject {
    static var fieldInfos: [FieldInfo] {
        templateFields.fields.map { FieldInfo(name: $0.name, kind: $0.kind, elementType: $0.elementType) }
    }

    static var typeName: String { String(describing: Self.self) }

    /// Every field at once: generic code is slow unspecialised, so a context object pays for it
    /// once when pushed, and lookups then index an array.
    func fieldValues() -> [FieldValue] {
        Self.templateFields.values(of: self)
    }

    // Called on `any TemplateObject`, this opens the existential, so no cast is needed.
    func fieldValue(at index: Int) -> FieldValue {
        Self.templateFields.fields[index].read(self)
    }
}
