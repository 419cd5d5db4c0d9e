/// Where a node came from, for strict-mode diagnostics.
struct Location: Sendable, Hashable {
    let template: Int
    let line: Int
    let column: Int
}

/// A variable or section name with its segments interned; no segments means the implicit iterator `.`.
/// A class, so matching a node retains one reference instead of each field.
final class NamePath: Sendable {
    let ids: [Int]
    let text: String

    init(ids: [Int], text: String) {
        self.ids = ids
        self.text = text
    }
}

/// A `{{$name}}` block: default content where it expands, replacement content inside a parent tag.
struct Block: Sendable {
    let id: Int
    let name: String
    var nodes: [Node]
    /// Indentation added to the content at this expansion site; nil when the block is inline.
    var expansion: [UInt8]?
    let location: Location
}

/// A compiled template node: names interned, partials and parents linked by template index.
indirect enum Node: Sendable {
    /// Literal bytes; `lineStarts` are the offsets where template lines begin, for indentation.
    case text([UInt8], lineStarts: [Int])
    /// A template line that begins with a tag.
    case lineStart
    case variable(NamePath, escaped: Bool, Location)
    case section(NamePath, [Node], inverted: Bool, Location)
    /// `indent` is nil for an inline partial, else the standalone line's whitespace.
    case partial(name: String, template: Int?, indent: [UInt8]?, Location)
    case parent(name: String, template: Int?, indent: [UInt8]?, blocks: [Block], Location)
    case block(Block)
}

/// Name segments interned to dense integers so lookups index arrays instead of hashing strings.
struct Interner: Sendable {
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]

    mutating func intern(_ name: String) -> Int {
        if let id = ids[name] { return id }
        ids[name] = names.count
        names.append(name)
        return names.count - 1
    }

    func id(of name: String) -> Int? { ids[name] }
}
