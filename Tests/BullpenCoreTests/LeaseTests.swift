import BullpenCore
import BullpenRedis
import Testing

@Suite(.timeLimit(.minutes(2))) struct LeaseTests {
    /// Waits (on the Redis clock) until `instant` has passed.
    func waitUntil(_ queue: Queue, passes instant: Int64) async throws {
        while try await redisNow(queue) <= instant { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// Lease tokens are 32 lowercase hex digits: the process's random half, then a counter.
    @Test func tokensAreHexAndNeverRepeat() {
        let tokens = (0..<1000).map { _ in Lease.newToken() }
        #expect(Set(tokens).count == 1000)
        #expect(tokens.allSatisfy { $0.utf8.count == 32 && $0.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } })
        #expect(Set(tokens.map { $0.prefix(16) }).count == 1)
        let counters = tokens.map { UInt64($0.suffix(16), radix: 16)! }
        // Other tests draw tokens meanwhile: the counter only grows.
        #expect(zip(counters, counters.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aStaleTokenIsRefusedAndChangesNothing() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}")
        var active = try #require(try await queue.take(worker).active)
        active.lease.token = Lease.newToken()
        #expect(try await queue.finish(active, .completed(returnValue: "1")).status == .stale)
        #expect(try await queue.job("1")?.state == .active)
        #expect(try await !queue.reportProgress(active, json: "50"))
    }

    @Test func aRepeatedFinishIsADuplicateNotASecondCompletion() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}")
        let active = try #require(try await queue.take(worker).active)
        #expect(try await queue.finish(active, .completed(returnValue: "1")).status == .completed)
        #expect(try await queue.finish(active, .completed(returnValue: "1")).status == .duplicate)
        #expect(try await queue.job("1")?.attemptsMade == 1)
    }

    @Test func renewExtendsLeasesAndReportsLostOnes() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([NewJob("a"), NewJob("b")])
        let short = TakeRequest(workerID: "w", lease: .milliseconds(200))
        let jobs = try await queue.takeAll(short)
        let (expiry, lost) = try await queue.renew(
            [(jobs[0].job.id, jobs[0].lease.token), (jobs[1].job.id, "not-the-token")], lease: .seconds(60))
        #expect(lost == [jobs[1].job.id])
        #expect(expiry > jobs[0].lease.expiresAt + 50_000)
        try await waitUntil(queue, passes: jobs[1].lease.expiresAt)
        // Only the job whose lease was not renewed is recovered.
        #expect(try await queue.recoverStalled(maxStalls: 1) == (1, 0))
        #expect(try await queue.job(jobs[0].job.id)?.state == .active)
    }

    @Test func recoveryOfManyStalledJobsTakesShortCallsAndReturnsThemAll() async throws {
        let queue = try makeQueue()
        try await queue.addBulk((0..<450).map { _ in NewJob("a") })
        let jobs = try await queue.takeAll(TakeRequest(workerID: "gone", lease: .milliseconds(300)))
        #expect(jobs.count == 450)
        try await waitUntil(queue, passes: jobs.map(\.lease.expiresAt).max()!)
        // More than one script call's batch: the call goes on until every expired lease is handled.
        #expect(try await queue.recoverStalled(maxStalls: 1) == (450, 0))
        #expect(try await queue.counts().waiting == 450)
    }

    @Test func anExpiredLeaseReturnsTheJobAndTheOldHolderIsRefused() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}")
        let first = try #require(try await queue.take(TakeRequest(workerID: "hung", lease: .milliseconds(100))).active)
        try await waitUntil(queue, passes: first.lease.expiresAt)
        #expect(try await queue.recoverStalled(maxStalls: 1) == (1, 0))
        let second = try #require(try await queue.take(TakeRequest(workerID: "live")).active)
        #expect(second.job.id == first.job.id && second.job.stalls == 1)
        #expect(try await queue.finish(first, .completed(returnValue: "\"stale\"")).status == .stale)
        #expect(try await queue.finish(second, .completed(returnValue: "\"fresh\"")).status == .completed)
        #expect(try await queue.job("1")?.returnValue == "\"fresh\"")
    }

    @Test func pastTheStallLimitAJobFailsWithTheReason() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}", options: JobOptions(attempts: 5))
        for round in 1...2 {
            let active = try #require(try await queue.take(TakeRequest(workerID: "w", lease: .milliseconds(50))).active)
            try await waitUntil(queue, passes: active.lease.expiresAt)
            #expect(try await queue.recoverStalled(maxStalls: 1) == (round == 1 ? (1, 0) : (0, 1)))
        }
        let job = try #require(try await queue.job("1"))
        #expect(job.state == .failed)
        #expect(job.failedReason == "job stalled more than 1 times (its lease expired)")
        #expect(try await queue.deadLetters().entries.first?.error == job.failedReason)
    }

    @Test func aDeadWorkersJobsGoBackAtOnceWithACrashCount() async throws {
        let queue = try makeQueue()
        try await queue.addBulk([NewJob("a"), NewJob("b"), NewJob("c")])
        _ = try await queue.take(TakeRequest(workerID: "dead"))
        _ = try await queue.take(TakeRequest(workerID: "dead"))
        let other = try #require(try await queue.take(TakeRequest(workerID: "alive")).active)
        #expect(try await queue.releaseWorker("dead", crashReason: "worker killed by signal 9") == (2, 0))
        let counts = try await queue.counts()
        #expect(counts.waiting == 2 && counts.active == 1)
        #expect(try await queue.job("1")?.crashes == 1)
        #expect(try await queue.job(other.job.id)?.state == .active)
        // Handed-back jobs are first in line.
        #expect(try await queue.take(worker).active?.job.id == "1")
    }

    @Test func aPoisonJobIsDeadLetteredAfterMaxCrashes() async throws {
        let queue = try makeQueue()
        try await queue.add("poison", json: "{}", options: JobOptions(attempts: 10))
        for crash in 1...3 {
            let active = try #require(try await queue.take(TakeRequest(workerID: "w\(crash)")).active)
            let outcome = try await queue.releaseWorker("w\(crash)", crashReason: "worker killed by signal 11", maxCrashes: 3)
            #expect(outcome == (crash < 3 ? (1, 0) : (0, 1)))
            #expect(active.job.crashes == crash - 1)
        }
        let job = try #require(try await queue.job("1"))
        #expect(job.state == .failed && job.attemptsMade == 0)
        #expect(job.failedReason == "worker killed by signal 11 while running this job, 3 times")
        #expect(try await queue.deadLetters().entries.first?.crashes == 3)
    }

    @Test func releasedJobsKeepTheirAttempts() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}", options: JobOptions(attempts: 2))
        let first = try #require(try await queue.take(worker).active)
        _ = try await queue.finish(first, .failed(reason: "once"))
        let second = try #require(try await queue.take(worker).active)
        #expect(try await queue.release([(second.job.id, second.lease.token)]) == 1)
        let job = try #require(try await queue.job("1"))
        #expect(job.state == .waiting && job.attemptsMade == 1 && job.crashes == 0)
        // A drained worker's jobs go back the same way, by worker id.
        _ = try await queue.take(TakeRequest(workerID: "draining"))
        #expect(try await queue.releaseWorker("draining", crashReason: nil) == (1, 0))
        #expect(try await queue.job("1")?.attemptsMade == 1)
    }

    @Test func progressAndLogsAreRecorded() async throws {
        let queue = try makeQueue(settings: QueueSettings(maxLogLines: 3))
        try await queue.add("a", json: "{}")
        let active = try #require(try await queue.take(worker).active)
        #expect(try await queue.reportProgress(active, json: #"{"step":2,"of":4}"#))
        await #expect(throws: QueueError.self) { try await queue.reportProgress(active, json: "{oops") }
        for line in 1...5 { try await queue.log("1", "line \(line)") }
        let job = try #require(try await queue.job("1"))
        #expect(job.progress == #"{"step":2,"of":4}"#)
        #expect(job.logs == ["line 3", "line 4", "line 5"])
        await #expect(throws: QueueError.self) { try await queue.log("404", "x") }
    }
}
