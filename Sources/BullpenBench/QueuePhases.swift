import BullpenCore
import BullpenRedis
import Foundation

/// The queue measurements: single add, bulk add and take-and-complete cycles, each on one connection
/// (a `RedisPool` of size 1) against a freshly flushed server.
struct QueuePhases: Sendable {
    let target: BenchTarget
    /// A connection of its own for FLUSHALL and INFO, outside the measured one.
    let admin: RedisClient
    let jobs: Int
    /// False runs the queue with `maxEvents: 0` (no event stream).
    let events: Bool

    /// `queue.add` one job at a time, from a task on the global pool or (`onConnectionThread`) from a
    /// task on the connection's thread.
    func singleAdd(onConnectionThread: Bool = false) async throws -> Sample {
        try await withFreshQueue { queue in
            try await queue.add("bench", json: Payload.json(-1))  // connects, registers, loads add.lua
            // The payloads are made before timing: the figure is the cost of adding, as redis-benchmark's
            // is the cost of calling.
            let payloads = (0..<jobs).map(Payload.json)
            let loop = { () async throws -> Void in
                for payload in payloads { try await queue.add("bench", json: payload) }
            }
            return try await measure(operations: jobs) {
                if onConnectionThread { try await queue.redis.onConnectionThread(loop) } else { try await loop() }
            }
        }
    }

    /// `queue.addBulk` with 1,000 jobs per call (one script call, one round trip each), the jobs made
    /// before timing.
    func bulkAdd() async throws -> Sample {
        try await withFreshQueue { queue in
            try await queue.add("bench", json: Payload.json(-1))
            let batches = stride(from: 0, to: jobs, by: 1000).map { start in
                (start..<min(start + 1000, jobs)).map { NewJob("bench", json: Payload.json($0)) }
            }
            return try await measure(operations: jobs) {
                for batch in batches { try await queue.addBulk(batch) }
            }
        }
    }

    /// With `jobs` waiting: one take, then `finish(.completed, takingNext:)` until the queue is empty.
    func cycles() async throws -> Sample {
        try await withFreshQueue { queue in try await cycles(queue) }
    }

    private func cycles(_ queue: Queue) async throws -> Sample {
        let request = TakeRequest(workerID: "bench-worker")
        // One job more than measured, taken and finished first, so both scripts are loaded before timing.
        try await queue.addBulk((0...jobs).map { NewJob("bench", json: Payload.json($0)) })
        guard case .job(let warmUp) = try await queue.take(request) else { throw BenchError(.redis, "warm-up take found no job") }
        _ = try await queue.finish(warmUp, .completed(returnValue: "1"))
        var done = 0
        let sample = try await measure(operations: jobs) {
            var result = try await queue.take(request)
            while case .job(let active) = result {
                let finished = try await queue.finish(active, .completed(returnValue: "1"), takingNext: request)
                guard finished.status == .completed, let next = finished.next else {
                    throw BenchError(.redis, "finish of job \(active.job.id) answered \(finished.status)")
                }
                done += 1
                result = next
            }
        }
        guard done == jobs else { throw BenchError(.redis, "completed \(done) jobs, expected \(jobs)") }
        return sample
    }

    /// Flushes the server and runs `body` with a queue on a new one-connection pool, closed afterwards.
    private func withFreshQueue(_ body: (Queue) async throws -> Sample) async throws -> Sample {
        try await admin.send(["FLUSHALL"]).orThrow(command: "FLUSHALL")
        let pool = RedisPool(target.configuration, size: 1)
        let settings = events ? QueueSettings() : QueueSettings(maxEvents: 0)
        do {
            let sample = try await body(try Queue("bench", redis: pool, settings: settings))
            await pool.close()
            return sample
        } catch {
            await pool.close()
            throw error
        }
    }

    private func measure(operations: Int, _ body: () async throws -> Void) async throws -> Sample {
        let before = try await ServerStats.read(admin)
        let start = ProcessClock.now()
        try await body()
        let elapsed = ProcessClock.now().since(start)
        let after = try await ServerStats.read(admin)
        return Sample(operations: operations, elapsed: elapsed, server: after.cost(since: before, operations: operations))
    }
}
