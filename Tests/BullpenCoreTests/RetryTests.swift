import BullpenCore
import BullpenRedis
import Testing

@Suite(.timeLimit(.minutes(2))) struct RetryTests {
    /// Fails the job once and returns the delays its retry's due time allows: the failure happened on the
    /// Redis clock between two readings, so the delay lies between due - after and due - before (exact
    /// however slow the machine is).
    func failAndMeasureDelay(_ queue: Queue) async throws -> ClosedRange<Int64>? {
        guard let active = try await queue.take(worker).active else { return nil }
        let before = try await redisNow(queue)
        let (status, _) = try await queue.finish(active, .failed(reason: "boom"))
        let after = try await redisNow(queue)
        guard status == .delayed else { return status == .retrying ? 0...0 : nil }
        let score = try await queue.redis.client().send(["ZSCORE", queue.keys.delayed, active.job.id]).string.flatMap(Double.init)
        try await queue.promote(active.job.id)
        return score.map { Int64($0) - after...Int64($0) - before }
    }

    @Test func fixedBackoffWaitsTheSameEachTime() async throws {
        let queue = try makeQueue()
        try await queue.add("f", json: "{}", options: JobOptions(attempts: 3, backoff: .fixed(.seconds(2))))
        for _ in 0..<2 {
            let delay = try #require(try await failAndMeasureDelay(queue))
            #expect(delay.contains(2000), "delay between \(delay.lowerBound) and \(delay.upperBound) ms")
        }
    }

    @Test func exponentialBackoffDoubles() async throws {
        let queue = try makeQueue()
        try await queue.add("e", json: "{}", options: JobOptions(attempts: 4, backoff: .exponential(.seconds(1))))
        var delays: [ClosedRange<Int64>] = []
        for _ in 0..<3 { delays.append(try #require(try await failAndMeasureDelay(queue))) }
        #expect(delays[0].contains(1000))
        #expect(delays[1].contains(2000))
        #expect(delays[2].contains(4000))
    }

    @Test func jitterTakesOffAtMostItsFraction() {
        let backoff = Backoff.exponential(.seconds(10), jitter: 0.5)
        #expect(backoff.delayMilliseconds(afterAttempt: 2, random: 0) == 20_000)
        #expect(backoff.delayMilliseconds(afterAttempt: 2, random: 0.999) > 10_000)
        #expect(backoff.delayMilliseconds(afterAttempt: 2, random: 0.5) == 15_000)
    }

    @Test func withoutBackoffARetryWaitsAgainAtOnce() async throws {
        let queue = try makeQueue()
        try await queue.add("r", json: "{}", options: JobOptions(attempts: 2))
        let active = try #require(try await queue.take(worker).active)
        #expect(try await queue.finish(active, .failed(reason: "x")).status == .retrying)
        let again = try #require(try await queue.take(worker).active)
        #expect(again.job.attemptsMade == 1 && again.job.failedReason == "x")
    }

    @Test func exhaustedAttemptsFailAndDeadLetterWithTheOriginalData() async throws {
        let queue = try makeQueue()
        try await queue.add("mail", json: #"{"to":"x@y.z"}"#, options: JobOptions(attempts: 2))
        for attempt in 1...2 {
            let active = try #require(try await queue.take(worker).active)
            let status = try await queue.finish(active, .failed(reason: "smtp down \(attempt)", stack: "at send()")).status
            #expect(status == (attempt == 1 ? .retrying : .failed))
        }
        let job = try #require(try await queue.job("1"))
        #expect(job.state == .failed && job.attemptsMade == 2 && job.failedReason == "smtp down 2")
        #expect(job.stacktrace == ["at send()", "at send()"])
        let (total, entries) = try await queue.deadLetters()
        #expect(total == 1)
        let entry = try #require(entries.first)
        #expect(entry.id == "1" && entry.name == "mail" && entry.data == #"{"to":"x@y.z"}"#)
        #expect(entry.error == "smtp down 2" && entry.queue == "q" && entry.attemptsMade == 2)
        #expect(entry.failedAt >= job.createdAt)
        #expect(try await queue.counts().deadLetter == 1)
    }

    @Test func aNonRetryableFailureFailsAtOnce() async throws {
        let queue = try makeQueue()
        try await queue.add("bad", json: "{}", options: JobOptions(attempts: 5))
        let active = try #require(try await queue.take(worker).active)
        #expect(try await queue.finish(active, .failed(reason: "cannot decode", retry: false)).status == .failed)
        #expect(try await queue.job("1")?.attemptsMade == 1)
    }

    @Test func deadLettersGoBackToTheirQueueEvenAfterTheJobWasCleaned() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: #"{"n":1}"#, options: JobOptions(removeOnFail: .removeAll))
        try await queue.add("b", json: #"{"n":2}"#)
        for _ in 0..<2 {
            let active = try #require(try await queue.take(worker).active)
            _ = try await queue.finish(active, .failed(reason: "no"))
        }
        #expect(try await queue.job("1") == nil)
        #expect(try await queue.retryDeadLetters() == 2)
        let counts = try await queue.counts()
        #expect(counts.deadLetter == 0 && counts.failed == 0 && counts.waiting == 2)
        let rebuilt = try #require(try await queue.job("1"))
        #expect(rebuilt.data == #"{"n":1}"# && rebuilt.attemptsMade == 0 && rebuilt.state == .waiting)
    }

    @Test func retryingAFailedJobResetsItsAttempts() async throws {
        let queue = try makeQueue()
        try await queue.add("a", json: "{}")
        let active = try #require(try await queue.take(worker).active)
        _ = try await queue.finish(active, .failed(reason: "no"))
        #expect(try await queue.retry(["1"]) == 1)
        #expect(try await queue.job("1")?.state == .waiting)
        #expect(try await queue.counts().deadLetter == 0)
        await #expect(throws: QueueError.self) { try await queue.retry(["1"]) }
        await #expect(throws: QueueError.self) { try await queue.retry(["nope"]) }
    }

    @Test func purgeEmptiesTheDeadLetterQueue() async throws {
        let queue = try makeQueue(settings: QueueSettings(deadLetterMax: 2))
        try await queue.addBulk((0..<3).map { NewJob("n\($0)") })
        for active in try await queue.takeAll() { _ = try await queue.finish(active, .failed(reason: "x")) }
        // The dead-letter queue is capped: the oldest entry went.
        #expect(try await queue.deadLetters().entries.map(\.id) == ["3", "2"])
        #expect(try await queue.purgeDeadLetters() == 2)
        #expect(try await queue.counts().deadLetter == 0)
    }
}
