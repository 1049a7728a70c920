import BullpenCore
@testable import BullpenRedis
import BullpenTestSupport
@testable import BullpenWorker
import Synchronization
import Testing

/// Handlers on the worker's connection thread (`WorkerConfiguration.inlineHandlers`): they run there, before
/// and after they await, within the concurrency cap, and a timeout still stops them.
@Suite(.timeLimit(.minutes(1))) struct InlineHandlerTests {
    @Test(arguments: [true, false])
    func inlineHandlersRunOnTheConnectionThreadWithinTheConcurrencyCap(inline: Bool) async throws {
        let (queue, worker, events, threads) = try setup(inline: inline)
        // Jobs of 100 ms: long enough that four overlap however loaded the machine (with jobs of 5 and 20
        // ms, a run of the whole suite on a clean clone once saw no more than three at once).
        try await queue.addBulk((0..<40).map { _ in NewJob("sleep", json: #"{"ms":100}"#) })
        let running = Task { await worker.run() }
        #expect(await eventually { events.completed.count == 40 })
        #expect(threads.gauge.peak == 4)
        // Each handler notes its thread twice: before and after it awaits.
        #expect(threads.onClientThread == (inline ? 80 : 0))
        #expect(threads.elsewhere == (inline ? 0 : 80))
        await worker.close(deadline: .seconds(1))
        await running.value
    }

    @Test func aTimeoutStopsAnInlineHandler() async throws {
        let (queue, worker, events, _) = try setup(inline: true)
        try await queue.add("slow", json: #"{"ms":5000}"#, options: JobOptions(attempts: 2, timeout: .milliseconds(150)))
        let running = Task { await worker.run() }
        #expect(await eventually { events.failed.count == 2 })
        #expect(events.failed.map(\.reason) == ["timed out after 150ms", "timed out after 150ms"])
        await worker.close(deadline: .seconds(1))
        await running.value
    }

    /// A queue, a worker of concurrency 4 whose handler sleeps (5 ms, or the job's `ms`) and counts whether
    /// it runs on the worker's connection thread, and its event log.
    private func setup(inline: Bool) throws -> (Queue, Worker, EventLog, ThreadTally) {
        let queue = try makeQueue()
        let events = EventLog()
        let threads = ThreadTally()
        let configuration = WorkerConfiguration(workerID: "w", concurrency: 4, inlineHandlers: inline)
        let worker = Worker(queue: queue, handler: ThreadNoting(threads: threads), configuration: configuration, onEvent: events.handler)
        threads.client.withLock { $0 = worker.client }
        return (queue, worker, events, threads)
    }
}

/// How often handlers ran on the worker's connection thread and elsewhere, and how many ran at once.
final class ThreadTally: Sendable {
    /// The worker's client, set once the worker exists.
    let client = Mutex<RedisClient?>(nil)
    private let counts = Mutex((client: 0, elsewhere: 0))
    let gauge = Gauge()

    var onClientThread: Int { counts.withLock { $0.client } }
    var elsewhere: Int { counts.withLock { $0.elsewhere } }

    /// Counts the calling thread.
    func noteCurrent() {
        let onClient = client.withLock { $0?.isCurrentThread } ?? false
        counts.withLock { onClient ? ($0.client += 1) : ($0.elsewhere += 1) }
    }
}

/// Sleeps (5 ms, or the job's `ms`), noting its thread before and after.
struct ThreadNoting: JobHandler {
    let threads: ThreadTally

    func handle(_ job: Job, context: JobContext) async throws -> Int {
        threads.gauge.enter()
        defer { threads.gauge.leave() }
        threads.noteCurrent()
        let ms = (try? job.decode([String: Int].self)["ms"]) ?? 5
        try await Task.sleep(for: .milliseconds(ms))
        threads.noteCurrent()
        return ms
    }
}
