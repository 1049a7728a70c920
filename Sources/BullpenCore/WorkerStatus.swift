import BullpenRedis
import FoundationEssentials

/// What a worker process publishes about itself (its heartbeat), for `bullpen status`.
public struct WorkerStatus: Sendable, Hashable, Codable {
    /// The worker's id.
    public var id: String
    /// The queue it runs.
    public var queue: String
    /// Its process id and host.
    public var pid: Int32
    /// The host it runs on.
    public var host: String
    /// The supervisor's process id, when supervised.
    public var supervisorPID: Int32?
    /// `running`, `quiet` or `stopping`.
    public var state: String
    /// Jobs finished (completed or failed) and failed.
    public var finished: Int
    /// Jobs that failed.
    public var failed: Int
    /// The ids of the jobs running now.
    public var running: [String]
    /// Resident memory in bytes.
    public var rss: UInt64
    /// When the process started (Unix ms).
    public var startedAt: Int64
    /// Times its slot was restarted by the supervisor.
    public var restarts: Int
    /// When this heartbeat was written (Unix ms).
    public var updatedAt: Int64

    /// Creates a status.
    public init(id: String, queue: String, pid: Int32, host: String, supervisorPID: Int32?, state: String, finished: Int,
                failed: Int, running: [String], rss: UInt64, startedAt: Int64, restarts: Int, updatedAt: Int64) {
        self.id = id
        self.queue = queue
        self.pid = pid
        self.host = host
        self.supervisorPID = supervisorPID
        self.state = state
        self.finished = finished
        self.failed = failed
        self.running = running
        self.rss = rss
        self.startedAt = startedAt
        self.restarts = restarts
        self.updatedAt = updatedAt
    }

    /// Writes the heartbeat: it expires after `ttl` unless written again, so dead processes disappear.
    public func publish(prefix: String, ttl: Duration, on client: RedisClient) async throws(RedisError) {
        let json = String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self)
        let replies = try await client.pipeline([
            ["SET", QueueKeys.worker(prefix: prefix, id: id), json, "PX", String(ttl.milliseconds)],
            ["ZADD", QueueKeys.workers(prefix: prefix), String(updatedAt), id],
        ], idempotent: true)
        for reply in replies { try reply.orThrow(command: "heartbeat") }
    }

    /// Removes the heartbeat (a worker that exits cleanly).
    public static func retract(prefix: String, id: String, on client: RedisClient) async throws(RedisError) {
        _ = try await client.pipeline([
            ["DEL", QueueKeys.worker(prefix: prefix, id: id)], ["ZREM", QueueKeys.workers(prefix: prefix), id],
        ], idempotent: true)
    }

    /// Every live worker under a prefix; entries whose heartbeat expired are dropped from the index.
    public static func all(prefix: String, on client: RedisClient) async throws(RedisError) -> [WorkerStatus] {
        let ids = try await client.send(["ZRANGE", QueueKeys.workers(prefix: prefix), "0", "-1"], idempotent: true)
            .array?.compactMap(\.string) ?? []
        guard !ids.isEmpty else { return [] }
        let values = try await client.send(["MGET"] + ids.map { QueueKeys.worker(prefix: prefix, id: $0) }, idempotent: true)
            .array ?? []
        var live: [WorkerStatus] = []
        var gone: [String] = []
        for (id, value) in zip(ids, values) {
            if let text = value.string, let status = try? JSONDecoder().decode(WorkerStatus.self, from: Data(text.utf8)) {
                live.append(status)
            } else {
                gone.append(id)
            }
        }
        if !gone.isEmpty { _ = try await client.send(["ZREM", QueueKeys.workers(prefix: prefix)] + gone) }
        return live.sorted { ($0.queue, $0.id) < ($1.queue, $1.id) }
    }
}
