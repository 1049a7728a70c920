import BullpenCore
import Foundation
import Glibc
import Testing

/// Repeatable jobs with real processes: several workers fire ticks, the supervisor follows the file.
@Suite(.timeLimit(.minutes(2))) struct ScheduleEndToEndTests {
    @Test func threeWorkerProcessesAddExactlyOneJobPerTick() async throws {
        let world = try CLIWorld()
        let topology = try world.write("bullpen.yaml", """
            redis: \(CLIWorld.redis.url)
            prefix: \(world.prefix)
            queues:
              beats:
                handler: { exec: [/bin/sh, -c, 'cat >/dev/null'] }
            """)
        let added = try await world.run(["schedules", "add", "beats", "beat", "--every", "250ms", "--config", topology], connect: false)
        #expect(added.code == 0, "\(added)")
        let workers = try (0..<3).map {
            try BullpenProcessUnderTest.start(["worker", "--config", topology, "--queue", "beats", "--worker-id", "w\($0)"], in: world, log: "w\($0).log")
        }
        defer { for worker in workers { worker.kill() } }
        let queue = try world.queue("beats")
        #expect(await eventually(timeout: .seconds(20)) { (try? await queue.counts().completed) ?? 0 >= 12 })
        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers { _ = await worker.waitForExit(timeout: .seconds(5)) }

        // Every job the schedule added, whatever its state now (the workers stopped mid-run).
        var ids: [String] = []
        for state in [JobState.completed, .waiting, .active] { ids += try await queue.jobs(state, limit: 1000).jobs.map(\.id) }
        let ticks = ids.compactMap { Int64($0.split(separator: "@").last ?? "") }.sorted()
        #expect(ticks.count == ids.count && Set(ticks).count == ticks.count)
        // Consecutive ticks, 250 ms apart: no duplicate and no gap.
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $1 - $0 == 250 })
        let listed = try await world.run(["schedules", "list", "beats", "--json", "--config", topology], connect: false)
        #expect(listed.code == 0)
        #expect(listed.stdout.contains("\"runs\" : \(ticks.count)") || listed.stdout.contains("\"runs\":\(ticks.count)"))
    }

    @Test func theSupervisorFollowsTheFilesSchedulesOnReload() async throws {
        let world = try CLIWorld()
        func topology(_ schedules: String) -> String {
            """
            redis: \(CLIWorld.redis.url)
            prefix: \(world.prefix)
            queues:
              reports:
                handler: { exec: [/bin/sh, -c, 'cat >/dev/null'] }
            \(schedules)
            """
        }
        let path = try world.write("bullpen.yaml", topology("""
                schedules:
                  daily: { cron: "0 9 * * *", tz: UTC }
                  hourly: { every: 1h }
            """))
        let supervisor = try BullpenProcessUnderTest.start(["supervise", "--config", path], in: world, log: "supervisor.log")
        defer { supervisor.kill() }
        let queue = try world.queue("reports")
        #expect(await eventually { (try? await queue.schedules().map(\.schedule.id)) == ["daily", "hourly"] })
        try world.write("bullpen.yaml", topology("""
                schedules:
                  daily: { cron: "0 10 * * *", tz: Europe/Berlin }
            """))
        supervisor.signal(SIGHUP)
        #expect(await eventually { (try? await queue.schedules().map(\.schedule.id)) == ["daily"] })
        let daily = try #require(try await queue.schedules().first)
        #expect(daily.schedule.cron == "0 10 * * *" && daily.schedule.timeZone == "Europe/Berlin")
        supervisor.signal(SIGTERM)
        #expect(await supervisor.waitForExit(timeout: .seconds(10))?.isSuccess == true, "\(supervisor.log)")
    }
}
