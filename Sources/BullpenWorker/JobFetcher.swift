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
    private let isolation: SuspectIsolation
    private let report: @Sendable (WorkerEvent) -> Void
    private var turnHeld = false
    private var line: [CheckedContinuation<Bool, Never>] = []
    private var idle: CheckedContinuation<Bool, Never>?

    /// Idle waits that end on their own before the fetcher asks Redis for work anyway.
    static let waitsBetweenChecks = 6
    private var idleGeneration = 0
    private var closed = false

    init(queue: Queue, request: TakeRequest, client: RedisClient, blocking: RedisClient, idleWait: Duration,
         isolation: SuspectIsolation, report: @escaping @Sendable (WorkerEvent) -> Void) {
        self.queue = queue
        self.request = request
        self.client = client
        self.blocking = blocking
        self.idleWait = idleWait
        self.isolation = isolation
        self.report = report
    }

    /// The next job for a slot, or nil once the fetcher is closed.
    func next() async -> ActiveJob? {
        guard await takeTurn() else { return nil }
        defer { passTurn() }
        var failures = 0
        var quietWaits = 0
        while !closed {
            // No take while a crash suspect waits to run alone or runs: the job would share its process.
            guard await isolation.beginTake() else { return nil }
            let result: TakeResult
            do {
                result = try await queue.take(request, on: client)
            } catch {
                isolation.endTake(took: false)
                failures += 1
                if failures == 1 { report(.error("unable to take a job: \(error.message); retrying")) }
                try? await Task.sleep(for: .milliseconds(min(2000, 100 * (1 << min(failures, 5)))))
                continue
            }
            failures = 0
            if case .job(let active) = result { return active }
            isolation.endTake(took: false)
            switch result {
            case .job:
                break
            case .empty(let dueIn):
                // A wait that ends on its own, with no delayed job due by then, found no work: wait again
                // without asking (an idle worker then costs one blocking call per wait). Every few waits
                // it asks anyway, in case a wake-up went to a worker that died before taking.
                // The next delayed job's due time is fixed when the reply came, so each wait ends by it
                // (waiting `dueIn` again after every quiet wait started a job up to six waits late).
                let due = dueIn.map { ContinuousClock.now + .milliseconds($0) }
                var woken = false
                repeat {
                    let wait = due.map { min(idleWait, max(.zero, ContinuousClock.now.duration(to: $0))) } ?? idleWait
                    woken = await waitForWork(upTo: wait) || wait < idleWait
                    quietWaits = woken ? 0 : quietWaits + 1
                } while !woken && !closed && quietWaits % Self.waitsBetweenChecks != 0
            case .paused:
                await waitForWork(upTo: idleWait)
            case .rateLimited(let retryAfter):
                // The window's end is known: sleep until then instead of polling.
                try? await Task.sleep(for: .milliseconds(retryAfter))
            }
        }
        return nil
    }

    /// Stops handing out jobs: slots in line get nil, and an idle wait in progress is abandoned (the
    /// blocking call ends on its own timeout; its connection is not used again).
    func close() {
        closed = true
        idle?.resume(returning: false)
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
    /// Returns true when the queue signalled (or Redis failed: then asking is the way to find out), false
    /// when the wait ran out or the fetcher was closed.
    @discardableResult
    private func waitForWork(upTo wait: Duration) async -> Bool {
        let seconds = Double(wait.milliseconds) / 1000
        idleGeneration += 1
        let generation = idleGeneration
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            idle = continuation
            Task { [queue, blocking] in
                let woken: Bool
                do { woken = try await queue.waitForWork(on: blocking, timeout: max(0.01, seconds)) } catch { woken = true }
                self.endIdle(generation, woken: woken)
            }
        }
    }

    private func endIdle(_ generation: Int, woken: Bool) {
        // Only the wait that is still current may resume it (close() may have resumed it already).
        guard generation == idleGeneration, let current = idle else { return }
        idle = nil
        current.resume(returning: woken)
    }
}
