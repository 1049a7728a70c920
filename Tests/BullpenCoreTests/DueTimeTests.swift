import BullpenCore
import BullpenRedis
import Testing

/// A take learns whether a delayed job is due from the queue's `due` field (see noteDue in _queue.lua),
/// without a look at the delayed set on every take. The field may run early, never late.
@Suite(.timeLimit(.minutes(1))) struct DueTimeTests {
    /// The queue's `due` field: a time in ms, "none", or nil when missing.
    func dueField(_ queue: Queue) async throws -> String? {
        try await queue.redis.client().send(["HGET", queue.keys.meta, "due"]).string
    }

    /// Waits (on the Redis clock) until `instant` has passed.
    func waitUntil(_ queue: Queue, passes instant: Int64) async throws {
        while try await redisNow(queue) <= instant { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func theFieldFollowsTheEarliestDelayedJob() async throws {
        let queue = try makeQueue()
        #expect(try await queue.take(worker).isEmpty)
        #expect(try await dueField(queue) == "none")
        let late = try await queue.add("late", json: "{}", options: JobOptions(delay: .seconds(60)))
        let lateDue = try #require(try await queue.job(late.id)).createdAt + 60_000
        #expect(try await dueField(queue) == String(lateDue))
        try await queue.addBulk([NewJob("soon", options: JobOptions(delay: .milliseconds(200))), NewJob("later", options: JobOptions(delay: .seconds(90)))])
        let soonDue = try #require(try await Int64(dueField(queue) ?? ""))
        #expect(soonDue < lateDue)
        try await waitUntil(queue, passes: soonDue)
        #expect(try await queue.take(worker).active?.job.name == "soon")
        // Promoted: the field moves on to the next delayed job.
        #expect(try await dueField(queue) == String(lateDue))
    }

    @Test func anEarlyFieldIsCorrectedAndAMissingOneStillPromotes() async throws {
        let queue = try makeQueue()
        #expect(try await queue.take(worker).isEmpty)
        let gone = try await queue.add("gone", json: "{}", options: JobOptions(delay: .milliseconds(100)))
        try await queue.remove(gone.id)
        // The field still names the removed job's time; once it passed, a take finds nothing and corrects it.
        try await waitUntil(queue, passes: try #require(Int64(dueField(queue) ?? "")))
        #expect(try await queue.take(worker).isEmpty)
        #expect(try await dueField(queue) == "none")
        // A queue from before the field: a due job is promoted all the same.
        let old = try await queue.add("old", json: "{}", options: JobOptions(delay: .milliseconds(100)))
        _ = try await queue.redis.client().send(["HDEL", queue.keys.meta, "due"])
        try await waitUntil(queue, passes: try #require(try await queue.job(old.id)).createdAt + 100)
        #expect(try await queue.take(worker).active?.job.id == old.id)
    }
}

extension TakeResult {
    /// Whether the take found no job to run (nothing waiting, nothing due).
    var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }
}
