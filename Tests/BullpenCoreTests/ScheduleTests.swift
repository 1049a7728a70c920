import BullpenCore
import BullpenRedis
import Testing

@Suite(.timeLimit(.minutes(2))) struct ScheduleTests {
    /// Waits on the Redis clock until `instant` has passed.
    func waitUntil(_ queue: Queue, passes instant: Int64) async throws {
        while try await redisNow(queue) <= instant { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func eachTickAddsExactlyOneJobHoweverManyFire() async throws {
        let queue = try makeQueue()
        let first = try #require(try await queue.upsertSchedule(JobSchedule(id: "beat", every: .milliseconds(200), jobName: "beat")))
        var fired: [String] = []
        while fired.count < 5 {
            let tick = try #require(try await queue.schedules().first?.next)
            try await waitUntil(queue, passes: tick)
            // Five racing "workers" fire what is due: each tick is added by one of them only.
            fired += try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<5 { group.addTask { try await queue.fireDueSchedules().added } }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
        }
        let ticks = fired.compactMap { Int64($0.split(separator: "@")[1]) }.sorted()
        #expect(Set(fired).count == fired.count)
        #expect(ticks.first == first)
        // Ticks fall on multiples of the interval (anchor 0), one after the other: no gap, no duplicate.
        #expect(ticks.allSatisfy { $0 % 200 == 0 })
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $1 - $0 == 200 })
        #expect(try await queue.counts().waiting == fired.count)
        #expect(try await queue.schedules().first?.runs == fired.count)
    }

    @Test func aLimitStopsTheScheduleAfterNRuns() async throws {
        let queue = try makeQueue()
        try await queue.upsertSchedule(JobSchedule(id: "thrice", every: .milliseconds(100), limit: 3))
        var added: [String] = []
        while let tick = try await queue.schedules().first?.next {
            try await waitUntil(queue, passes: tick)
            added += try await queue.fireDueSchedules().added
        }
        #expect(added.count == 3)
        #expect(try await queue.schedules().first?.runs == 3)
    }

    @Test func upsertChangesTheCadenceWithoutADuplicateOrAGap() async throws {
        let queue = try makeQueue()
        try await queue.upsertSchedule(JobSchedule(id: "s", every: .seconds(3600)))
        let unchanged = try await queue.upsertSchedule(JobSchedule(id: "s", every: .seconds(3600)))
        #expect(try await queue.schedules().first?.next == unchanged)
        let faster = try #require(try await queue.upsertSchedule(JobSchedule(id: "s", every: .milliseconds(100))))
        #expect(faster - (try await redisNow(queue)) <= 100)
        try await waitUntil(queue, passes: faster)
        #expect(try await queue.fireDueSchedules().added == ["s@\(faster)"])
        #expect(try await queue.schedules().count == 1)
    }

    @Test func removeStopsIt() async throws {
        let queue = try makeQueue()
        let tick = try #require(try await queue.upsertSchedule(JobSchedule(id: "gone", every: .milliseconds(100))))
        #expect(try await queue.removeSchedule("gone"))
        #expect(try await !queue.removeSchedule("gone"))
        try await waitUntil(queue, passes: tick)
        #expect(try await queue.fireDueSchedules().added.isEmpty)
        #expect(try await queue.counts().waiting == 0)
    }

    @Test func missedTicksAreNotReplayedButCatchUpRunsTheLastOnce() async throws {
        let queue = try makeQueue()
        try await queue.upsertSchedule(JobSchedule(id: "skip", every: .milliseconds(50)))
        try await queue.upsertSchedule(JobSchedule(id: "catch", every: .milliseconds(50), catchUp: true))
        // "Downtime": nobody fires for a while; with a grace of 0 every past tick counts as missed.
        let before = try await redisNow(queue)
        try await waitUntil(queue, passes: before + 400)
        let added = try await queue.fireDueSchedules(misfireGrace: .zero).added
        #expect(added.count == 1)
        // Catch-up ran the last missed tick, not the first.
        #expect((Int64(added.first?.split(separator: "@").last ?? "") ?? 0) >= before + 350)
        #expect(added.first?.hasPrefix("catch@") == true)
        // Both resume after the downtime: none of the missed ticks is left to fire.
        #expect(try await queue.schedules().allSatisfy { ($0.next ?? 0) > before + 400 })
    }

    @Test func cronSchedulesPlanTheirNextTickInTheirTimeZone() async throws {
        let queue = try makeQueue()
        let next = try #require(try await queue.upsertSchedule(JobSchedule(id: "daily", cron: "0 9 * * *", timeZone: "Europe/Berlin")))
        let rule = try JobSchedule(id: "daily", cron: "0 9 * * *", timeZone: "Europe/Berlin").rule()
        #expect(next == rule.next(after: try await redisNow(queue) - 1000))
        await #expect(throws: QueueError.self) {
            try await queue.upsertSchedule(JobSchedule(id: "bad", cron: "61 * * * *"))
        }
        await #expect(throws: QueueError.self) {
            try await queue.upsertSchedule(JobSchedule(id: "badzone", cron: "0 9 * * *", timeZone: "Mars/Olympus"))
        }
    }

    @Test func syncFollowsTheTopologyAndLeavesOtherSchedulesAlone() async throws {
        let queue = try makeQueue()
        try await queue.upsertSchedule(JobSchedule(id: "mine", every: .seconds(60)))
        try await queue.syncSchedules([JobSchedule(id: "a", every: .seconds(60)), JobSchedule(id: "b", every: .seconds(60))])
        try await queue.syncSchedules([JobSchedule(id: "b", every: .seconds(30))])
        let states = try await queue.schedules()
        #expect(states.map(\.schedule.id) == ["b", "mine"])
        #expect(states.first?.schedule.every == 30_000)
    }
}
