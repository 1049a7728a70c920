import BullpenRedis
import FoundationEssentials

extension Queue {
    /// Takes the next job with a lease: due delayed jobs are promoted first, then waiting jobs, then
    /// prioritized ones in priority order. Blocking-free: use `waitForWork` to sleep until there is work.
    public func take(_ request: TakeRequest, on client: RedisClient? = nil) async throws(QueueError) -> TakeResult {
        let token = Lease.newToken()
        let reply = try await run(QueueScripts.take, request.scriptArguments(token: token), on: client)
        return try takeResult(of: reply, token: token, workerID: request.workerID)
    }

    /// Reports a job's outcome and, when `next` is given, takes the worker's next job in the same round trip.
    ///
    /// A failure that may be retried waits for the job's backoff (computed here, with its jitter).
    /// The call may be repeated after a lost connection: a repeat answers `.duplicate` and changes nothing.
    public func finish(
        _ active: ActiveJob, _ outcome: JobOutcome, takingNext next: TakeRequest? = nil, on client: RedisClient? = nil
    ) async throws(QueueError) -> (status: FinishStatus, next: TakeResult?) {
        let nextToken = Lease.newToken()
        let reply = try await runAll([finishCall(active, outcome, next: next, nextToken: nextToken)], on: client, idempotent: true)[0]
        guard let parts = reply.array, let first = parts.first?.string, let status = FinishStatus(rawValue: first) else {
            throw .unexpected("finish", reply)
        }
        guard let next else { return (status, nil) }
        return (status, try takeResult(parts.dropFirst(), token: nextToken, workerID: next.workerID))
    }

    /// The script call of one finish (see finish.lua). A batch script: the finishes of other slots that
    /// leave in the same pipeline with the same take settings share its run.
    func finishCall(_ active: ActiveJob, _ outcome: JobOutcome, next: TakeRequest?, nextToken: String) -> RedisScriptCall {
        var arguments = [active.job.id, active.lease.token]
        switch outcome {
        case .completed(let value):
            arguments += ["completed", value, "", "0"]
        case .failed(let reason, let stack, let retry):
            let delay = retry ? (active.job.options.backoff?.delayMilliseconds(afterAttempt: active.job.attemptsMade + 1) ?? 0) : -1
            arguments += ["failed", reason, stack ?? "", String(delay)]
        }
        arguments.append(next == nil ? "" : nextToken)
        let shared = next?.settingsArguments ?? TakeRequest.noTakeArguments
        var finishCall = call(QueueScripts.finish, shared + arguments)
        finishCall.sharedArguments = settingsArguments.count + shared.count
        return finishCall
    }

    /// Extends the leases of jobs a worker holds. Returns the new expiry and the ids whose lease is lost.
    public func renew(_ leases: [(id: String, token: String)], lease: Duration, on client: RedisClient? = nil)
        async throws(QueueError) -> (expiresAt: Int64, lost: [String])
    {
        let arguments = [String(lease.milliseconds)] + leases.flatMap { [$0.id, $0.token] }
        let reply = try await run(QueueScripts.renew, arguments, on: client, idempotent: true)
        guard let parts = reply.array, let expiry = parts.first?.int else { throw .unexpected("renew", reply) }
        return (expiry, parts.dropFirst().compactMap(\.string))
    }

    /// Returns jobs whose lease expired to the queue (stall count raised); past `maxStalls` they fail.
    @discardableResult
    public func recoverStalled(maxStalls: Int, on client: RedisClient? = nil) async throws(QueueError) -> (returned: Int, failed: Int) {
        // Calls of at most `recoverBatch` jobs each keep every script call short (a host that died with
        // thousands of jobs), called again while they come back full.
        var total = (returned: 0, failed: 0)
        while true {
            let batch = try counted(
                await run(QueueScripts.recover, [String(maxStalls), String(Self.recoverBatch)], on: client, idempotent: true), "recover")
            total = (total.returned + batch.returned, total.failed + batch.failed)
            if batch.returned + batch.failed < Self.recoverBatch { return total }
        }
    }

    /// The most stalled jobs one `recover` script call handles.
    static let recoverBatch = 200

    /// Hands jobs a worker holds back to the queue without using up an attempt (a worker closing).
    @discardableResult
    public func release(_ leases: [(id: String, token: String)], on client: RedisClient? = nil) async throws(QueueError) -> Int {
        let arguments = ["tokens"] + leases.flatMap { [$0.id, $0.token] }
        return try counted(await run(QueueScripts.release, arguments, on: client, idempotent: true), "release").returned
    }

    /// Hands back every job a dead worker held. With a `crashReason` (e.g. `worker killed by signal 11`)
    /// each job's crash count is raised, and a job that crashed its worker `maxCrashes` times fails for good
    /// and is dead-lettered with the reason; without one (a worker stopped at a drain deadline) the jobs go
    /// back unchanged.
    @discardableResult
    public func releaseWorker(_ workerID: String, crashReason: String?, maxCrashes: Int = 3, on client: RedisClient? = nil)
        async throws(QueueError) -> (returned: Int, failed: Int)
    {
        let arguments = crashReason.map { ["crash", workerID, $0, String(maxCrashes)] } ?? ["drain", workerID]
        return try counted(await run(QueueScripts.release, arguments, on: client, idempotent: true), "release")
    }

