/// The error a build throws when any stage reported errors; carries every diagnostic.
public struct BuildFailure: Error, Sendable {
    /// All diagnostics of the failed build, errors and warnings.
    public let diagnostics: Diagnostics

    /// Creates a failure from the diagnostics gathered so far.
    public init(_ diagnostics: Diagnostics) {
        self.diagnostics = diagnostics
    }
}
