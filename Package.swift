// swift-tools-version: 6.2
import PackageDescription

/// Settings shared by every Broadsheet target.
let swiftSettings: [SwiftSetting] = [
    // `any` spelled out keeps existential costs visible in hot paths.
    .enableUpcomingFeature("ExistentialAny"),
    // Imports stay internal unless a module re-exports on purpose: narrow front doors.
    .enableUpcomingFeature("InternalImportsByDefault"),
    // A file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // No warnings: they fail the build of our own targets (dependencies are left alone).
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Broadsheet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "broadsheet", targets: ["broadsheet"]),
        .executable(name: "template-bench", targets: ["TemplateBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),

        // Atomic directory swap for the output folder, which Swift's Glibc module does not expose.
        .target(name: "CBroadsheetSystem"),

        // MARK: - Default theme, embedded from Templates/ at build time
        .executableTarget(name: "ThemeEmbedder", swiftSettings: swiftSettings),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .target(name: "BroadsheetTheme", swiftSettings: swiftSettings, plugins: ["EmbedTheme"]),

        // MARK: - Pipeline stages
        .target(name: "BroadsheetCore", dependencies: ["CBroadsheetSystem"], swiftSettings: swiftSettings),
        .target(name: "BroadsheetTemplates", exclude: ["README.md"], swiftSettings: swiftSettings),
        .target(
            name: "BroadsheetContent",
            dependencies: ["BroadsheetCore", "BroadsheetMarkdown", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetModel",
            dependencies: ["BroadsheetCore", "BroadsheetContent", "BroadsheetMarkdown"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetOutput",
            dependencies: ["BroadsheetCore", "CBroadsheetSystem"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetRender",
            dependencies: [
                "BroadsheetCore", "BroadsheetContent", "BroadsheetMarkdown", "BroadsheetModel", "BroadsheetTemplates",
                "BroadsheetTheme",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetBuild",
            dependencies: ["BroadsheetCore", "BroadsheetContent", "BroadsheetModel", "BroadsheetRender", "BroadsheetOutput"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetMarkdown",
            dependencies: ["CCmarkGFM", "BroadsheetCore"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Front ends
        .target(
            name: "BroadsheetServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BroadsheetCommands",
            dependencies: [
                "BroadsheetCore", "BroadsheetBuild", "BroadsheetServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "broadsheet",
            dependencies: ["BroadsheetCommands", "CBroadsheetSystem"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TemplateBench",
            dependencies: ["BroadsheetTemplates"],
            path: "Sources/TemplateBench",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .target(
            name: "TestSupport",
            dependencies: ["BroadsheetBuild", "BroadsheetCore"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BroadsheetSiteTests",
            dependencies: ["TestSupport", "BroadsheetBuild", "BroadsheetContent", "BroadsheetCore", "BroadsheetOutput"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "BroadsheetCoreTests", dependencies: ["BroadsheetCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BroadsheetTemplatesTests",
            dependencies: ["BroadsheetTemplates"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BroadsheetMarkdownTests",
            dependencies: ["BroadsheetMarkdown"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BroadsheetServerTests",
            dependencies: ["BroadsheetServer", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // Runs the real `broadsheet` executable (built by `swift build --build-tests`) as a user would.
        .testTarget(name: "BroadsheetCLITests", dependencies: ["TestSupport", "BroadsheetCommands"], swiftSettings: swiftSettings),
    ]
)
