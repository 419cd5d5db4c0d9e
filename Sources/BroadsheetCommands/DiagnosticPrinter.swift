import BroadsheetBuild
import BroadsheetCore
import Foundation

/// Prints diagnostics as `path:line:column: error: message` with a hint line, and build summaries.
struct DiagnosticPrinter: Sendable {
    let quiet: Bool
    let verbose: Bool
    let colour: Bool

    init(output: OutputOptions) {
        quiet = output.quiet
        verbose = output.verbose
        colour = Terminal.supportsColour(FileHandle.standardError)
    }

    func print(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted where diagnostic.isError || !quiet {
            errorLine(Self.format(diagnostic, colour: colour))
        }
    }

    /// One diagnostic as the user sees it: the location, severity and message, then an indented hint.
    static func format(_ diagnostic: Diagnostic, colour: Bool) -> String {
        let location = diagnostic.location
        var place = location.file
        if location.line > 0 { place += ":\(location.line)" }
        if location.line > 0, location.column > 0 { place += ":\(location.column)" }
        let severity = diagnostic.isError ? Terminal.paint("error", .red, colour) : Terminal.paint("warning", .yellow, colour)
        var text = "\(Terminal.paint(place, .bold, colour)): \(severity): \(diagnostic.message)"
        if let hint = diagnostic.hint { text += "\n    hint: \(hint)" }
        return text
    }

    func summary(_ report: BuildReport) {
        guard !quiet else { return }
        let megabytes = Double(report.bytes) / 1_048_576
        line(
            "Built \(report.entries) entries on \(report.days) days with \(report.tags) tags: \(report.files) files "
                + "(\(report.written) written, \(report.unchanged) unchanged, \(String(format: "%.1f", megabytes)) MB) "
                + "in \(String(format: "%.2f", report.seconds)) s.")
        if verbose {
            for phase in report.phases { line("  \(phase.name): \(String(format: "%.3f", phase.seconds)) s") }
        }
    }

    func failure(_ diagnostics: Diagnostics) {
        let errors = diagnostics.errors.count
        errorLine("Build failed with \(errors) error\(errors == 1 ? "" : "s"); the output folder was not changed.")
    }

    func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func errorLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Terminal capabilities: colour only on a terminal, and never with NO_COLOR.
enum Terminal {
    enum Style: String {
        case red = "31", yellow = "33", bold = "1", green = "32"
    }

    static func supportsColour(_ handle: FileHandle) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(handle.fileDescriptor) == 1
    }

    static func paint(_ text: String, _ style: Style, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
