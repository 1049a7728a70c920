import BullpenRedis

/// Hands jobs to a worker's slots, one slot at a time.
///
/// Only the slot holding the turn talks to Redis: it takes a job, or blocks in BZPOPMIN until there may be
/// one. The other free slots wait in line in-process, so an idle worker has exactly one blocking call
/// outstanding and costs Redis about two commands per idle wait, whatever its concurrency.
actor JobFetcher {
    private let queue: Queue
    private let request: TakeRequest
    private let client: RedisClient
    private let blocking: RedisClient
    private let idleWait: Duration
    private let report: @Sendable (WorkerEvent) -> Void
    private var turnHeld = false
    private var line: [CheckedContinuation<Bool, Never>] = []
    private var idle: CheckedContinuation<Void, Never>?
    private var idleGeneration = 0
    private var closed = false

    init(queue: Queue, request: TakeRequest, client: RedisClient, blocking: RedisClient, idleWait: Duration,
         report: @escaping @Sendable (WorkerEvent) -> Void) {
        self.queue = queue
        self.request = request
        self.client = client
        self.blocking = blocking
        self.idleWait = idleWait
        self.report = report
    }

    /// The next job for a slot, or nil once the fetcher is closed.
    func next() async -> ActiveJob? {
        guard await takeTurn() else { return nil }
        defer { passTurn() }
        var failures = 0
        while !closed {
            do {
                switch try await queue.take(request, on: client) {
                case .job(let active):
                    return active
                case .empty(let dueIn):
                    await waitForWork(upTo: dueIn.map { min(idleWait, .milliseconds($0)) } ?? idleWait)
                case .paused:
                    await waitForWork(upTo: idleWait)
                case .rateLimited(let retryAfter):
                    // The window's end is known: sleep until then instead of polling.
                    try? await Task.sleep(for: .milliseconds(retryAfter))
                }
                failures = 0
            } catch {
                failures += 1
                if failures == 1 { report(.error("unable to take a job: \(error.message); retrying")) }
                try? await Task.sleep(for: .milliseconds(min(2000, 100 * (1 << min(failures, 5)))))
            }
        }
        return nil
    }

    /// Stops handing out jobs: slots in line get nil, and an idle wait in progress is abandoned (the
    /// blocking call ends on its own timeout; its connection is not used again).
    func close() {
        closed = true
        idle?.resume()
        idle = nil
        for waiter in line { waiter.resume(returning: false) }
        line.removeAll()
    }

    private func takeTurn() async -> Bool {
        if closed { return false }
        if !turnHeld {
            turnHeld = true
            return true
        }
        return await withCheckedContinuation { line.append($0) }
    }

    private func passTurn() {
        if line.isEmpty {
            turnHeld = false
        } else {
            line.removeFirst().resume(returning: true)
        }
    }

    /// Blocks in Redis until the queue signals work or the wait ends; `close()` ends it early.
    private func waitForWork(upTo wait: Duration) async {
        let seconds = Double(wait.milliseconds) / 1000
        idleGeneration += 1
        let generation = idleGeneration
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            idle = continuation
            Task { [queue, blocking] in
                _ = try? await queue.waitForWork(on: blocking, timeout: max(0.01, seconds))
                self.endIdle(generation)
            }
        }
    }

    private func endIdle(_ generation: Int) {
        // Only the wait that is still current may resume it (close() may have resumed it already).
        guard generation == idleGeneration, let current = idle else { return }
        idle = nil
        current.resume()
    }
}
