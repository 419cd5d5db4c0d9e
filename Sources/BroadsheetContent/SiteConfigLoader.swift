import BroadsheetCore
import Foundation
import Yams

/// Reads `Content/site.yml` into a `SiteConfig`, reporting every bad or unknown key.
enum SiteConfigLoader {
    static func load(_ url: URL, path: String, baseURLOverride: String?, into diagnostics: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig()
        if FileManager.default.fileExists(atPath: url.path(percentEncoded: false)) {
            switch SourceFile.read(url, path: path, sizeLimit: 1_048_576) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let file):
                if let fields = YAMLFields.parse(file.text, path: path, firstLine: 1, into: &diagnostics) {
                    apply(fields, to: &config, into: &diagnostics)
                }
            }
        } else {
            diagnostics.warning(
                "no site.yml; using default settings", at: SourceLocation(file: path, line: 0, column: 0),
                hint: "create Content/site.yml with title:, base_url: and language:")
        }
        if let baseURLOverride {
            if let normalized = normalizeBaseURL(baseURLOverride) {
                config.baseURL = normalized
            } else {
                diagnostics.error(
                    "--base-url '\(baseURLOverride)' is not an http(s) URL or a path starting with /",
                    at: SourceLocation(file: "--base-url", line: 0, column: 0),
                    hint: "for example --base-url https://digest.example.org/")
            }
        }
        return config
    }

    private static func apply(_ fields: YAMLFields, to config: inout SiteConfig, into diagnostics: inout Diagnostics) {
        fields.warnUnknownKeys(known: SiteConfig.keys, into: &diagnostics)
        for field in fields.fields {
            let at = fields.location(of: field.value, fallback: field.location)
            switch field.key {
            case "title":
                if let value = fields.text(field, into: &diagnostics) {
                    if value.isEmpty { diagnostics.error("title is empty", at: at, hint: "name the site") }
                    config.title = value
                }
            case "description": config.description = fields.text(field, into: &diagnostics) ?? config.description
            case "author": config.author = fields.text(field, into: &diagnostics) ?? config.author
            case "base_url":
                guard let value = fields.text(field, into: &diagnostics) else { continue }
                if let normalized = normalizeBaseURL(value) {
                    config.baseURL = normalized
                } else {
                    diagnostics.error(
                        "base_url '\(value)' is not an http(s) URL or a path starting with /", at: at,
                        hint: "for example base_url: https://digest.example.org/")
                }
            case "language":
                guard let value = fields.text(field, into: &diagnostics) else { continue }
                if isLanguageTag(value) {
                    config.language = value
                } else {
                    diagnostics.error("language '\(value)' is not a language tag", at: at, hint: "for example en or en-GB")
                }
            case "timezone":
                guard let value = fields.text(field, into: &diagnostics) else { continue }
                if TimeZone(identifier: value) != nil {
                    config.timezone = value
                } else {
                    let suggestion = Suggestion.nearest(to: value, in: TimeZone.knownTimeZoneIdentifiers)
                    diagnostics.error(
                        "unknown time zone '\(value)'", at: at,
                        hint: suggestion.map { "did you mean '\($0)'?" } ?? "use an IANA name such as Europe/London")
                }
            case "home_days": config.homeDays = fields.int(field, in: 1...365, into: &diagnostics) ?? config.homeDays
            case "per_page": config.perPage = fields.int(field, in: 1...1000, into: &diagnostics) ?? config.perPage
            case "feed_entries":
                config.feedEntries = fields.int(field, in: 1...1000, into: &diagnostics) ?? config.feedEntries
            case "featured_tags":
                config.featuredTags = fields.textList(field, into: &diagnostics)?.map(\.0) ?? config.featuredTags
            case "publishing_days":
                guard let days = fields.textList(field, into: &diagnostics) else { continue }
                var numbers: [Int] = []
                for (day, location) in days {
                    if let number = weekdayNumber(day) {
                        numbers.append(number)
                    } else {
                        diagnostics.error(
                            "'\(day)' is not a weekday", at: location, hint: "use mon, tue, wed, thu, fri, sat or sun")
                    }
                }
                config.publishingDays = numbers.sorted()
            case "unsafe_html": config.unsafeHTML = fields.bool(field, into: &diagnostics) ?? config.unsafeHTML
            case "max_file_size":
                config.maxFileSize = fileSize(field, fields: fields, into: &diagnostics) ?? config.maxFileSize
            default: break
            }
        }
    }

    /// Adds the trailing slash, accepting absolute http(s) URLs and site-root paths.
    static func normalizeBaseURL(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("/") || trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://"),
            !trimmed.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return nil }
        if trimmed.hasPrefix("http"), URL(string: trimmed)?.host() == nil { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    private static func isLanguageTag(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 35
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private static func weekdayNumber(_ text: String) -> Int? {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        return names.firstIndex(of: String(text.lowercased().prefix(3))).map { $0 + 1 }
    }

    /// `10485760`, `10 MB`, `512KB`.
    private static func fileSize(_ field: YAMLFields.Field, fields: YAMLFields, into diagnostics: inout Diagnostics) -> Int? {
        if let bytes = field.value.int, bytes > 0 { return bytes }
        let text = (field.value.scalar?.string ?? "").uppercased().replacing(" ", with: "")
        for (suffix, factor) in [("MB", 1_048_576), ("KB", 1024), ("B", 1)] where text.hasSuffix(suffix) {
            if let number = Int(text.dropLast(suffix.count)), number > 0 { return number * factor }
        }
        diagnostics.error(
            "max_file_size must be a size such as 10 MB", at: fields.location(of: field.value, fallback: field.location))
        return nil
    }
}
