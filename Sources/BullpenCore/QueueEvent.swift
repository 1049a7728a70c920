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
        return entries.compactMap { entry in
            guard let parts = entry.array, parts.count == 2, let id = parts[0].string, let flat = parts[1].array else { return nil }
            var fields: [String: String] = [:]
            for index in stride(from: 0, to: flat.count - 1, by: 2) {
                if let key = flat[index].string, let value = flat[index + 1].string { fields[key] = value }
            }
            let name = fields.removeValue(forKey: "event") ?? ""
            let job = fields.removeValue(forKey: "id") ?? ""
            return QueueEvent(streamID: id, name: name, jobID: job, fields: fields)
        }
    }
}
