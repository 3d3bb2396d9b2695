// swift-tools-version: 6.0
import PackageDescription

/// Settings every Conform target shares, declared once.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Conform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conform", targets: ["conform"]),
        .library(name: "ConformKit", targets: [
            "ConformShape", "ConformSpec", "ConformHTTP", "ConformRunner", "ConformReport", "ConformDataModel",
            "ConformMock", "ConformInit", "ConformOpenAPI",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already resolved through Hummingbird; named here because the mock touches NIO channels
        // directly (SO_LINGER for the connection-reset fault).
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        // Comes with HummingbirdTLS; named here to check a certificate and key before serving.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
    ],
    targets: [
        // MARK: - System libraries and C shims
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib: Conform decodes gzip/deflate bodies itself, so a truncated stream is a transport
        // error (libcurl's decoder accepts a cut-off gzip body as complete).
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libyaml's event parser: specs are read event by event, so an alias (`*a`) is refused where
        // it is written and never expanded (a "billion laughs" file cannot grow memory).
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "CShims", dependencies: ["CCurl"]),

        // MARK: - Conform modules (data flows top to bottom)
        .target(name: "ConformShape", swiftSettings: strictSettings),
        .target(
            name: "ConformSpec",
            dependencies: ["ConformShape", "CYAML"],
            swiftSettings: strictSettings
        ),
        .target(name: "ConformHTTP", dependencies: ["CCurl", "CShims", "CZlib"], swiftSettings: strictSettings),
        .target(
            name: "ConformRunner",
            dependencies: ["ConformSpec", "ConformShape", "ConformHTTP"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ConformReport",
            dependencies: ["ConformRunner", "ConformSpec", "ConformShape", "CLibXML2"],
            swiftSettings: strictSettings
        ),
        .target(name: "ConformDataModel", dependencies: ["ConformShape", "CLibXML2"], swiftSettings: strictSettings),
        .target(
            name: "ConformMock",
            dependencies: [
                "ConformShape", "ConformDataModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                // HTTPS for `conform mock --tls-cert/--tls-key`; brings swift-nio-ssl (BoringSSL).
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                // HTTP/2 over TLS (ALPN h2) for `conform mock --http2`; brings swift-nio-http2.
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "ConformInit", dependencies: ["ConformDataModel"], swiftSettings: strictSettings),
        .target(name: "ConformOpenAPI", dependencies: ["ConformSpec", "ConformShape", "ConformInit", "ConformDataModel"], swiftSettings: strictSettings),
        .target(
            name: "ConformAudit",
            dependencies: ["ConformRunner", "ConformSpec", "ConformShape", "ConformHTTP", "ConformMock", "ConformDataModel"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "conform",
            dependencies: [
                "ConformAudit", "ConformOpenAPI",
                "ConformSpec", "ConformShape", "ConformHTTP", "ConformRunner", "ConformReport", "ConformDataModel",
                "ConformMock", "ConformInit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            // mimalloc (Debian's libmimalloc-dev) in place of glibc's malloc for the whole process:
            // a run allocates and frees millions of small blocks across threads (spec trees,
            // responses, results); 4 % less CPU per run (bench/FINDINGS.md). Only this program:
            // the fuzz targets keep the sanitizer's allocator.
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),

        // MARK: - Fuzz targets (`make fuzz`: built with -sanitize=fuzzer,address; a plain build replays files)
        .target(name: "ConformFuzzDriver", swiftSettings: strictSettings),
        .executableTarget(name: "conform-fuzz-yaml", dependencies: ["ConformSpec", "ConformFuzzDriver"], path: "Sources/ConformFuzzYAML",
                          swiftSettings: strictSettings),
        .executableTarget(name: "conform-fuzz-json", dependencies: ["ConformShape", "ConformFuzzDriver"], path: "Sources/ConformFuzzJSON",
                          swiftSettings: strictSettings),

        // MARK: - Tests (one target per module, plus end to end)
        .target(
            name: "ConformTestSupport",
            dependencies: ["CLibXML2", "ConformShape"],
            path: "Tests/ConformTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            // Tests/Corpus holds the data files the tests read in place (by #filePath).
            name: "ConformShapeTests", dependencies: ["ConformShape"], swiftSettings: strictSettings
        ),
        .testTarget(name: "ConformSpecTests", dependencies: ["ConformSpec", "ConformShape"], swiftSettings: strictSettings),
        .testTarget(
            name: "ConformOpenAPITests", dependencies: ["ConformOpenAPI", "ConformSpec", "ConformShape", "ConformTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformHTTPTests",
            dependencies: ["ConformHTTP", "ConformTestSupport", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformRunnerTests",
            dependencies: ["ConformRunner", "ConformSpec", "ConformShape", "ConformHTTP", "ConformTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformReportTests",
            dependencies: ["ConformReport", "ConformRunner", "ConformSpec", "ConformTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformDataModelTests", dependencies: ["ConformDataModel", "ConformShape"], swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformMockTests",
            // ConformHTTP: fault profiles are checked on a socket through the product's own client.
            dependencies: ["ConformMock", "ConformDataModel", "ConformShape", "ConformHTTP", "ConformTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConformInitTests",
            dependencies: [
                "ConformInit", "ConformDataModel", "ConformMock", "ConformShape", "ConformSpec", "ConformRunner", "ConformHTTP",
                "ConformTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["conform", "ConformTestSupport", "ConformHTTP", "ConformShape", "ConformSpec"],
            swiftSettings: strictSettings
        ),
    ]
)
