/// What a rebuild produced, as the preview server needs to know it.
public enum RebuildOutcome: Sendable, Equatable {
    /// The site was written; `summary` is a one-line report such as "12 pages written in 0.08 s".
    case succeeded(summary: String)
    /// The build stopped; `messages` are the CLI-formatted lines ("path:line:column: error: …" and hints).
    case failed(messages: [String])
}
