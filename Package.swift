// swift-tools-version: 6.1
import PackageDescription

// Layers, lowest first; each arrow points from a target to what it imports (checked by
// Tests/BookingCoreTests/LayerLintTests.swift). It is a diamond, not a line:
//   Storage → BookingCore;  StorageSQLite, StoragePostgres → Storage;  StorageRedis → Storage, Redis
//   TelegramSandbox → TelegramBotAPI
//   BotFlows → BookingCore, Storage, TelegramBotAPI            (no server, no driver)
//   Import → BookingCore, Storage                              (reads the original bot's databases: SQLiteNIO, PostgresNIO)
//   Payments (YooKassa's API);  YooKassaSandbox → Payments
//   App → BotFlows, Import, the stores, TelegramBotAPI, Payments                (the service; no sandbox; the only target with metrics:
//                                                               swift-metrics and swift-prometheus)
//   ZapisTools → App, TelegramSandbox, YooKassaSandbox                         (demo, bench, fuzzer)
//   zapis → App, ZapisTools                                    (the executable)
let package = Package(
    name: "zapis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zapis", targets: ["zapis"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: ["JSON"]),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The domain: pure Swift, no package imports.
        .target(name: "BookingCore"),
        // Typed Telegram Bot API and its HTTP client.
        .target(
            name: "TelegramBotAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                // HMAC-SHA256 for the Mini App initData check.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Store protocols and in-memory implementations.
        .target(name: "Storage", dependencies: ["BookingCore"]),
        .target(
            name: "StorageSQLite",
            dependencies: [
                "Storage", "BookingCore", .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "StoragePostgres",
            dependencies: [
                "Storage", "BookingCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A small RESP2/3 client on SwiftNIO (no Redis package exists on our machines).
        .target(
            name: "Redis",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Conversation state, rate limits and dedupe on Redis, one key prefix per tenant.
        .target(name: "StorageRedis", dependencies: ["Redis", "Storage", "BookingCore", .product(name: "Logging", package: "swift-log")]),
        // Conversations: update + state → new state + Bot API calls. No server, no driver.
        .target(name: "BotFlows", dependencies: ["BookingCore", "Storage", "TelegramBotAPI"]),
        // Reading the original bot's databases (PostgreSQL schema per client, older SQLite file) and mapping them to ours.
        .target(
            name: "Import",
            dependencies: [
                "BookingCore", "Storage", .product(name: "SQLiteNIO", package: "sqlite-nio"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A local Bot API server for many bots with simulated users.
        .target(
            name: "TelegramSandbox",
            dependencies: [
                "TelegramBotAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/chat.html")]
        ),
        // YooKassa's API: wire types and a client with idempotence keys (no server, no store).
        .target(
            name: "Payments",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        // A local YooKassa for tests and the demo: payments, a confirmation page, notifications (forged ones on demand).
        .target(
            name: "YooKassaSandbox",
            dependencies: [
                "Payments", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The service: HTTP routes, intake, pollers, configuration, wiring.
        .target(
            name: "App",
            dependencies: [
                "BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "StorageRedis", "BotFlows", "Import", "Payments",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The operator API's OpenAPI document, kept as the JSON it is.
            // and the Mini App's page, script and styles (served as they are: no build toolchain).
            resources: [
                .copy("OperatorAPI/openapi.json"), .copy("MiniApp/Resources/index.html"), .copy("MiniApp/Resources/app.js"),
                .copy("MiniApp/Resources/app.css"),
            ]
        ),
        // What is not the service: the demo (a sandbox Telegram with a seeded salon), the load benchmark and the
        // fuzzer. `zapis` links it; the service library does not.
        .target(
            name: "ZapisTools",
            dependencies: [
                "App", "BookingCore", "TelegramBotAPI", "Storage", "StorageSQLite", "StoragePostgres", "BotFlows", "TelegramSandbox",
                "Payments", "YooKassaSandbox", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "zapis",
            dependencies: [
                "App", "ZapisTools", .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "SchedulingBenchmark", dependencies: ["BookingCore"], path: "Benchmarks/SchedulingBenchmark"),
        .testTarget(name: "BookingCoreTests", dependencies: ["BookingCore"]),
        .testTarget(
            name: "TelegramSandboxTests",
            dependencies: [
                "TelegramSandbox", "TelegramBotAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "TelegramBotAPITests",
            dependencies: [
                "TelegramBotAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "StorageSQLite", "StoragePostgres", "BookingCore", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "RedisTests",
            dependencies: ["Redis", "StorageRedis", "Storage", "BookingCore", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "BotFlowsTests",
            dependencies: ["BotFlows", "Storage", "BookingCore", "TelegramBotAPI"],
            // Recorded journeys, read through #filePath.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "ZapisTools", "TelegramSandbox", "TelegramBotAPI", "StorageSQLite", "StoragePostgres", "Storage", "BookingCore", "Import",
                "BotFlows", "Payments", "YooKassaSandbox", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // The original bot's databases for the import tests, read through #filePath.
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
