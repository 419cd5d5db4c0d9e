public import Foundation

/// One template's text and where it came from (the path is used in error messages).
public struct TemplateSource: Sendable {
    /// The name partials and parents use, e.g. "partials/header".
    public let name: String
    /// The path shown in diagnostics.
    public let path: String
    /// The template text.
    public let text: String

    /// Creates a source.
    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }
}

extension TemplateSource {
    /// Reads every *.mustache under `folder`, names relative without extension ("partials/header"); `displayPrefix` is prepended to paths in messages (e.g. "Templates/").
    public static func load(folder: URL, displayPrefix: String) throws -> [TemplateSource] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
        }
        var sources: [TemplateSource] = []
        for case let url as URL in enumerator where url.pathExtension == "mustache" {
            let file = url.standardizedFileURL.resolvingSymlinksInPath()
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(file.path.dropFirst(rootPath.count))
            let name = String(relative.dropLast(".mustache".count))
            let text = try String(contentsOf: file, encoding: .utf8)
            sources.append(TemplateSource(name: name, path: displayPrefix + relative, text: text))
        }
        // Directory order differs between file systems; sorting keeps builds reproducible.
        return sources.sorted { $0.name < $1.name }
    }
}
