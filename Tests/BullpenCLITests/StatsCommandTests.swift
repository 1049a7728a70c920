import BullpenCore
import Foundation
import Testing

/// A world with two queues: `a` (two waiting jobs, paused) and `b` (one delayed job).
private func setup() async throws -> CLIWorld {
    let world = try CLIWorld()
    let a = try world.queue("a")
    try await a.addBulk([NewJob("x"), NewJob("y")])
    try await a.pause()
    try await world.queue("b").add("z", json: "{}", options: JobOptions(delay: .seconds(60)))
    return world
}

@Suite struct StatsCommandTests {
    @Test func tableShowsEveryQueueRedisKnows() async throws {
        let world = try await setup()
        let result = try await world.run(["stats"])
        #expect(result.code == 0, "\(result)")
        let rows = result.lines.map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [
            ["QUEUE", "WAITING", "PRIORITIZED", "DELAYED", "ACTIVE", "COMPLETED", "FAILED", "PAUSED", "DEAD-LETTER"],
            ["a", "(paused)", "0", "0", "0", "0", "0", "0", "2", "0"],
            ["b", "0", "0", "1", "0", "0", "0", "0", "0"],
        ])
    }

    @Test func jsonForScripts() async throws {
        let world = try await setup()
        let json = try (await world.run(["stats", "b", "--json"])).json()
        let queues = try #require(json["queues"] as? [[String: Any]])
        #expect(queues.count == 1)
        #expect(queues[0]["name"] as? String == "b")
        #expect(queues[0]["delayed"] as? Int == 1 && queues[0]["waiting"] as? Int == 0)
        #expect(queues[0]["isPaused"] as? Bool == false && queues[0]["deadLetter"] as? Int == 0)
    }

    @Test func watchRefreshesUntilTheCount() async throws {
        let world = try await setup()
        let result = try await world.run(["stats", "a", "--watch", "--count", "3", "--interval", "10ms"])
        #expect(result.code == 0, "\(result)")
        let clear = "\u{1B}[H\u{1B}[2J"
        #expect(result.stdout.components(separatedBy: clear).count == 4)
        #expect(result.stdout.components(separatedBy: "QUEUE").count == 4)
        let json = try await world.run(["stats", "--watch", "--count", "2", "--interval", "10ms", "--json"])
        #expect(json.lines.count == 2 && !json.stdout.contains(clear))
    }

    @Test func noQueuesIsANoteNotAnError() async throws {
        let world = try CLIWorld()
        let result = try await world.run(["stats"])
        #expect(result.code == 0)
        #expect(result.lines.count == 1)
        #expect(result.stderr.contains("no queues known under prefix \(world.prefix)"))
    }

    @Test func badIntervalIsAUsageError() async throws {
        let world = try await setup()
        let result = try await world.run(["stats", "--watch", "--interval", "2"])
        #expect(result.code == 64 && result.stderr.contains("did you mean 2s?"), "\(result)")
    }
}
