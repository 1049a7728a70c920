import BullpenCore
import BullpenRedis
import BullpenTestSupport
import BullpenWorker
import Synchronization
import Testing

/// A job that crashed a worker before (a crash suspect) runs alone in its process, so that a later crash
/// of that process is blamed on it alone, not on good jobs that happened to run beside it.
@Suite(.timeLimit(.minutes(2))) struct SuspectIsolationTests {
    @Test(arguments: [1, 3])
    func aCrashSuspectRunsAloneAndTheOthersStillComplete(suspects: Int) async throws {
        let (queue, suspectIDs) = try await setup(goodJobs: 30, suspects: suspects)
        let spans = Spans()
        let events = EventLog()
        let worker = Worker(queue: queue, handler: SpanHandler(spans: spans), configuration: .init(workerID: "w", concurrency: 4),
                            onEvent: events.handler)
        let running = Task { await worker.run() }
        #expect(await eventually { events.completed.count == 30 + suspects })
        await worker.close(deadline: .seconds(1))
        await running.value

        for id in suspectIDs {
            let overlapping = spans.overlapping(id)
            #expect(overlapping.isEmpty, "suspect \(id) ran beside \(overlapping)")
        }
        // The good jobs still ran side by side: isolation is for suspects only.
        #expect(spans.peak > 1)
        #expect(try await queue.counts().completed == 30 + suspects)
    }

    @Test func aSuspectWaitingToRunAloneGoesBackUnrunAtAClose() async throws {
        let (queue, suspectIDs) = try await setup(goodJobs: 1, suspects: 1, goodMs: 60_000)
        let spans = Spans()
        let worker = Worker(queue: queue, handler: SpanHandler(spans: spans), configuration: .init(workerID: "w", concurrency: 2))
        let running = Task { await worker.run() }
        // The good job runs; the suspect is taken by the other slot and waits for it to end.
        #expect(try await eventually { try await queue.job(suspectIDs[0])?.state == .active && spans.started.count == 1 })
        await worker.close(deadline: .zero)
        await running.value

        #expect(spans.started.allSatisfy { !suspectIDs.contains($0) })
        let suspect = try #require(try await queue.job(suspectIDs[0]))
        #expect(suspect.state != .active && suspect.attemptsMade == 0 && suspect.crashes == 1)
    }

    /// A queue holding `suspects` jobs that crashed a worker once (taken by a worker that then died),
    /// and `goodJobs` fresh ones. The suspects have a priority, so they are taken after the good jobs
    /// (a job with no priority goes first): they arrive while good jobs are running.
    private func setup(goodJobs: Int, suspects: Int, goodMs: Int = 30) async throws -> (Queue, [String]) {
        let queue = try makeQueue()
        let suspectIDs = try await queue.addBulk((0..<suspects).map { _ in
            NewJob("suspect", json: #"{"ms":30}"#, options: JobOptions(priority: 1))
        }).map(\.id)
        while case .job = try await queue.take(TakeRequest(workerID: "dead")) {}
        #expect(try await queue.releaseWorker("dead", crashReason: "worker killed by signal 9 (SIGKILL)") == (suspects, 0))
        try await queue.addBulk((0..<goodJobs).map { _ in NewJob("good", json: "{\"ms\":\(goodMs)}") })
        return (queue, suspectIDs)
    }
}

/// When each job's handler ran, and how many ran at once at most.
private final class Spans: Sendable {
    private let state = Mutex((spans: [String: (start: ContinuousClock.Instant, end: ContinuousClock.Instant?)](), now: 0, peak: 0))

    func start(_ id: String) {
        state.withLock {
            $0.spans[id] = (.now, nil)
            $0.now += 1
            $0.peak = max($0.peak, $0.now)
        }
    }

    func end(_ id: String) {
        state.withLock {
            $0.spans[id]?.end = .now
            $0.now -= 1
        }
    }

    var peak: Int { state.withLock { $0.peak } }

    /// The jobs whose handler started.
    var started: [String] { state.withLock { Array($0.spans.keys) } }

    /// The jobs whose run overlapped the run of `id`.
    func overlapping(_ id: String) -> [String] {
        state.withLock { state in
            guard let mine = state.spans[id], let myEnd = mine.end else { return ["(never finished)"] }
            return state.spans.filter { other, span in
                other != id && span.start < myEnd && (span.end ?? .now) > mine.start
            }.map(\.key).sorted()
        }
    }
}

/// Sleeps the job's `ms` and records when it ran.
private struct SpanHandler: JobHandler {
    let spans: Spans

    func handle(_ job: Job, context: JobContext) async throws -> Int {
        spans.start(job.id)
        defer { spans.end(job.id) }
        let ms = (try? job.decode([String: Int].self)["ms"]) ?? 10
        try await Task.sleep(for: .milliseconds(ms))
        return ms
    }
}
