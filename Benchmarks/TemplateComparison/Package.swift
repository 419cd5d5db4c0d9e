// swift-tools-version: 6.2
import PackageDescription

// Side-by-side speed of Broadsheet's template engine and swift-mustache on the reference page.
// Kept out of the main package so the main build never fetches swift-mustache.
// The engine's sources are reached through the `Sources/BroadsheetTemplates` symlink because the
// root package exports no library product for them.
let package = Package(
    name: "TemplateComparison",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .target(
            name: "BroadsheetTemplates",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "TemplateComparison",
            dependencies: ["BroadsheetTemplates", .product(name: "Mustache", package: "swift-mustache")]
        ),
    ]
)
