/// A place in a site file: a site-relative path and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The path relative to the site folder, with `/` separators.
    public let file: String
    /// The 1-based line; 0 when the problem concerns the whole file.
    public let line: Int
    /// The 1-based column; 0 when the problem concerns the whole line or file.
    public let column: Int

    /// Creates a location; line and column default to the start of the file.
    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
