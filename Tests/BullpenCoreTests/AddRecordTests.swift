import BullpenCore
import BullpenRedis
import Testing

/// The job record `add` builds as text on the client (no cjson in `add.lua`) reads back as the same job.
@Suite(.timeLimit(.minutes(1))) struct AddRecordTests {
    @Test(arguments: ["plain", #"quote " and \ backslash"#, "ünïcødé ✓", "slash/and\u{7F}del"])
    func namesOfAnyTextSurviveTheHandBuiltRecord(name: String) async throws {
        let queue = try makeQueue()
        let added = try await queue.add(name, json: #"{"k":"v"}"#)
        let job = try #require(try await queue.job(added.id))
        #expect(job.name == name)
        #expect(job.data == #"{"k":"v"}"#)
        #expect(job.state == .waiting)
        #expect(job.createdAt > 1_700_000_000_000)
    }

    @Test func everyOptionIsRecordedWithTheJobIdSplicedIn() async throws {
        let queue = try makeQueue(settings: QueueSettings(defaults: JobOptions(attempts: 4, removeOnComplete: .keep(10))))
        let options = JobOptions(
            jobId: "order-\"7\"", priority: 9, attempts: 2, backoff: .exponential(.seconds(1), jitter: 0.5),
            lifo: true, removeOnFail: JobRetention(count: 3, age: .seconds(60)), timeout: .seconds(5))
        let added = try await queue.add("o", json: "[]", options: options)
        #expect(added == AddedJob(id: "order-\"7\"", created: true))
        let job = try #require(try await queue.job(added.id))
        var expected = options.merged(over: queue.settings.defaults)
        expected.jobId = "order-\"7\""
        #expect(job.options == expected)
        #expect(job.maxAttempts == 2)
        #expect(job.priority == 9)
        #expect(job.state == .prioritized)
    }

    @Test func aJobWithoutOptionsOfItsOwnGetsTheDefaults() async throws {
        let queue = try makeQueue(settings: QueueSettings(defaults: JobOptions(attempts: 3, backoff: .fixed(.seconds(1)))))
        let first = try #require(try await queue.job(try await queue.add("a", json: "1").id))
        let second = try #require(try await queue.job(try await queue.add("b", json: "2", options: JobOptions(jobId: "b-1")).id))
        #expect(first.options == JobOptions(attempts: 3, backoff: .fixed(.seconds(1))))
        #expect(second.options == JobOptions(jobId: "b-1", attempts: 3, backoff: .fixed(.seconds(1))))
    }

    @Test func aDelayedJobIsRecordedDelayedWithItsDelay() async throws {
        let queue = try makeQueue()
        let added = try await queue.add("d", json: "{}", options: JobOptions(delay: .seconds(60)))
        let job = try #require(try await queue.job(added.id))
        #expect(job.state == .delayed)
        #expect(job.delay == 60_000)
        guard case .empty(let due?) = try await queue.take(worker) else {
            Issue.record("a delayed job was taken, or no due time was given")
            return
        }
        // Due in at most the delay, minus the time this test took since the add (generous on a loaded machine).
        #expect((50_000...60_000).contains(due))
    }

    @Test func oneBulkCallKeepsEveryPlacementRule() async throws {
        let queue = try makeQueue()
        let jobs = [
            NewJob("w1"), NewJob("p2", options: JobOptions(priority: 2)), NewJob("l1", options: JobOptions(lifo: true)),
            NewJob("p1", options: JobOptions(priority: 1)), NewJob("w2"), NewJob("l2", options: JobOptions(lifo: true)),
            NewJob("p2l", options: JobOptions(priority: 2, lifo: true)), NewJob("d", options: JobOptions(delay: .seconds(60))),
            NewJob("dup", options: JobOptions(jobId: "same")), NewJob("dup2", options: JobOptions(jobId: "same")),
        ]
        let added = try await queue.addBulk(jobs)
        #expect(added.map(\.created) == [true, true, true, true, true, true, true, true, true, false])
        #expect(added.prefix(8).map(\.id) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        // The same order as adding them one by one.
        let order = try await queue.takeAll().map(\.job.name)
        #expect(order == ["l2", "l1", "w1", "w2", "dup", "p1", "p2l", "p2"])
        #expect(try await queue.counts().delayed == 1)
    }

    /// Single adds of numbered jobs trim the stream every 64th id, bulk adds once per call: either way the
    /// stream stays near its cap (`MAXLEN ~` trims whole nodes of up to 100 entries).
    @Test func addsKeepTheEventStreamNearItsCap() async throws {
        let queue = try makeQueue(settings: QueueSettings(maxEvents: 50))
        for index in 0..<300 { try await queue.add("e", json: "\(index)") }
        try await queue.addBulk((0..<300).map { NewJob("b", json: "\($0)") })
        let length = try #require(try await queue.redis.client().send(["XLEN", queue.keys.events]).int)
        #expect(length >= 50)
        #expect(length <= 50 + 64 + 100)
    }

    /// Workers' events (active, completed) trim the stream with the first event of each millisecond: it
    /// stays near its cap too.
    @Test func workersKeepTheEventStreamNearItsCap() async throws {
        let queue = try makeQueue(settings: QueueSettings(maxEvents: 50))
        try await queue.addBulk((0..<300).map { NewJob("w", json: "\($0)") })
        var next = try await queue.take(worker).active
        while let active = next {
            next = try await queue.finish(active, .completed(returnValue: "1"), takingNext: worker).next?.active
        }
        #expect(try await queue.counts().completed == 300)
        let length = try #require(try await queue.redis.client().send(["XLEN", queue.keys.events]).int)
        #expect(length >= 50)
        #expect(length <= 50 + 100 + 64)
    }
}
