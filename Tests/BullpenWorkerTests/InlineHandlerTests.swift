import BullpenCore
import BullpenRedis
import BullpenTestSupport
import BullpenWorker
import Glibc
import Synchronization
import Testing

/// Handlers on the worker's connection thread (`WorkerConfiguration.inlineHandlers`): they run there, before
/// and after they await, within the concurrency cap, and a timeout still stops them.
@Suite(.timeLimit(.minutes(1))) struct InlineHandlerTests {
    @Test(arguments: [true, false])
    func inlineHandlersRunOnTheConnectionThreadWithinTheConcurrencyCap(inline: Bool) async throws {
        let (queue, worker, events, threads) = try setup(inline: inline)
        try await queue.addBulk((0..<40).map { _ in NewJob("sleep") })
        let running = Task { await worker.run() }
        #expect(await eventually { events.completed.count == 40 })
        #expect(threads.gauge.peak == 4)
        // Named by the client (SpinningThreadExecutor); the pool's threads are not.
        #expect(threads.names == (inline ? ["bullpen-redis"] : threads.names.subtracting(["bullpen-redis"])))
        #expect(!threads.names.isEmpty)
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

    /// A queue, a worker of concurrency 4 whose handler sleeps (5 ms, or the job's `ms`) and notes the
    /// threads it runs on, and its event log.
    private func setup(inline: Bool) throws -> (Queue, Worker, EventLog, ThreadNames) {
        let queue = try makeQueue()
        let events = EventLog()
        let threads = ThreadNames()
        let configuration = WorkerConfiguration(workerID: "w", concurrency: 4, inlineHandlers: inline)
        let worker = Worker(queue: queue, handler: ThreadNoting(threads: threads), configuration: configuration, onEvent: events.handler)
        return (queue, worker, events, threads)
    }
}

/// The names of the threads handlers ran on, and how many ran at once.
final class ThreadNames: Sendable {
    private let seen = Mutex<Set<String>>([])
    let gauge = Gauge()

    var names: Set<String> { seen.withLock { $0 } }

    /// Notes the calling thread's name (its `comm`).
    func noteCurrent() {
        let fd = open("/proc/thread-self/comm", O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        let name = String(decoding: buffer.prefix(max(0, count)).prefix { $0 != 10 }, as: UTF8.self)
        seen.withLock { _ = $0.insert(name) }
    }
}

/// Sleeps (5 ms, or the job's `ms`), noting its thread before and after.
struct ThreadNoting: JobHandler {
    let threads: ThreadNames

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
