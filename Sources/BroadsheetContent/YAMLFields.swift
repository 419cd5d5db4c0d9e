import BroadsheetCore
import Yams

/// A YAML mapping read with every value's position in the file, for front matter and `site.yml`.
///
/// Values are read from Yams' node tree rather than decoded, so a date stays the text the publisher wrote
/// (Yams' decoder would turn `2022-10-04T07:30:00+09:00` into a UTC instant on another day) and every
/// problem can name its line.
struct YAMLFields {
    /// One key and its value node.
    struct Field {
        let key: String
        let value: Node
        let location: SourceLocation
    }

    let path: String
    let fields: [Field]
    let location: SourceLocation
    private let lineOffset: Int

    /// One constructor for every file: `Constructor.default` builds three dictionaries each time it is read.
    /// It holds only immutable maps of pure functions, so sharing it between threads is safe.
    private nonisolated(unsafe) static let sharedConstructor = Constructor.default

    /// No tag rules: each is a regular expression that Yams runs on every key when it checks for duplicates
    /// (a tenth of reading front matter), and these fields read booleans, numbers and nulls from the text.
    private static let resolver = Resolver.basic

    /// Parses `yaml`, whose first line is line `firstLine` of the file at `path`.
    static func parse(_ yaml: String, path: String, firstLine: Int, into diagnostics: inout Diagnostics) -> YAMLFields? {
        let start = SourceLocation(file: path, line: firstLine, column: 1)
        if let depth = NestingGuard.excessiveDepth(in: yaml) {
            diagnostics.error(
                "the YAML nests \(depth) levels deep", at: start,
                hint: "front matter holds flat keys and short lists; nesting beyond \(NestingGuard.limit) levels is refused")
            return nil
        }
        let root: Node?
        do {
            // The encoding is named so Yams does not read the process environment for it on every file.
            root = try Yams.compose(yaml: yaml, resolver, sharedConstructor, .utf8)
        } catch let error as YamlError {
            diagnostics.append(YAMLErrorMapper.diagnostic(for: error, path: path, lineOffset: firstLine - 1))
            return nil
        } catch {
            diagnostics.error("the YAML cannot be read: \(error)", at: start)
            return nil
        }
        guard let root else { return YAMLFields(path: path, fields: [], location: start, lineOffset: firstLine - 1) }
        let offset = firstLine - 1
        guard case .mapping(let mapping) = root else {
            diagnostics.error(
                "the front matter is a \(root.kindName), not a mapping of keys to values",
                at: location(of: root, path: path, offset: offset) ?? start,
                hint: "write one key per line, such as title: Budget passes")
            return nil
        }
        var fields: [Field] = []
        for (key, value) in mapping {
            let keyLocation = location(of: key, path: path, offset: offset) ?? start
            guard let name = key.scalar?.string else {
                diagnostics.error("a key must be plain text", at: keyLocation)
                continue
            }
            fields.append(Field(key: name, value: value, location: keyLocation))
        }
        return YAMLFields(path: path, fields: fields, location: start, lineOffset: offset)
    }

    /// The file location of a node.
    func location(of node: Node, fallback: SourceLocation) -> SourceLocation {
        Self.location(of: node, path: path, offset: lineOffset) ?? fallback
    }

    private static func location(of node: Node, path: String, offset: Int) -> SourceLocation? {
        guard let mark = node.mark else { return nil }
        return SourceLocation(file: path, line: mark.line + offset, column: mark.column)
    }

    // MARK: - Typed values

    /// A non-empty single-line text value, or nil with an error.
    func text(_ field: Field, into diagnostics: inout Diagnostics) -> String? {
        guard case .scalar(let scalar) = field.value else {
            diagnostics.error(
                "\(field.key) must be text, not a \(field.value.kindName)",
                at: location(of: field.value, fallback: field.location),
                hint: "write \(field.key): followed by the text on the same line")
            return nil
        }
        return scalar.isNull ? "" : scalar.string
    }

    /// A list of texts (a flow `[a, b]` or block `- a` list), or nil with an error.
    func textList(_ field: Field, into diagnostics: inout Diagnostics) -> [(String, SourceLocation)]? {
        switch field.value {
        case .scalar(let scalar) where scalar.isNull:
            return []
        case .sequence(let sequence):
            var items: [(String, SourceLocation)] = []
            var ok = true
            for item in sequence {
                let itemLocation = location(of: item, fallback: field.location)
                guard case .scalar(let scalar) = item, !scalar.isNull else {
                    diagnostics.error(
                        "each item of \(field.key) must be text, not a \(item.kindName)", at: itemLocation,
                        hint: "write \(field.key): [First, Second] with plain names")
                    ok = false
                    continue
                }
                items.append((scalar.string, itemLocation))
            }
            return ok ? items : nil
        default:
            let example = field.value.scalar.map { "[\($0.string)]" } ?? "[First, Second]"
            diagnostics.error(
                "\(field.key) must be a list of text, not a \(field.value.kindName)",
                at: location(of: field.value, fallback: field.location),
                hint: "write \(field.key): \(example)")
            return nil
        }
    }

    /// `true` or `false`, or nil with an error.
    func bool(_ field: Field, into diagnostics: inout Diagnostics) -> Bool? {
        if let value = field.value.scalar?.boolValue { return value }
        diagnostics.error(
            "\(field.key) must be true or false", at: location(of: field.value, fallback: field.location),
            hint: "write \(field.key): true")
        return nil
    }

    /// A whole number within `range`, or nil with an error.
    func int(_ field: Field, in range: ClosedRange<Int>, into diagnostics: inout Diagnostics) -> Int? {
        if let value = field.value.int, range.contains(value) { return value }
        diagnostics.error(
            "\(field.key) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
            at: location(of: field.value, fallback: field.location))
        return nil
    }

    /// Warns about every key not in `known`, suggesting the nearest known one.
    func warnUnknownKeys(known: [String], into diagnostics: inout Diagnostics) {
        for field in fields where !known.contains(field.key) {
            let suggestion = Suggestion.nearest(to: field.key, in: known)
            diagnostics.warning(
                "unknown key '\(field.key)'", at: field.location,
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))")
        }
    }

    /// The field named `key`, if present.
    subscript(key: String) -> Field? { fields.first { $0.key == key } }
}

extension Node {
    /// "mapping", "list", "text" or "alias", for messages.
    var kindName: String {
        switch self {
        case .scalar: return "text"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }
}

extension Node.Scalar {
    /// A plain `~`, `null` or empty value.
    var isNull: Bool {
        style == .plain && ["", "~", "null", "Null", "NULL"].contains(string)
    }

    /// A plain `true`, `yes` or `on` (true) or `false`, `no` or `off` (false), in any case, as YAML 1.1
    /// and Yams read them; nil for anything else, quoted text included.
    var boolValue: Bool? {
        guard style == .plain else { return nil }
        switch string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}
