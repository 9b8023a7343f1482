// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "replay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "replay", targets: ["ReplayCLI"]),
        .library(name: "Replay", targets: ["Replay"]),
        .library(name: "Analytics", targets: ["Analytics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        /// System zlib (Debian `zlib1g-dev`): deflate for the simulator (and the tests' gzip fixtures).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        /// Intel ISA-L (Debian `libisal-dev`): streaming inflate for every gzip member, ~2.8x faster than
        /// zlib's on the benchmark corpus (docs/decisions.md, "Gzip decoding").
        .systemLibrary(
            name: "CISAL",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        /// JSON string decoding with AVX-512 (a C target: Swift has no portable byte-compress), used
        /// when the CPU has it; `JSONScanner.decodeString` is the portable path and the reference.
        .target(name: "CJSONString"),
        /// SQLite's process-wide settings, whose C API is variadic (the system SQLite, `libsqlite3-dev`).
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        /// Ingest and replay: bytes -> events -> SQLite -> timeline.
        .target(
            name: "Replay",
            dependencies: [
                "CISAL",
                "CJSONString",
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The ingest hot path runs with no overlapping accesses by construction; the dynamic
            // exclusivity checks on class properties and closure captures were ~6% of ingest's
            // instructions (callgrind, bench/README.md). Debug builds (and the tests) keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        /// Causes, metrics and the written postmortem.
        .target(
            name: "Analytics",
            dependencies: [
                "Replay",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Rules/Bundled"), .copy("Report/Templates")]
        ),
        /// Synthetic incidents written in every export shape, with their ground truth.
        .target(
            name: "Simulation",
            dependencies: ["Replay", "CZlib"]
        ),
        /// The `replay` command: a thin shell over the libraries.
        .executableTarget(
            name: "ReplayCLI",
            dependencies: [
                "Replay", "Analytics", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // CZlib: the gzip decoder's tests build their fixtures with zlib's deflate.
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "CZlib", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AnalyticsTests", dependencies: ["Analytics", "Replay", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Report/Golden"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Replay", "Analytics"]),
        /// Every simulated scenario analysed end to end and scored against its truth with `../shared/tools/score.py`.
        .testTarget(name: "ScenarioTests", dependencies: ["Simulation", "Replay", "Analytics"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v5]
)
