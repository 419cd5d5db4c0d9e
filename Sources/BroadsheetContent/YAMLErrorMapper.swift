import BroadsheetCore
import Yams

/// Turns Yams errors into diagnostics at the line of the file, not of the front matter.
enum YAMLErrorMapper {
    static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: path, line: mark.line + lineOffset, column: mark.column)
        }
        let hint = "check quotes, colons and indentation; quote a title that contains ': ' or starts with a quote"
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error("malformed YAML: \(detail)", at: at(mark), hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return .error(
                "duplicate key \(keys)", at: at(context.mark), hint: "each key may appear once; remove one of them")
        case .reader(let problem, _, _, _):
            return .error(
                "malformed YAML: \(problem)", at: SourceLocation(file: path, line: lineOffset + 1, column: 1), hint: hint)
        default:
            return .error(
                "malformed YAML: \(error)", at: SourceLocation(file: path, line: lineOffset + 1, column: 1), hint: hint)
        }
    }
}
