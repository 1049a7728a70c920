import BullpenWorker

/// `enqueue`: adds no-op jobs from one connection, one by one with `add` or in chunks with `addBulk`.
struct Enqueuer {
    /// What the driver reads: `{"enqueued": N, "seconds": S}`, S being the enqueue loop only.
    struct Result {
        var enqueued: Int
        var seconds: Double
        var json: String { "{\"enqueued\": \(enqueued), \"seconds\": \(seconds)}" }
    }

    let environment: BenchEnvironment

    func run(_ options: EnqueueOptions) async throws(AdapterError) -> Result {
        // One connection: the contract measures one client adding jobs in turn.
        let queue = try environment.queue(connections: 1)
        do {
            // Connect before the clock starts (the contract times the loop only).
            _ = try await queue.redis.client().send(["PING"])
        } catch {
            throw AdapterError(.queue, "unable to reach Redis at \(environment.redisURL): \(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            if options.bulk {
                for first in stride(from: 0, to: options.count, by: options.chunk) {
                    let jobs = (first..<min(first + options.chunk, options.count)).map { NewJob("noop", json: BenchPayload.json($0)) }
                    try await queue.addBulk(jobs)
                }
            } else {
                for index in 0..<options.count {
                    if options.rate > 0 {
                        // An absolute schedule: a late job does not push the later ones back.
                        try? await Task.sleep(until: start + .seconds(Double(index) / options.rate), tolerance: .zero, clock: clock)
                    }
                    try await queue.add("noop", json: BenchPayload.json(index))
                }
            }
        } catch {
            throw AdapterError(.queue, "enqueue into queue \(environment.queue): \(error)")
        }
        let elapsed = start.duration(to: clock.now)
        await queue.redis.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(enqueued: options.count, seconds: (seconds * 1e6).rounded() / 1e6)
    }
}
