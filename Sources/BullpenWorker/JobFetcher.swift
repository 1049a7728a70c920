import BullpenRedis

/// Hands jobs to a worker's slots, one slot at a time.
///
/// Only the slot holding the turn talks to Redis: it takes a job, or blocks in BZPOPMIN until there may be
/// one, with its next take pipelined right behind (Redis runs it the moment the wait ends, so a woken
/// worker starts its job one round trip after the add). The other free slots wait in line in-process, so
/// an idle worker has exactly one blocking call outstanding and costs Redis a wait and a take per wait.
actor JobFetcher {
    private let queue: Queue
    private let request: TakeRequest
    private let client: RedisClient
    private let blocking: RedisClient
    private let idleWait: Duration
    private let gate: TakeGate
    private let report: @Sendable (WorkerEvent) -> Void
    private var turnHeld = false
    private var line: [CheckedContinuation<Bool, Never>] = []
    /// The idle wait in progress: resumed with its take's result, or nil (it failed, or `close()`).
    private var idle: CheckedContinuation<TakeResult?, Never>?
    private var idleGeneration = 0
    /// Idle waits that failed in a row (the first of a run is reported).
    private var waitFailures = 0
    private var closed = false

    init(queue: Queue, request: TakeRequest, client: RedisClient, blocking: RedisClient, idleWait: Duration,
         gate: TakeGate, report: @escaping @Sendable (WorkerEvent) -> Void) {
        self.queue = queue
        self.request = request
        self.client = client
        self.blocking = blocking
        self.idleWait = idleWait
        self.gate = gate
        self.report = report
    }

    /// The next job for a slot, or nil once the fetcher is closed.
    func next() async -> ActiveJob? {
        guard await takeTurn() else { return nil }
        defer { passTurn() }
        var failures = 0
        // The result of the take that ended the last idle wait, if it ran. A job it brought goes to the
        // slot even after close() (the slot hands it back): it is leased to this worker.
        var carried: TakeResult?
        while !closed || carried != nil {
            let result: TakeResult
            if let taken = carried {
                result = taken
                carried = nil
            } else {
                // No take while a crash suspect waits to run alone or runs: the job would share its process.
                guard await gate.beginTake() else { return nil }
                do {
                    result = try await queue.take(request, on: client)
                } catch {
                    gate.endTake(took: false)
                    // A cancelled task's calls are withdrawn: retrying would spin.
                    if Task.isCancelled { return nil }
                    failures += 1
                    if failures == 1 { report(.error("unable to take a job: \(error.message); retrying")) }
                    try? await Task.sleep(for: .milliseconds(min(2000, 100 * (1 << min(failures, 5)))))
                    continue
                }
            }
            failures = 0
            if case .job(let active) = result { return active }
            gate.endTake(took: false)
            switch result {
            case .job:
                break
            case .empty(let dueIn):
                // Each wait ends by the next delayed job's due time, and its take finds that time anew.
                carried = await waitThenTake(upTo: dueIn.map { min(idleWait, .milliseconds($0)) } ?? idleWait)
            case .paused:
                carried = await waitThenTake(upTo: idleWait)
            case .rateLimited(let retryAfter):
                // The window's end is known: sleep until then instead of polling.
                try? await Task.sleep(for: .milliseconds(retryAfter))
            }
        }
        return nil
    }

    /// Stops handing out jobs: slots in line get nil, and an idle wait in progress is abandoned (the
    /// blocking call ends on its own timeout; a job its take leased meanwhile is handed back). A process
    /// that exits after close() drops the wait with its connection, and Redis its take with it; a job
    /// leased in the instant before exit comes back by the supervisor's release of the worker's jobs,
    /// or, without a supervisor, when its lease expires.
    func close() {
        closed = true
        idle?.resume(returning: nil)
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

    /// Blocks in Redis until the queue signals work or the wait ends, then takes (see
    /// `Queue.waitForWork(on:timeout:thenTake:)`); `close()` ends it early. Returns the take's result, or
    /// nil when the fetcher was closed or the call failed (the caller then takes as usual).
    private func waitThenTake(upTo wait: Duration) async -> TakeResult? {
        // The take may run at any moment of the wait, so it counts as a take in flight from now; while a
        // crash suspect waits or runs there is nothing to wait for in Redis.
        // Closed before or while waiting at the gate: no wait (a suspect may hold the gate for long).
        guard !closed, await gate.beginTake() else { return nil }
        if closed {
            gate.endTake(took: false)
            return nil
        }
        let seconds = max(0.01, Double(wait.milliseconds) / 1000)
        idleGeneration += 1
        let generation = idleGeneration
        return await withCheckedContinuation { (continuation: CheckedContinuation<TakeResult?, Never>) in
            idle = continuation
            Task { [queue, blocking, request] in
                do throws(QueueError) {
                    let taken = try await queue.waitForWork(on: blocking, timeout: seconds, thenTake: request).taken
                    await self.endIdle(generation, taken: taken)
                } catch {
                    // A wait that fails at once (Redis down, or refusing the command) must not turn the
                    // idle loop into a busy one: report the first failure of a run, and pause.
                    self.waitFailed(error)
                    try? await Task.sleep(for: .milliseconds(500))
                    await self.endIdle(generation, taken: nil)
                }
            }
        }
    }

    private func waitFailed(_ error: QueueError) {
        waitFailures += 1
        if waitFailures == 1 { report(.error("unable to wait for work: \(error.message); retrying")) }
    }

    private func endIdle(_ generation: Int, taken: TakeResult?) async {
        // A result goes to the wait that is still current; the take's count ends here when it brought
        // nothing the caller will account for.
        if taken != nil { waitFailures = 0 }
        if generation == idleGeneration, let current = idle {
            idle = nil
            if taken == nil { gate.endTake(took: false) }
            current.resume(returning: taken)
            return
        }
        // Abandoned by close(): a job leased meanwhile goes straight back, unrun and without using up an
        // attempt (if that fails, its lease expires and a live worker returns it).
        if case .job(let active)? = taken {
            do {
                try await queue.release([(active.job.id, active.lease.token)], on: client)
            } catch {
                report(.error("unable to hand back job \(active.job.id): \(error.message)"))
            }
        }
        gate.endTake(took: false)
    }
}
