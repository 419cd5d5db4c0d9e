public import BroadsheetCore

extension Diagnostics {
    /// The first diagnostic in `file` whose message contains `text`.
    public func first(in file: String, containing text: String) -> Diagnostic? {
        all.first { $0.location.file == file && $0.message.contains(text) }
    }

    /// Every message, formatted as `file:line:column: severity: message`, for readable failure output.
    public var listing: String {
        sorted.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }.joined(separator: "\n")
    }
}
