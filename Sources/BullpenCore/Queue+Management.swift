import BullpenRedis
import FoundationEssentials

extension Queue {
    /// The number of jobs in every state, in one round trip.
    public func counts() async throws(QueueError) -> JobCounts {
        let reply = try await run(QueueScripts.counts, [], idempotent: true)
        guard let numbers = reply.array?.compactMap(\.int).map(Int.init), numbers.count == 8 else {
            throw .unexpected("counts", reply)
        }
        let paused = numbers[6] == 1
        return JobCounts(
            waiting: paused ? 0 : numbers[0], prioritized: numbers[1], delayed: numbers[2], active: numbers[3],
            completed: numbers[4], failed: numbers[5], paused: paused ? numbers[0] : 0, deadLetter: numbers[7],
            isPaused: paused)
    }

    /// One job with every field, its logs included; nil when there is no such job.
    public func job(_ id: String) async throws(QueueError) -> Job? {
        let reply = try await run(QueueScripts.get, [id], idempotent: true)
        if reply.isNull { return nil }
        guard let parts = reply.array, parts.count == 4, let record = parts[0].string, let data = parts[1].string,
            let logs = parts[2].string
        else { throw .unexpected("get", reply) }
        let lines = (try? JSONDecoder().decode([String].self, from: Data(logs.utf8))) ?? []
        return Job(id: id, queue: name, record: try JobRecord.decode(record, id: id), data: data, logs: lines,
                   paused: parts[3].int == 1)
    }

    /// A page of the jobs in `state`: next to run first for queued states, newest first for finished ones.
    public func jobs(_ state: JobState, offset: Int = 0, limit: Int = 50) async throws(QueueError) -> JobPage {
        guard offset >= 0 else { throw .option("offset", offset, "must be 0 or more") }
        guard limit > 0 else { throw .option("limit", limit, "must be more than 0") }
        let listed = state == .paused ? "waiting" : state.rawValue
        let reply = try await run(QueueScripts.list, [listed, String(offset), String(limit)], idempotent: true)
        guard let parts = reply.array, let total = parts.first?.int, (parts.count - 1) % 3 == 0 else {
            throw .unexpected("list", reply)
        }
        let paused = state == .paused
        var jobs: [Job] = []
        for index in stride(from: 1, to: parts.count, by: 3) {
            guard let id = parts[index].string, let record = parts[index + 1].string, let data = parts[index + 2].string else {
                throw .unexpected("list", reply)
            }
            jobs.append(Job(id: id, queue: name, record: try JobRecord.decode(record, id: id), data: data, paused: paused))
        }
        return JobPage(total: Int(total), jobs: jobs)
    }

    /// Pauses the queue: workers take no new job; running jobs finish. Returns false if already paused.
    @discardableResult
    public func pause() async throws(QueueError) -> Bool { try await run(QueueScripts.pause, ["pause"]).int == 1 }

    /// Resumes a paused queue. Returns false if it was not paused.
    @discardableResult
    public func resume() async throws(QueueError) -> Bool { try await run(QueueScripts.pause, ["resume"]).int == 1 }

    /// Makes a delayed job waiting now.
    public func promote(_ id: String) async throws(QueueError) {
        try check(await run(QueueScripts.promote, [id]), id: id, expected: "delayed")
    }

    /// Deletes a job in any state but active.
    public func remove(_ id: String) async throws(QueueError) {
        try check(await run(QueueScripts.remove, [id]), id: id, expected: "not active")
    }

    /// Sends failed jobs back to the queue with fresh attempts. Throws for an id that is not a failed job.
    @discardableResult
    public func retry(_ ids: [String]) async throws(QueueError) -> Int {
        try perIDResult(await run(QueueScripts.retry, ["ids"] + ids), "retry", expected: "failed")
    }

    /// Sends up to `limit` failed jobs (oldest first) back to the queue. Returns how many.
    @discardableResult
    public func retryAllFailed(limit: Int = 10_000) async throws(QueueError) -> Int {
        try perIDResult(await run(QueueScripts.retry, ["all", String(limit)]), "retry", expected: "failed")
    }