    /// Records a running job's progress (a number or any JSON). Returns false when the lease is lost.
    @discardableResult
    public func reportProgress(_ active: ActiveJob, json progress: String, on client: RedisClient? = nil) async throws(QueueError) -> Bool {
        if let problem = JSONText.problem(in: progress, maxDepth: settings.maxPayloadDepth) {
            throw QueueError(.invalidPayload, "progress is not valid JSON: \(problem)")
        }
        let reply = try await run(QueueScripts.progress, [active.job.id, active.lease.token, progress], on: client, idempotent: true)
        return reply.string == "ok"
    }

    /// Appends lines to a job's log (the newest `maxLogLines` are kept). Returns the number of lines kept.
    @discardableResult
    public func log(_ jobID: String, _ lines: String..., on client: RedisClient? = nil) async throws(QueueError) -> Int {
        let reply = try await run(QueueScripts.log, [jobID, String(settings.maxLogLines)] + lines, on: client)
        guard let kept = reply.int else { throw .unexpected("log", reply) }
        if kept < 0 { throw QueueError(.jobNotFound, "queue \(name) has no job \(jobID)") }
        return Int(kept)
    }

    /// Blocks until there may be work (a job added, a queue resumed, a delayed job due) or `timeout`
    /// seconds pass. Use a client of its own: the call holds its connection while it waits.
    /// Returns true when woken by the queue, false on timeout.
    public func waitForWork(on client: RedisClient, timeout: Double) async throws(QueueError) -> Bool {
        do {
            let reply = try await client.send(["BZPOPMIN", keys.marker, Self.blockingSeconds(timeout)], timeout: timeout + client.configuration.commandTimeout)
            return !reply.isNull
        } catch {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
    }

    /// Waits like `waitForWork(on:timeout:)`, then takes a job in the same round trip: the take travels
    /// right behind the BZPOPMIN and Redis runs it the moment the wait ends, woken or not. A woken worker
    /// then starts its job without a second round trip (and the thread hand-offs around it).
    ///
    /// The take may run whenever the wait ends, so count it as a take in flight from the call on. A lost
    /// connection throws, and a job the take may have leased comes back when its lease expires.
    public func waitForWork(on client: RedisClient, timeout: Double, thenTake request: TakeRequest) async throws(QueueError)
        -> (woken: Bool, taken: TakeResult)
    {
        let token = Lease.newToken()
        let take = call(QueueScripts.take, request.scriptArguments(token: token))
        let popped: RedisReply, reply: RedisReply
        do {
            (popped, reply) = try await client.send(
                ["BZPOPMIN", keys.marker, Self.blockingSeconds(timeout)], thenRun: take, timeout: timeout + client.configuration.commandTimeout)
        } catch {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
        let taken = try takeResult(of: try checked(reply, of: take), token: token, workerID: request.workerID)
        // A wait that failed (e.g. an ACL refusing BZPOPMIN) returned at once; a job its take leased is
        // still ours to run, but an idle worker must learn of the failure rather than loop on it.
        if let text = popped.errorMessage, taken.active == nil {
            throw QueueError(.redis, "queue \(name): BZPOPMIN: \(text)")
        }
        return (!popped.isNull && popped.errorMessage == nil, taken)
    }

    /// `seconds` as BZPOPMIN's timeout: seconds with three decimals, at least 1 ms (without Foundation's
    /// `String(format:)`).
    static func blockingSeconds(_ seconds: Double) -> String {
        let milliseconds = max(1, Int((seconds * 1000).rounded()))
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// What a take script's reply says.
    private func takeResult(of reply: RedisReply, token: String, workerID: String) throws(QueueError) -> TakeResult {
        guard let parts = reply.array else { throw .unexpected("take", reply) }
        return try takeResult(parts[...], token: token, workerID: workerID)
    }

    private func takeResult(_ parts: ArraySlice<RedisReply>, token: String, workerID: String) throws(QueueError) -> TakeResult {
        guard let kind = parts.first?.string else { throw .unexpected("take", parts) }
        let rest = Array(parts.dropFirst())
        switch kind {
        case "job":
            guard let (job, expiry) = try JobRecord.job(takeReply: rest, queue: name, workerID: workerID, options: optionsCache) else {
                throw .unexpected("take", parts)
            }
            // The lease token is the lease as the script stored it in `active` (see leaseOf in _queue.lua).
            let lease = "\(job.id) \(token) \(job.processedAt ?? 0) \(workerID)"
            return .job(ActiveJob(job: job, lease: Lease(token: lease, expiresAt: expiry)))
        case "empty":
            let due = rest.first?.int ?? -1
            return .empty(nextDueIn: due >= 0 ? due : nil)
        case "paused":
            return .paused
        case "limited":
            return .rateLimited(retryAfter: max(1, rest.first?.int ?? 1))
        default:
            throw .unexpected("take", parts)
        }
    }

    private func counted(_ reply: RedisReply, _ script: String) throws(QueueError) -> (returned: Int, failed: Int) {
        guard let parts = reply.array, parts.count == 2, let first = parts[0].int, let second = parts[1].int else {
            throw .unexpected(script, reply)
        }
        return (Int(first), Int(second))
    }
}
