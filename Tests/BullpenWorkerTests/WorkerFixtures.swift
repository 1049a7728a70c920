import BullpenCore
import BullpenRedis
import BullpenTestSupport
import BullpenWorker
import Synchronization

/// A queue under a fresh key prefix on the shared test server (or on `server`).
func makeQueue(settings: QueueSettings = QueueSettings(), server: RedisServer = .shared) throws -> Queue {
    var settings = settings
    settings.prefix = TestKeys.prefix()
    return try Queue("jobs", redis: RedisPool(server.configuration, size: 2, reconnect: .forever), settings: settings)
}

/// Collects a worker's events, and lets a test await a condition on them.
final class EventLog: Sendable {
    private let events = Mutex<[WorkerEvent]>([])

    var handler: @Sendable (WorkerEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }

    var completed: [String] {
        events.withLock { $0.compactMap { if case .completed(let job, _) = $0 { return job.id } else { return nil } } }
    }
    var failed: [(id: String, reason: String, status: FinishStatus)] {
        events.withLock { $0.compactMap { if case .failed(let job, let reason, let status) = $0 { return (job.id, reason, status) } else { return nil } } }
    }
    var errors: [String] {
        events.withLock { $0.compactMap { if case .error(let message) = $0 { return message } else { return nil } } }
    }
    var refused: [String] {
        events.withLock { $0.compactMap { if case .refused(let job) = $0 { return job.id } else { return nil } } }
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Counts how many handlers run at once, and the most that ever did.
final class Gauge: Sendable {
    private let value = Mutex((now: 0, peak: 0, total: 0))
    func enter() { value.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now); $0.total += 1 } }
    func leave() { value.withLock { $0.now -= 1 } }
    var peak: Int { value.withLock { $0.peak } }
    var total: Int { value.withLock { $0.total } }
    var now: Int { value.withLock { $0.now } }
}

/// Sleeps `milliseconds` (the job's data may override it with {"ms": N}) and reports to a gauge.
struct SleepHandler: JobHandler {
    let gauge: Gauge
    var milliseconds = 20

    func handle(_ job: Job, context: JobContext) async throws -> Int {
        gauge.enter()
        defer { gauge.leave() }
        let ms = (try? job.decode([String: Int].self)["ms"]) ?? milliseconds
        try await Task.sleep(for: .milliseconds(ms))
        return ms
    }
}

/// The cancellation reasons a handler saw.
final class Reasons: Sendable {
    private let list = Mutex<[JobContext.Cancellation?]>([])
    func append(_ reason: JobContext.Cancellation?) { list.withLock { $0.append(reason) } }
    var all: [JobContext.Cancellation?] { list.withLock { $0 } }
}

/// Runs until cancelled, then records why and rethrows.
struct UntilCancelledHandler: JobHandler {
    let reasons: Reasons
    let started: Gauge

    func handle(_ job: Job, context: JobContext) async throws -> String {
        started.enter()
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            reasons.append(context.cancellation)
            throw error
        }
        return "never"
    }
}
