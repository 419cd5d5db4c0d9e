public import BroadsheetCore
import Foundation

/// Refuses output folders whose replacement would destroy something that is not a built site.
public enum OutputGuard {
    /// Every reason the layout's output folder must not be written, as diagnostics (empty when it is safe).
    public static func check(_ layout: SiteLayout) -> [Diagnostic] {
        let at = SourceLocation(file: "--output", line: 0, column: 0)
        let output = layout.output.resolvedPath
        let root = layout.root.resolvedPath
        let hint = "choose a folder of its own, such as \(layout.relativePath(layout.root.appending(path: "Output")))"
        func refuse(_ reason: String) -> [Diagnostic] {
            [.error("refusing to write the site into \(layout.output.path(percentEncoded: false)): \(reason)", at: at, hint: hint)]
        }
        if output == "/" { return refuse("it is the root folder") }
        if output == root { return refuse("it is the site folder itself") }
        if root.hasPrefix(output + "/") { return refuse("it contains the site folder") }
        for (name, folder) in [("Content/", layout.content), ("Templates/", layout.templates)] {
            let inner = folder.resolvedPath
            if output == inner || output.hasPrefix(inner + "/") { return refuse("it is inside \(name)") }
        }
        if let home = ProcessInfo.processInfo.environment["HOME"], output == URL(filePath: home).resolvedPath {
            return refuse("it is your home folder")
        }
        var isDirectory: ObjCBool = false
        let path = layout.output.path(percentEncoded: false)
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            return refuse("it is a symbolic link")
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue { return refuse("it is a file") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let visible = names.filter { !$0.hasPrefix(".") }
        if !visible.isEmpty, !names.contains("index.html"), !names.contains("404.html") {
            return refuse("it holds files that do not look like a built site, and a build replaces the whole folder")
        }
        return []
    }
}
