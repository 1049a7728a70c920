import BullpenRedis
import FoundationEssentials

extension Queue {
    /// Adds or replaces a schedule; returns its next tick (Unix ms). An unchanged schedule keeps its
    /// planned tick; a changed one is planned anew from now, so a cadence change adds neither a duplicate
    /// nor a gap.
    @discardableResult
    public func upsertSchedule(_ schedule: JobSchedule, source: String = "api") async throws(QueueError) -> Int64? {
        try schedule.validate()
        let spec = try Self.encode(schedule)
        let now = try await serverTime()
        let first = schedule.nextTick(after: now, rule: try schedule.rule())
        let reply = try await run(QueueScripts.schedules, ["upsert", schedule.id, spec, String(first ?? -1), source])
        guard let next = reply.int else { throw .unexpected("schedules", reply) }
        return next >= 0 ? next : nil
    }

    /// Removes a schedule; returns false when there was none.
    @discardableResult
    public func removeSchedule(_ id: String) async throws(QueueError) -> Bool {
        try await run(QueueScripts.schedules, ["remove", id]).int == 1
    }

    /// Makes the schedules of `source` exactly `schedules`: upserts them and removes the source's others
    /// (the topology file's schedules follow the file on start and reload; others are left alone).
    public func syncSchedules(_ schedules: [JobSchedule], source: String = "topology") async throws(QueueError) {
        for schedule in schedules { try await upsertSchedule(schedule, source: source) }
        _ = try await run(QueueScripts.schedules, ["sync", source] + schedules.map(\.id))
    }

    /// Every schedule of the queue with its runs and next tick.
    public func schedules() async throws(QueueError) -> [ScheduleState] {
        let reply = try await run(QueueScripts.schedules, ["list"], idempotent: true)
        guard let parts = reply.array, !parts.isEmpty else { throw .unexpected("schedules", reply) }
        var states: [ScheduleState] = []
        for index in stride(from: 1, to: parts.count - 2, by: 3) {
            guard let entry = parts[index + 1].string.flatMap(Self.decodeEntry) else { continue }
            let next = parts[index + 2].int ?? -1
            states.append(ScheduleState(schedule: entry.schedule, runs: entry.runs, next: next >= 0 ? next : nil, source: entry.source))
        }
        return states.sorted { $0.schedule.id < $1.schedule.id }
    }

    /// Fires the ticks that are due: each adds its job (id `<schedule>@<tick>`) and plans the next tick in
    /// one script, which refuses a tick another worker fired already, so each tick adds exactly one job.
    /// A tick missed by more than `misfireGrace` is skipped (or, with `catchUp`, the last missed one runs).
    /// Returns the jobs added and how long until the next tick (ms), if any.
    @discardableResult
    public func fireDueSchedules(misfireGrace: Duration = .seconds(30)) async throws(QueueError) -> (added: [String], nextIn: Int64?) {
        let reply = try await run(QueueScripts.schedules, ["due", "100"], idempotent: true)
        guard let parts = reply.array, parts.count >= 2, let now = parts[0].int, let following = parts[1].int else {
            throw .unexpected("schedules", reply)
        }
        var added: [String] = []
        var soonest = following >= 0 ? following : nil
        for index in stride(from: 2, to: parts.count - 2, by: 3) {
            guard let id = parts[index].string, let tick = parts[index + 1].int,
                let entry = parts[index + 2].string.flatMap(Self.decodeEntry)
            else { continue }
            let schedule = entry.schedule
            let rule = try schedule.rule()
            let missed = now - tick > misfireGrace.milliseconds
            // The tick to run: this one, or after downtime the last one missed (with catch-up), or none.
            var fired: Int64? = tick
            if missed {
                fired = nil
                if schedule.catchUp {
                    var last = tick
                    var steps = 0
                    while let following = rule.next(after: last), following <= now, steps < 100_000 { last = following; steps += 1 }
                    fired = last
                }
            }
            // A tick fired late but within the grace is followed by the very next tick (no gap); after
            // downtime the schedule resumes at its next tick from now (no burst).
            var next = schedule.nextTick(after: missed ? now : tick, rule: rule)
            if let limit = schedule.limit, entry.runs + (fired == nil ? 0 : 1) >= limit { next = nil }
            var arguments = [id, String(tick), String(next ?? -1), fired == nil ? "0" : "1"]
            var job = NewJob(schedule.jobName, json: schedule.data, options: schedule.options)
            job.options.jobId = schedule.jobID(tick: fired ?? tick)
            job.options.delay = nil
            arguments += try job.scriptArguments(settings: settings, templates: templates)
            let result = try await run(QueueScripts.tick, arguments)
            if result.array?.first?.string == "fired", let jobID = result.array?[1].string { added.append(jobID) }
            if let next { soonest = min(soonest ?? next, next) }
        }
        return (added, soonest.map { max(0, $0 - now) })
    }

    /// The Redis server's clock (ms): the one clock every host's schedules use.
    func serverTime() async throws(QueueError) -> Int64 {
        do {
            let parts = try await redis.client().send(["TIME"], idempotent: true).array?.compactMap(\.int) ?? []
            guard parts.count == 2 else { throw QueueError(.redis, "queue \(name): unexpected reply to TIME") }
            return parts[0] * 1000 + parts[1] / 1000
        } catch let error as RedisError {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        } catch {
            throw error as! QueueError
        }
    }

    private static func encode(_ schedule: JobSchedule) throws(QueueError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(schedule), as: UTF8.self)
        } catch {
            throw QueueError(.invalidOption, "schedule \(schedule.id) cannot be encoded: \(error)")
        }
    }

    private static func decodeEntry(_ text: String) -> (schedule: JobSchedule, runs: Int, source: String)? {
        struct Entry: Decodable { var spec: String; var runs: Int?; var source: String? }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(text.utf8)),
            let schedule = try? JSONDecoder().decode(JobSchedule.self, from: Data(entry.spec.utf8))
        else { return nil }
        return (schedule, entry.runs ?? 0, entry.source ?? "api")
    }
}
