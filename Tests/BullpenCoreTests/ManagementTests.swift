import BullpenCore
import BullpenRedis
import BullpenTestSupport
import Glibc
import Testing

@Suite(.timeLimit(.minutes(2))) struct ManagementTests {
    func complete(_ queue: Queue, _ count: Int) async throws {
        for active in try await queue.takeAll().prefix(count) { _ = try await queue.finish(active, .completed(returnValue: "1")) }
    }

    @Test func countsEveryState() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([
            NewJob("w"), NewJob("w"), NewJob("p", options: JobOptions(priority: 1)),
            NewJob("d", options: JobOptions(delay: .seconds(60))),
        ])
        let taken = try await queue.take(worker).active!
        _ = try await queue.finish(taken, .completed(returnValue: "1"))
        let failing = try await queue.take(worker).active!
        _ = try await queue.finish(failing, .failed(reason: "x"))
        _ = try await queue.take(worker)
        #expect(try await queue.counts() == JobCounts(
            waiting: 0, prioritized: 0, delayed: 1, active: 1, completed: 1, failed: 1, paused: 0, deadLetter: 1, isPaused: false))
    }

    @Test func listsJobsByStateWithPaging() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((1...7).map { NewJob("n\($0)") })
        let first = try await queue.jobs(.waiting, offset: 0, limit: 3)
        let rest = try await queue.jobs(.waiting, offset: 3, limit: 10)
        #expect(first.total == 7)
        #expect(first.jobs.map(\.name) == ["n1", "n2", "n3"])
        #expect(rest.jobs.map(\.name) == ["n4", "n5", "n6", "n7"])
        try await complete(queue, 7)
        #expect(try await queue.jobs(.completed, limit: 2).jobs.map(\.name).count == 2)
    }

    @Test func retentionKeepsTheNewestCount() async throws {
        let queue = try makeQueue(settings: QueueSettings(defaults: JobOptions(removeOnComplete: .keep(2))))
        try await queue.addBulk((1...5).map { NewJob("n\($0)") })
        try await complete(queue, 5)
        #expect(try await queue.jobs(.completed).jobs.map(\.name) == ["n5", "n4"])
        #expect(try await queue.job("1") == nil)
        // Two jobs kept: a record and a data field each.
        #expect(try await queue.redis.client().send(["HLEN", queue.keys.jobs]) == .integer(4))
    }

    @Test func removeOnCompleteTrueLeavesNoTrace() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}", options: JobOptions(removeOnComplete: .removeAll))
        try await queue.log("1", "x")
        try await complete(queue, 1)
        #expect(try await queue.job("1") == nil)
        for key in [queue.keys.jobs, queue.keys.data, queue.keys.logs, queue.keys.locks] {
            #expect(try await queue.redis.client().send(["HLEN", key]) == .integer(0))
        }
    }

    @Test func retentionByAgeDropsOldJobs() async throws {
        let queue = try makeQueue(settings: QueueSettings(defaults: JobOptions(removeOnComplete: .keep(for: .milliseconds(100)))))
        try await queue.add("old", json: "{}")
        try await complete(queue, 1)
        let finished = try await queue.job("1")!.finishedAt!
        while try await redisNow(queue) <= finished + 100 { try await Task.sleep(for: .milliseconds(10)) }
        try await queue.add("new", json: "{}")
        try await complete(queue, 1)
        #expect(try await queue.jobs(.completed).jobs.map(\.name) == ["new"])
    }

    @Test func cleanDeletesOldFinishedJobsKeepingTheNewest() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((1...4).map { NewJob("n\($0)") })
        try await complete(queue, 4)
        #expect(try await queue.clean(.completed, olderThan: .seconds(3600)) == 0)
        #expect(try await queue.clean(.completed, olderThan: .zero, keep: 1) == 3)
        #expect(try await queue.jobs(.completed).jobs.map(\.name) == ["n4"])
    }

    @Test func promoteRemoveDrainObliterate() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([
            NewJob("d", options: JobOptions(delay: .seconds(60))), NewJob("w"), NewJob("w"),
            NewJob("p", options: JobOptions(priority: 5)),
        ])
        try await queue.promote("1")
        #expect(try await queue.job("1")?.state == .waiting)
        await #expect(throws: QueueError.self) { try await queue.promote("1") }
        try await queue.remove("2")
        #expect(try await queue.job("2") == nil)
        await #expect(throws: QueueError.self) { try await queue.remove("2") }
        let running = try await queue.take(worker).active!
        await #expect(throws: QueueError.self) { try await queue.remove(running.job.id) }
        #expect(try await queue.drain() == 2)
        #expect(try await queue.counts().waiting == 0)
        await #expect(throws: QueueError.self) { try await queue.obliterate() }
        try await queue.obliterate(force: true)
        #expect(try await queue.redis.client().send(["KEYS", queue.settings.prefix + ":*"]) == .array([]))
    }

    @Test func scriptsAreReloadedAfterScriptFlush() async throws {
        let server = try RedisServer()
        let queue = try makeQueue(pool: RedisPool(server.configuration, size: 1))
        try await queue.add("a", json: "{}")
        _ = try await queue.redis.client().send(["SCRIPT", "FLUSH"])
        try await queue.add("b", json: "{}")
        #expect(try await queue.takeAll().count == 2)
    }

    @Test func queueOperationsResumeAfterARedisRestart() async throws {
        let server = try RedisServer(appendOnly: true)
        let queue = try makeQueue(pool: RedisPool(server.configuration, size: 1, reconnect: .forever))
        try await queue.add("before", json: "{}")
        server.stop(signal: SIGKILL)
        try server.start()
        // The first call on the broken connection may report it; the next reconnects. Nothing acknowledged is lost.
        _ = try? await queue.counts()
        #expect(try await queue.counts().waiting == 1)
        try await queue.add("after", json: "{}")
        #expect(try await queue.takeAll().map(\.job.name) == ["before", "after"])
    }
}

@Suite(.timeLimit(.minutes(2))) struct EventTests {
    @Test func theEventStreamTellsAJobsLife() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}", options: JobOptions(attempts: 2))
        let first = try #require(try await queue.take(worker).active)
        _ = try await queue.finish(first, .failed(reason: "oops"))
        let second = try #require(try await queue.take(worker).active)
        _ = try await queue.reportProgress(second, json: "50")
        _ = try await queue.finish(second, .completed(returnValue: "7"))
        let events = try await queue.events()
        #expect(events.map(\.name) == ["added", "active", "retrying", "active", "progress", "completed"])
        #expect(Set(events.map(\.jobID)) == ["1"])
        #expect(events[2].fields["reason"] == "oops")
        #expect(events[5].fields["returnvalue"] == "7")
        let later = try await queue.events(after: events[3].streamID)
        #expect(later.map(\.name) == ["progress", "completed"])
    }

    @Test func eventsCanBeTurnedOff() async throws {
        let queue = try makeQueue(settings: QueueSettings(maxEvents: 0))
        try await queue.add("a", json: "{}")
        #expect(try await queue.events().isEmpty)
    }
}
