import ArgumentParser
import BroadsheetBuild
import BroadsheetCore
import Foundation

/// `broadsheet check`: runs every validation and writes nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site for errors and likely mistakes without writing anything.",
        discussion: "Exit status 1 when there are errors. --format json prints one object per diagnostic for editors and CI."
    )

    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var siteOptions: SiteOptions
    @OptionGroup var content: ContentOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "text or json.")
    var format: Format = .text

    mutating func run() async throws {
        var options = BuildOptions(site: siteOptions.siteURL)
        content.apply(to: &options)
        options.checkOnly = true
        let printer = DiagnosticPrinter(output: output)
        let diagnostics: Diagnostics
        let failed: Bool
        do {
            diagnostics = try await SiteBuilder.build(options).diagnostics
            failed = false
        } catch {
            diagnostics = error.diagnostics
            failed = true
        }
        switch format {
        case .json:
            FileHandle.standardOutput.write(Data(DiagnosticJSON.encode(diagnostics).utf8))
        case .text:
            printer.print(diagnostics)
            if !failed, !output.quiet {
                let warnings = diagnostics.warnings.count
                printer.line("No errors\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "").")
            } else if failed {
                printer.failure(diagnostics)
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// Diagnostics as a JSON array for editors and CI.
enum DiagnosticJSON {
    private struct Item: Encodable {
        let file: String
        let line: Int
        let column: Int
        let severity: String
        let message: String
        let hint: String?

        private enum CodingKeys: String, CodingKey {
            case file, line, column, severity, message, hint
        }

        /// Every key in every item: a diagnostic without a hint says `"hint": null` rather than leaving the key out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encode(hint, forKey: .hint)
        }
    }

    static func encode(_ diagnostics: Diagnostics) -> String {
        let items = diagnostics.sorted.map {
            Item(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                 severity: $0.severity.rawValue, message: $0.message, hint: $0.hint)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
