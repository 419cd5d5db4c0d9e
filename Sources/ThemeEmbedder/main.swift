import Foundation

// Writes a Swift file holding every file of a theme folder: text as raw string literals, anything else
// as base64. Run by the EmbedTheme build plugin; the output lives in the build folder, never in Sources/.

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder TEMPLATES_DIR OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(filePath: arguments[1], directoryHint: .isDirectory).standardizedFileURL
let output = URL(filePath: arguments[2])

var files: [(path: String, data: Data)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
        let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
        // README files document the theme; they are not part of it.
        guard !relative.hasPrefix("."), relative != "README.md" else { continue }
        files.append((relative, try Data(contentsOf: url)))
    }
}
files.sort { $0.path < $1.path }

func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var source = "// Generated from Templates/ by ThemeEmbedder at build time. Do not edit.\n\n"
source += "extension DefaultTheme {\n    static let embedded: [EmbeddedFile] = [\n"
for file in files {
    let escapedPath = file.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    if let text = String(data: file.data, encoding: .utf8), !text.contains("\r") {
        source += "        EmbeddedFile(path: \"\(escapedPath)\", text: \(literal(text))),\n"
    } else {
        source += "        EmbeddedFile(path: \"\(escapedPath)\", base64: \"\(file.data.base64EncodedString())\"),\n"
    }
}
source += "    ]\n}\n"
try Data(source.utf8).write(to: output, options: .atomic)