    /// Deletes completed, failed or dead-lettered jobs that finished more than `olderThan` ago, at most
    /// `limit`, keeping the newest `keep` whatever their age. Returns how many were deleted.
    @discardableResult
    public func clean(_ state: CleanableState, olderThan: Duration, limit: Int = 10_000, keep: Int = 0) async throws(QueueError) -> Int {
        guard olderThan >= .zero else { throw .option("olderThan", olderThan, "must be 0 or more") }
        guard limit > 0 else { throw .option("limit", limit, "must be more than 0") }
        guard keep >= 0 else { throw .option("keep", keep, "must be 0 or more") }
        let reply = try await run(QueueScripts.clean, [state.rawValue, String(olderThan.milliseconds), String(limit), String(keep)])
        guard let count = reply.int else { throw .unexpected("clean", reply) }
        return Int(count)
    }

    /// Deletes every job waiting to run (and delayed ones when asked). Returns how many.
    @discardableResult
    public func drain(includingDelayed: Bool = false) async throws(QueueError) -> Int {
        let reply = try await run(QueueScripts.drain, [includingDelayed ? "1" : "0"])
        guard let count = reply.int else { throw .unexpected("drain", reply) }
        return Int(count)
    }

    /// Deletes the whole queue. Refused while jobs run, unless `force`.
    public func obliterate(force: Bool = false) async throws(QueueError) {
        let reply = try await run(QueueScripts.obliterate, [force ? "1" : "0"])
        if reply.string == "active" {
            throw QueueError(.wrongState, "queue \(name) has running jobs: stop its workers first, or force")
        }
        do {
            _ = try await redis.client().send(["SREM", QueueKeys.registry(prefix: settings.prefix), name])
        } catch {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
    }

    /// A page of the dead-letter queue, newest first.
    public func deadLetters(offset: Int = 0, limit: Int = 50) async throws(QueueError) -> (total: Int, entries: [DeadLetter]) {
        let reply = try await run(QueueScripts.list, ["dead", String(max(0, offset)), String(max(1, limit))], idempotent: true)
        guard let parts = reply.array, let total = parts.first?.int else { throw .unexpected("list", reply) }
        var entries: [DeadLetter] = []
        for index in stride(from: 1, to: parts.count, by: 3) {
            guard let text = parts[index + 1].string,
                let entry = try? JSONDecoder().decode(DeadLetter.self, from: Data(text.utf8))
            else { throw .unexpected("list", reply) }
            entries.append(entry)
        }
        return (Int(total), entries)
    }

    /// Sends dead-lettered jobs back to their original queue with fresh attempts (`ids` nil: all of them).
    @discardableResult
    public func retryDeadLetters(_ ids: [String]? = nil, limit: Int = 10_000) async throws(QueueError) -> Int {
        let selection = ids.map { ["ids"] + $0 } ?? ["all", String(limit)]
        return try perIDResult(await run(QueueScripts.deadLetter, ["retry"] + selection), "deadletter", expected: "dead-lettered")
    }

    /// Deletes dead-letter entries (`ids` nil: all of them).
    @discardableResult
    public func purgeDeadLetters(_ ids: [String]? = nil, limit: Int = 1_000_000) async throws(QueueError) -> Int {
        let selection = ids.map { ["ids"] + $0 } ?? ["all", String(limit)]
        return try perIDResult(await run(QueueScripts.deadLetter, ["purge"] + selection), "deadletter", expected: "dead-lettered")
    }

    private func check(_ reply: RedisReply, id: String, expected: String) throws(QueueError) {
        switch reply.string {
        case "ok": return
        case "missing": throw QueueError(.jobNotFound, "queue \(name) has no job \(id)")
        case let other?: throw QueueError(.wrongState, "job \(id) of queue \(name) is not \(expected) (\(other))")
        default: throw .unexpected("job", reply)
        }
    }

    /// Reads `{count, id1, status1, ...}` and throws for the first id that was not handled.
    private func perIDResult(_ reply: RedisReply, _ script: String, expected: String) throws(QueueError) -> Int {
        guard let parts = reply.array, let count = parts.first?.int else { throw .unexpected(script, reply) }
        for index in stride(from: 1, to: parts.count - 1, by: 2) where parts[index + 1].string != "ok" {
            let id = parts[index].string ?? "?"
            if parts[index + 1].string == "missing" { throw QueueError(.jobNotFound, "queue \(name) has no \(expected) job \(id)") }
            throw QueueError(.wrongState, "job \(id) of queue \(name) is not \(expected) (\(parts[index + 1].string ?? "?"))")
        }
        return Int(count)
    }
}
