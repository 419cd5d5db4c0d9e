/// An ordered collection of diagnostics gathered across a build.
public struct Diagnostics: Sendable, Equatable {
    /// Every diagnostic, in the order they were reported.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty collection, or one holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic] = []) {
        all = diagnostics
    }

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Adds an error.
    public mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        all.append(.error(message, at: location, hint: hint))
    }

    /// Adds a warning.
    public mutating func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        all.append(.warning(message, at: location, hint: hint))
    }

    /// Adds every diagnostic of `other`.
    public mutating func merge(_ other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    /// Adds every diagnostic of `other`.
    public mutating func merge(_ other: [Diagnostic]) {
        all.append(contentsOf: other)
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { all.contains(where: \.isError) }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter(\.isError) }

    /// The warnings only.
    public var warnings: [Diagnostic] { all.filter { !$0.isError } }

    /// Every diagnostic sorted by file and position, duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted().filter { seen.insert($0).inserted }
    }
}
