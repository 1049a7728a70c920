import BullpenCore
import BullpenProcess
import BullpenRedis
import Foundation
import Glibc
import Testing

/// The example app as a newcomer runs it: its supervisor on a copy of etc/bullpen.yaml (with its own
/// embedded Redis), jobs added with its CLI, outputs read from disk, then a drain.
@Suite(.timeLimit(.minutes(2))) struct ExampleAppEndToEndTests {
    /// The repository's root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func theExampleTopologyRunsAllThreeQueuesAndDrains() async throws {
        let world = try CLIWorld()
        let app = (try BullpenExecutable.path as NSString).deletingLastPathComponent + "/bullpen-example"
        var topology = try String(contentsOfFile: Self.repository + "/etc/bullpen.yaml", encoding: .utf8)
        topology = topology.replacingOccurrences(of: "embedded_redis: { dir: ../var/redis }", with: "embedded_redis: { dir: redis }")
        #expect(topology.contains("embedded_redis: { dir: redis }"))
        let config = try world.write("bullpen.yaml", topology)
        let environment = [
            "BULLPEN_MAILDROP=\(world.directory)/maildrop", "BULLPEN_THUMBNAILS=\(world.directory)/thumbnails",
            "BULLPEN_REPORTS=\(world.directory)/reports", "BULLPEN_TEMPLATES=\(Self.repository)/examples/templates",
            "BULLPEN_ORDERS=\(Self.repository)/examples/data/orders.csv",
        ]
        let supervisor = try BullpenProcessUnderTest.start(["supervise", "--config", config], in: world, log: "supervisor.log",
                                                           executable: app, environment: environment)
        defer { supervisor.kill() }
        let pool = RedisPool(RedisConfiguration(address: .unix(path: world.directory + "/redis/redis.sock")), size: 1)
        #expect(await eventually(timeout: .seconds(30)) { (try? await WorkerStatus.all(prefix: "bullpen", on: pool.client()).count) == 4 },
                "\(supervisor.log)")

        func add(_ arguments: [String]) async throws {
            let command = CommandRun(
                executable: app, arguments: ["add"] + arguments + ["--config", config],
                environment: ["PATH=/usr/bin:/bin"], workingDirectory: world.directory, timeout: .seconds(30))
            let result = try await command.runOnOwnThread()
            #expect(result.status.isSuccess, "\(String(decoding: result.stderrTail, as: UTF8.self))")
        }
        let welcome = #"{"to":"ada@example.com","template":"welcome","vars":{"name":"Ada"},"idempotencyKey":"welcome:ada"}"#
        try await add(["emails", "welcome", welcome])
        try await add(["emails", "welcome", welcome])
        try await add(["images", "thumbnail", #"{"path":"\#(Self.repository)/examples/images/sample.ppm","maxSide":64}"#])
        try await add(["reports", "daily-revenue", "{}"])

        let queues = try ["emails", "images", "reports"].map { try Queue($0, redis: pool) }
        for (queue, expected) in zip(queues, [2, 1, 1]) {
            #expect(await eventually(timeout: .seconds(30)) { (try? await queue.counts().completed) == expected }, "\(queue.name)")
        }
        let mail = try FileManager.default.contentsOfDirectory(atPath: world.directory + "/maildrop").filter { $0.hasSuffix(".eml") }
        #expect(mail.count == 1)
        let message = try String(contentsOfFile: world.directory + "/maildrop/" + mail[0], encoding: .utf8)
        #expect(message.contains("To: ada@example.com") && message.contains("Ada"))
        let thumbnails = try FileManager.default.contentsOfDirectory(atPath: world.directory + "/thumbnails")
        #expect(thumbnails.count == 1)
        let header = try #require(FileManager.default.contents(atPath: world.directory + "/thumbnails/" + thumbnails[0])).prefix(12)
        #expect(String(decoding: header, as: UTF8.self).hasPrefix("P6\n64 48\n"))
        let reports = try FileManager.default.contentsOfDirectory(atPath: world.directory + "/reports")
        #expect(reports.count == 1 && reports[0].hasPrefix("revenue-"))
        // The second email was a repeat: it completed without a second delivery, and said so in its log.
        let second = try #require(try await queues[0].job("2"))
        #expect(second.logs.contains { $0.contains("already delivered") })
        // The topology's cron schedule is in place.
        #expect(try await queues[2].schedules().map(\.schedule.id) == ["daily-revenue"])

        supervisor.signal(SIGTERM)
        let status = await supervisor.waitForExit(timeout: .seconds(40))
        #expect(status?.isSuccess == true, "\(supervisor.log)")
        #expect(!FileManager.default.fileExists(atPath: world.directory + "/redis/redis.sock") || processes(matching: world.directory + "/redis").isEmpty)
    }
}
