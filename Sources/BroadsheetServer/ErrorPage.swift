/// The page shown instead of HTML while the last build failed.
enum ErrorPage {
    /// A self-contained HTML page listing the build messages (escaped), with the reload script so a fix shows at once.
    static func html(messages: [String]) -> String {
        let items = messages.isEmpty ? "<li>The build failed without a message.</li>"
            : messages.map { "<li>" + escape($0) + "</li>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
            h1 { color: #b00020; font-size: 1.4rem; }
            ul { list-style: none; padding: 0; }
            li { font: 14px/1.5 ui-monospace, monospace; white-space: pre-wrap; background: #fff4f4; border-left: 4px solid #b00020; padding: .5rem .75rem; margin: .5rem 0; }
            </style>
            </head>
            <body>
            <h1>Build failed</h1>
            <p>The preview keeps serving the last good build for other files. Save a fix and this page reloads.</p>
            <ul>
            \(items)
            </ul>
            \(ReloadInjector.script)
            </body>
            </html>

            """
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
