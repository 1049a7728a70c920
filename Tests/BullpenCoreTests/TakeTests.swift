import BullpenCore
import BullpenRedis
import Testing

@Suite(.timeLimit(.minutes(2))) struct TakeTests {
    @Test func takesWaitingFIFOThenPrioritizedByPriorityThenFIFOWithin() async throws {
        let queue = try makeQueue()
        try await queue.add("p3a", json: "{}", options: JobOptions(priority: 3))
        try await queue.add("w1", json: "{}")
        try await queue.add("p1", json: "{}", options: JobOptions(priority: 1))
        try await queue.add("p3b", json: "{}", options: JobOptions(priority: 3))
        try await queue.add("w2", json: "{}")
        try await queue.add("p2", json: "{}", options: JobOptions(priority: 2))
        try await queue.add("wLifo", json: "{}", options: JobOptions(lifo: true))
        let order = try await queue.takeAll().map(\.job.name)
        #expect(order == ["wLifo", "w1", "w2", "p1", "p2", "p3a", "p3b"])
    }

    @Test func lifoWithinAPriority() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}", options: JobOptions(priority: 2))
        try await queue.add("b", json: "{}", options: JobOptions(priority: 2, lifo: true))
        try await queue.add("c", json: "{}", options: JobOptions(priority: 1))
        #expect(try await queue.takeAll().map(\.job.name) == ["c", "b", "a"])
    }

    @Test func delayedJobsRunInDueOrderOnceDue() async throws {
        let queue = try makeQueue()
        try await queue.add("late", json: "{}", options: JobOptions(delay: .milliseconds(1600)))
        try await queue.add("early", json: "{}", options: JobOptions(delay: .milliseconds(800)))
        let first = try await queue.take(worker)
        guard case .empty(let dueIn?) = first else { Issue.record("expected empty with a due time, got \(first)"); return }
        #expect(dueIn > 0 && dueIn <= 800)
        let now = try await redisNow(queue)
        let due = now + dueIn
        #expect(try await queue.counts().delayed == 2)
        // Wait on the marker as a worker would: it wakes by the due time.
        let client = RedisClient(queue.redis.configuration)
        while try await redisNow(queue) < due { _ = try await queue.waitForWork(on: client, timeout: Double(due - now) / 1000) }
        let early = try #require(try await queue.take(worker).active)
        #expect(early.job.name == "early")
        #expect(try await redisNow(queue) >= early.job.createdAt + 800)
        while try await redisNow(queue) < early.job.createdAt + 1600 { _ = try await queue.waitForWork(on: client, timeout: 0.05) }
        #expect(try await queue.take(worker).active?.job.name == "late")
    }

    @Test func aTakenJobIsActiveWithALease() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: #"{"x":1}"#)
        let request = TakeRequest(workerID: "host:1:q:0", lease: .seconds(10))
        let active = try #require(try await queue.take(request).active)
        let now = try await redisNow(queue)
        // The lease token is the lease the queue keeps among its running jobs: id, a 128-bit nonce, start, worker.
        let parts = active.lease.token.split(separator: " ")
        #expect(parts.count == 4 && parts[0] == active.job.id && parts[1].count == 32)
        #expect(parts.count == 4 && parts[2] == "\(active.job.processedAt ?? -1)" && parts[3] == "host:1:q:0")
        #expect(abs(active.lease.expiresAt - (now + 10_000)) < 1000)
        #expect(active.job.attemptsStarted == 1)
        #expect(active.job.data == #"{"x":1}"#)
        let stored = try #require(try await queue.job(active.job.id))
        #expect(stored.state == .active)
        #expect(stored.workerID == "host:1:q:0")
        #expect(try await queue.counts().active == 1)
    }

    @Test func completeAndTakeNextInOneRoundTrip() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<3).map { NewJob("n\($0)") })
        var active = try #require(try await queue.take(worker).active)
        var done: [String] = []
        while true {
            let (status, next) = try await queue.finish(active, .completed(returnValue: "\"ok\""), takingNext: worker)
            #expect(status == .completed)
            done.append(active.job.name)
            guard let following = next?.active else { break }
            active = following
        }
        #expect(done == ["n0", "n1", "n2"])
        let counts = try await queue.counts()
        #expect(counts.completed == 3 && counts.active == 0 && counts.waiting == 0)
        #expect(try await queue.job("1")?.returnValue == "\"ok\"")
    }

    @Test func aPausedQueueGivesNoJobUntilResumed() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}")
        #expect(try await queue.pause())
        #expect(try await !queue.pause())
        #expect(try await queue.take(worker) == .paused)
        let counts = try await queue.counts()
        #expect(counts.paused == 1 && counts.waiting == 0 && counts.isPaused)
        #expect(try await queue.job("1")?.state == .paused)
        #expect(try await queue.resume())
        #expect(try await queue.take(worker).active?.job.name == "a")
    }

    @Test func theRateLimitHoldsForTheWindow() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<5).map { NewJob("n\($0)") })
        let limited = TakeRequest(workerID: "w", rateLimit: RateLimit(max: 2, per: .seconds(5)))
        #expect(try await queue.take(limited).active != nil)
        #expect(try await queue.take(TakeRequest(workerID: "other", rateLimit: RateLimit(max: 2, per: .seconds(5)))).active != nil)
        guard case .rateLimited(let wait) = try await queue.take(limited) else { Issue.record("expected rate limited"); return }
        #expect(wait > 4000 && wait <= 5000)
        #expect(try await queue.counts().waiting == 3)
    }

    @Test func anIdleWorkerWakesWhenAJobIsAdded() async throws {
        let queue = try makeQueue()
        let client = RedisClient(queue.redis.configuration)
        #expect(try await !queue.waitForWork(on: client, timeout: 0.05))
        async let woke = queue.waitForWork(on: client, timeout: 10)
        try await Task.sleep(for: .milliseconds(50))
        try await queue.add("a", json: "{}")
        #expect(try await woke)
    }
}
