// swift-tools-version:6.1
import PackageDescription

// Targets are split by responsibility; dependency arrows point one way:
//   CHiredis -> BullpenRedis -> BullpenCore -> BullpenWorker ----> Bullpen (the CLI) -> executables
//                               BullpenCore -> BullpenSupervisor -^
// beside them: BullpenCron (calendar math) under BullpenCore and BullpenTopology (the topology file),
// BullpenProcess (spawning, signals) under the worker and the supervisor.
let package = Package(
    name: "Bullpen",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Bullpen", targets: ["Bullpen"]),
        .executable(name: "bullpen", targets: ["bullpen"]),
        .executable(name: "bullpen-example", targets: ["BullpenExample"]),
        .executable(name: "bullpen-bench", targets: ["BullpenBench"]),
        .executable(name: "bullpen-peer-adapter", targets: ["BullpenPeerAdapter"]),
        .executable(name: "bullpen-battery", targets: ["BullpenBatteryRunner"]),
        .executable(name: "bullpen-battery-app", targets: ["BullpenBatteryApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C: hiredis, and the few POSIX calls Swift cannot make directly.
        .systemLibrary(name: "CHiredis", path: "Sources/CHiredis"),
        .target(name: "CBullpenSystem", path: "Sources/CBullpenSystem"),

        // The Redis client over hiredis.
        .target(name: "BullpenRedis", dependencies: ["CHiredis"]),

        // Spawning processes, signals and wait statuses.
        .target(name: "BullpenProcess", dependencies: ["CBullpenSystem"]),

        // Jobs, options, queues, keys and the Lua scripts (embedded at build time).
        .executableTarget(name: "EmbedLua", path: "Sources/EmbedLua"),
        .plugin(name: "EmbedLuaScripts", capability: .buildTool(), dependencies: ["EmbedLua"]),
        .target(
            name: "BullpenCore",
            dependencies: ["BullpenRedis", "BullpenCron"],
            exclude: ["Scripts"],
            plugins: ["EmbedLuaScripts"]
        ),

        // Calendar math for repeatable jobs: cron expressions, intervals, time zones.
        .target(name: "BullpenCron"),

        // The topology file (etc/bullpen.yaml): parsing and validation, with line and column in every error.
        .target(
            name: "BullpenTopology",
            dependencies: ["BullpenCron", .product(name: "Yams", package: "Yams")]
        ),

        // The worker runtime: fetch loop, concurrency, leases, rate limits, handlers, exec handler.
        .target(name: "BullpenWorker", dependencies: ["BullpenCore", "BullpenProcess"]),

        // The supervisor: topology, process slots, spawning, signals, reload, systemd notify.
        .target(
            name: "BullpenSupervisor",
            dependencies: ["BullpenCore", "BullpenTopology", "BullpenProcess"]
        ),

        // The library an app imports: the whole CLI and `Bullpen.main(handlers:)`.
        .target(
            name: "Bullpen",
            dependencies: [
                "BullpenCore", "BullpenWorker", "BullpenSupervisor", "BullpenTopology",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "bullpen", dependencies: ["Bullpen"]),
        .executableTarget(name: "BullpenExample", dependencies: ["Bullpen", "ExampleHandlers"]),
        // The example app's handlers for the seed's queues: emails, images, reports.
        .target(name: "ExampleHandlers", dependencies: ["BullpenWorker"]),
        .executableTarget(name: "BullpenBench", dependencies: ["BullpenCore", "BullpenTestSupport"]),
        // The adapter that plugs Bullpen into the peer benchmark of the shared folder (scripts/bench-peers.sh).
        .executableTarget(name: "BullpenPeerAdapter", dependencies: ["BullpenWorker", "BullpenProcess"]),

        // The fault-injection battery: scenarios that start their own Redis and supervisor, inject faults
        // (kills, restarts, stops, bad input), and count lost jobs from a ledger the app's handlers write.
        .target(name: "BullpenBattery", dependencies: ["BullpenWorker", "BullpenTestSupport"]),
        .executableTarget(name: "BullpenBatteryRunner", dependencies: ["BullpenBattery"]),
        // The app the battery supervises: the whole CLI with the ledger handler.
        .executableTarget(name: "BullpenBatteryApp", dependencies: ["Bullpen", "BullpenBattery"]),

        // Tests: one target per source target, plus a helper that runs a private redis-server.
        .target(name: "BullpenTestSupport", dependencies: ["BullpenRedis", "BullpenProcess"]),
        .testTarget(name: "EmbedLuaTests", dependencies: ["EmbedLua"]),
        .testTarget(name: "BullpenRedisTests", dependencies: ["BullpenRedis", "BullpenTestSupport"]),
        .testTarget(name: "BullpenProcessTests", dependencies: ["BullpenProcess"]),
        .testTarget(name: "BullpenCronTests", dependencies: ["BullpenCron"]),
        .testTarget(name: "BullpenTopologyTests", dependencies: ["BullpenTopology"]),
        .testTarget(name: "BullpenCoreTests", dependencies: ["BullpenCore", "BullpenTestSupport"]),
        .testTarget(name: "BullpenWorkerTests", dependencies: ["BullpenWorker", "BullpenTestSupport"]),
        // A test fixture, never shipped: runs `Supervisor` in a process of its own (with recording hooks)
        // and doubles as the fake worker it spawns, since the supervisor blocks signals and reaps any child.
        .executableTarget(
            name: "BullpenSupervisorTestHost",
            dependencies: ["BullpenSupervisor", "BullpenTopology", "BullpenProcess"],
            path: "Tests/BullpenSupervisorTestHost"
        ),
        .testTarget(
            name: "BullpenSupervisorTests",
            dependencies: ["BullpenSupervisor", "BullpenTopology", "BullpenProcess", "BullpenSupervisorTestHost"]
        ),
        .testTarget(name: "BullpenCLITests", dependencies: ["Bullpen", "BullpenTestSupport", "BullpenCore", "BullpenRedis"]),
        .testTarget(name: "ExampleHandlersTests", dependencies: ["ExampleHandlers", "BullpenTestSupport"]),
        .testTarget(name: "BullpenBatteryTests", dependencies: ["BullpenBattery", "BullpenBatteryApp", "BullpenProcess"]),
    ],
    swiftLanguageModes: [.v6]
)
