import BullpenCore
import BullpenRedis
import BullpenTestSupport
@testable import BullpenWorker
import Synchronization
import Testing

/// Jobs taken ahead (`WorkerConfiguration.prefetch`): held beyond `concurrency` only while jobs run
/// short, never run beyond `concurrency`, and handed back when the running jobs turn out long.
@Suite(.timeLimit(.minutes(2))) struct PrefetchTests {
    @Test(arguments: [0, 3])
    func shortJobsAreTakenAheadButNeverRunBeyondConcurrency(prefetch: Int) async throws {
        let (queue, held) = try await setup(jobs: (0..<150).map { _ in #"{"ms":1}"# })
        let gauge = Gauge()
        // Jobs "run short" below a minute here: a loaded machine may stretch these far beyond 10 ms.
        var configuration = WorkerConfiguration(workerID: "w", concurrency: 2, prefetch: prefetch)
        configuration.shortJob = .seconds(60)
        let worker = Worker(queue: queue, handler: HeldCountingHandler(gauge: gauge, held: held), configuration: configuration)
        let running = Task { await worker.run() }
        #expect(try await eventually { try await queue.counts().completed == 150 })
        await worker.close(deadline: .seconds(1))
        await running.value
        #expect(gauge.peak == 2)
        // The jobs active in Redis, as the handlers saw them: the running ones plus those held ahead.
        if prefetch == 0 {
            #expect(held.peak == 2)
        } else {
            #expect(held.peak > 2 && held.peak <= 2 + prefetch)
        }
    }

    @Test func aRateLimitedQueueTakesNoJobsAhead() async throws {
        // A job handed back unrun would have used up its share of the limit.
        let (queue, held) = try await setup(jobs: (0..<60).map { _ in #"{"ms":1}"# })
        var configuration = WorkerConfiguration(workerID: "w", concurrency: 2, rateLimit: RateLimit(max: 100_000, per: .seconds(1)), prefetch: 3)
        configuration.shortJob = .seconds(60)
        let worker = Worker(queue: queue, handler: HeldCountingHandler(gauge: Gauge(), held: held), configuration: configuration)
        let running = Task { await worker.run() }
        #expect(try await eventually { try await queue.counts().completed == 60 })
        await worker.close(deadline: .seconds(1))
        await running.value
        #expect(held.peak == 2)
    }

    @Test func longJobsAreNotTakenAhead() async throws {
        let (queue, held) = try await setup(jobs: (0..<4).map { _ in #"{"ms":40}"# })
        // 40 ms is long however loaded the machine: jobs are short below 10 ms.
        let worker = Worker(queue: queue, handler: HeldCountingHandler(gauge: Gauge(), held: held),
                            configuration: .init(workerID: "w", concurrency: 1, prefetch: 3))
        let running = Task { await worker.run() }
        #expect(try await eventually { try await queue.counts().completed == 4 })
        await worker.close(deadline: .seconds(1))
        await running.value
        #expect(held.peak == 1)
    }

    @Test func aJobHeldAheadGoesBackWhenTheRunningOneTurnsLongAndAnotherWorkerRunsIt() async throws {
        // Short jobs make the worker take ahead; then a long one runs, and a job added meanwhile, taken
        // ahead, cannot start. (Jobs "run short" below a minute here: a loaded machine may stretch a job
        // of 0 ms. The short jobs end before the long one is added, and the last one comes once the long
        // one runs: a job taken after another may start before it, when its slot asks for a permit first.)
        let (queue, _) = try await setup(jobs: Array(repeating: #"{"ms":0}"#, count: 20))
        let gauge = Gauge()
        var configuration = WorkerConfiguration(workerID: "first", concurrency: 1, prefetch: 1)
        configuration.shortJob = .seconds(60)
        let first = Worker(queue: queue, handler: SleepHandler(gauge: gauge), configuration: configuration)
        let running = Task { await first.run() }
        let long = "21", after = "22"
        #expect(try await eventually { try await queue.counts().completed == 20 })
        try await queue.add("n", json: #"{"ms":60000}"#)
        #expect(try await eventually { try await queue.job(long)?.state == .active && gauge.now == 1 })
        try await queue.add("n", json: #"{"ms":0}"#)
        // It was taken (an `active` event), handed back unrun (`released`), and is not taken again.
        #expect(try await eventually {
            let events = try await queue.events().filter { $0.jobID == after }.map(\.name)
            return events.contains("active") && events.last == "released"
        })
        let job = try #require(try await queue.job(after))
        #expect(job.state == .waiting && job.attemptsMade == 0)
        // Another worker starts it at once, while the long job still runs in the first.
        let events = EventLog()
        let second = Worker(queue: queue, handler: SleepHandler(gauge: Gauge()), configuration: .init(workerID: "second"),
                            onEvent: events.handler)
        let other = Task { await second.run() }
        #expect(await eventually { events.completed == [after] })
        #expect(try await queue.job(long)?.state == .active)
        await second.close(deadline: .seconds(1))
        await first.close(deadline: .zero)
        await running.value
        await other.value
        // (The second worker's abandoned idle wait may lease it for a moment, and hand it back too.)
        #expect(try await eventually { try await queue.job(long)?.state == .waiting })
    }

    @Test(arguments: [false, true])
    func aJobHeldAheadGoesBackAtOnceWhenTheWorkerTurnsQuietOrCloses(closing: Bool) async throws {
        let (queue, _) = try await setup(jobs: Array(repeating: #"{"ms":0}"#, count: 20))
        let gauge = Gauge()
        // The held job would wait a minute for its permit: only the quiet or the close sends it back.
        // (Jobs "run short" below a minute: the suite's load must not stop the taking ahead.) The short
        // jobs end before the long one is added, and the last one comes once the long one runs: a job
        // taken ahead may start before one taken a moment earlier, which would then wait here.
        var configuration = WorkerConfiguration(workerID: "w", concurrency: 1, prefetch: 1)
        configuration.shortJob = .seconds(60)
        configuration.aheadWaitLimit = .seconds(60)
        let worker = Worker(queue: queue, handler: SleepHandler(gauge: gauge), configuration: configuration)
        let running = Task { await worker.run() }
        let long = "21", held = "22"
        #expect(try await eventually { try await queue.counts().completed == 20 })
        try await queue.add("n", json: #"{"ms":60000}"#)
        #expect(try await eventually { try await queue.job(long)?.state == .active && gauge.now == 1 })
        try await queue.add("n", json: #"{"ms":0}"#)
        #expect(try await eventually { try await queue.job(held)?.state == .active })
        let stop = Task {
            if closing { await worker.close(deadline: .seconds(60)) } else { await worker.quiet() }
        }
        // Back unrun long before the running job ends (the close lets it run for a minute).
        #expect(try await eventually(timeout: .seconds(5)) { try await queue.job(held)?.state == .waiting })
        #expect(try await queue.job(held)?.attemptsMade == 0)
        #expect(try await queue.job(long)?.state == .active)
        if !closing { await stop.value }
        await worker.close(deadline: .zero)
        await stop.value
        await running.value
    }

    @Test func theMaxJobsLimitCountsJobsStartedAndHandsBackThoseHeldAhead() async throws {
        let (queue, _) = try await setup(jobs: (0..<40).map { _ in #"{"ms":1}"# })
        let worker = Worker(queue: queue, handler: SleepHandler(gauge: Gauge()),
                            configuration: .init(workerID: "w", concurrency: 2, maxJobs: 25, prefetch: 4))
        await worker.run()
        #expect(worker.processed.finished == 25)
        let counts = try await queue.counts()
        #expect(counts.completed == 25 && counts.waiting == 15 && counts.active == 0)
    }

    /// A queue with the given jobs (their data), and the peak of its jobs active in Redis.
    private func setup(jobs: [String]) async throws -> (Queue, Peak) {
        let queue = try makeQueue()
        try await queue.addBulk(jobs.map { NewJob("n", json: $0) })
        return (queue, Peak())
    }
}

/// Runs like `SleepHandler`, and first records how many of the queue's jobs are active in Redis (held by
/// the worker: running or taken ahead) as the peak of `held`.
private struct HeldCountingHandler: JobHandler {
    let gauge: Gauge
    let held: Peak

    func handle(_ job: Job, context: JobContext) async throws -> Int {
        let active = try await context.queue.counts().active
        held.record(active)
        return try await SleepHandler(gauge: gauge).handle(job, context: context)
    }
}

/// The largest value recorded.
private final class Peak: Sendable {
    private let value = Mutex(0)
    func record(_ sample: Int) { value.withLock { $0 = max($0, sample) } }
    var peak: Int { value.withLock { $0 } }
}
