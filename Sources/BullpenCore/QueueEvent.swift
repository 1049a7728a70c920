import BullpenRedis

/// One entry of a queue's event stream (added, active, progress, completed, failed, retrying, stalled,
/// crashed, dead-lettered, released, paused, resumed ...), readable by any process.
public struct QueueEvent: Sendable, Hashable {
    /// The stream entry id (`1700000000000-0`): pass it as `after` to read on.
    public var streamID: String
    /// The event name.
    public var name: String
    /// The job id ('' for queue-wide events).
    public var jobID: String
    /// The event's other fields (reason, returnvalue, progress, attemptsMade ...).
    public var fields: [String: String]
}

extension Queue {
    /// Reads events after a stream id (`"0"` from the start; `"$"` with `block` for only new ones).
    /// With `block`, waits up to that long for the first event: use a client of its own then.
    ///
    /// `count` counts stream entries. A bulk add stores its 'added' events as one entry, and a batch of
    /// finishes its 'completed' and 'active' events as one entry each; they are read back as one event per
    /// job (all with the entry's stream id), so a read may return more than `count` events.
    public func events(after streamID: String = "0", count: Int = 100, block: Duration? = nil, on client: RedisClient? = nil)
        async throws(QueueError) -> [QueueEvent]
    {
        var command = ["XREAD", "COUNT", String(count)]
        if let block { command += ["BLOCK", String(block.milliseconds)] }
        command += ["STREAMS", keys.events, streamID]
        let reply: RedisReply
        do {
            let timeout = block.map { Double($0.milliseconds) / 1000 + 10 }
            reply = try await (client ?? redis.client()).send(command, timeout: timeout, idempotent: true)
        } catch {
            throw QueueError(.redis, "queue \(name): \(error.message)")
        }
        guard let streams = reply.array, let entries = streams.first?.array?.last?.array else { return [] }
        return entries.flatMap { entry -> [QueueEvent] in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].string, let flat = parts[1].array else { return [] }
            let pairs = stride(from: 0, to: flat.count - 1, by: 2).compactMap { index -> (String, String)? in
                guard let key = flat[index].string, let value = flat[index + 1].string else { return nil }
                return (key, value)
            }
            return QueueEvent.events(streamID: id, pairs: pairs)
        }
    }
}

extension QueueEvent {
    /// The events of one stream entry, from its field-value pairs. An entry holds the event of one job
    /// (`event`, `id`, then the job's fields), of several (the scripts that finish and take jobs in
    /// batches: each job's fields follow its own `id`, and fields before the first `id` belong to every
    /// job, as the worker of a batch of takes), of none (a queue-wide event), or a bulk add's (`ids` and
    /// `names` one per line, or one `name` for all).
    static func events(streamID: String, pairs: [(String, String)]) -> [QueueEvent] {
        var name = ""
        var shared: [String: String] = [:]
        var jobs: [QueueEvent] = []
        for (key, value) in pairs {
            switch key {
            case "event" where jobs.isEmpty:
                name = value
            case "id":
                jobs.append(QueueEvent(streamID: streamID, name: name, jobID: value, fields: shared))
            case _ where jobs.isEmpty:
                shared[key] = value
            default:
                jobs[jobs.count - 1].fields[key] = value
            }
        }
        if let ids = shared.removeValue(forKey: "ids"), jobs.isEmpty {
            return perJob(streamID: streamID, name: name, ids: ids, fields: shared)
        }
        return jobs.isEmpty ? [QueueEvent(streamID: streamID, name: name, jobID: "", fields: shared)] : jobs
    }

    /// The events of one entry that names several jobs (a bulk add's 'added': `ids` and `names` one per
    /// line, or one `name` for all), one per job.
    static func perJob(streamID: String, name: String, ids: String, fields: [String: String]) -> [QueueEvent] {
        var shared = fields
        let names = shared.removeValue(forKey: "names").map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
        return ids.split(separator: "\n").enumerated().map { index, job in
            var own = shared
            if let names, index < names.count { own["name"] = String(names[index]) }
            return QueueEvent(streamID: streamID, name: name, jobID: String(job), fields: own)
        }
    }
}
