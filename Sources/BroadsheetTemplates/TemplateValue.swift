/// A general value for data without a view type (JSON-like); rendered without strict checking.
public enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    /// Keys keep their order; the first entry with a name wins.
    case object([(String, TemplateValue)])

    /// The value of `key` when this is an object.
    public subscript(key: String) -> TemplateValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer value.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list value.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    /// An object value with keys in literal order.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(elements) }
    /// A floating-point value.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// The null value.
    public init(nilLiteral: ()) { self = .null }
}
