import BullpenCore
import BullpenRedis
import BullpenTopology
import Foundation

/// The supervisor's Redis side, one object for its three hooks:
/// - at start, checks that Redis answers (retrying for a while) and warns about settings that lose jobs;
/// - when a worker ends, hands back the jobs it held at once (a crash counts against each job; a worker
///   stopped at a drain deadline does not);
/// - publishes the supervisor's slot table for `bullpen status`.
///
/// Calls run on the supervisor's loop thread and give up quickly when Redis is away: the supervisor
/// keeps the report and retries it, so an outage delays a release but never loses it.
public final class RedisSupervision: WorkerExitObserver, StartupCheck, StatusPublisher {
    private var pool: RedisPool?
    private var prefix = "bullpen"
    private var maxCrashes: [String: Int] = [:]
    private let reachTimeout: Double

    /// Creates the hooks; `reachTimeout` is how long the start-up check waits for Redis.
    public init(reachTimeout: Double = 10) {
        self.reachTimeout = reachTimeout
    }

    // MARK: StartupCheck

    public func check(topology: Topology, redisURL: String) throws -> [String] {
        let configuration = try RedisConfiguration(url: redisURL, connectTimeout: 2, commandTimeout: 5)
        prefix = topology.prefix
        maxCrashes = Dictionary(topology.queues.map { ($0.name, $0.maxCrashes) }, uniquingKeysWith: { $1 })
        // No waiting for a server that refuses connections: every call blocks the supervisor's loop
        // (stop deadlines included), and a refused exit report is kept and retried a second later anyway.
        // Waiting here made a drain with Redis down last seconds past its stop timeout.
        pool = RedisPool(configuration, size: 1, reconnect: .never)
        let probe = RedisClient(configuration, reconnect: RedisReconnectPolicy(giveUpAfter: reachTimeout))
        let settings = try BlockingCall.run {
            try await probe.pipeline([
                ["CONFIG", "GET", "appendonly"], ["CONFIG", "GET", "save"], ["CONFIG", "GET", "maxmemory-policy"],
            ])
        }
        func value(_ reply: RedisReply) -> String? { reply.array?.last?.string }
        var warnings: [String] = []
        if value(settings[0]) != "yes", (value(settings[1]) ?? "").isEmpty {
            warnings.append("redis at \(configuration) runs without persistence (appendonly no, save \"\"): a restart loses every job")
        } else if value(settings[0]) != "yes" {
            warnings.append("redis at \(configuration) runs without AOF (appendonly no): a crash loses the jobs since the last snapshot")
        }
        if let policy = value(settings[2]), policy != "noeviction" {
            warnings.append("redis at \(configuration) has maxmemory-policy \(policy), not noeviction: under memory pressure it deletes jobs")
        }
        try topologyReloaded(topology)
        return warnings
    }

    /// Makes each queue's repeatable jobs those of the file: added, changed and removed (schedules added
    /// through the API or the CLI are left alone).
    public func topologyReloaded(_ topology: Topology) throws {
        guard let pool else { return }
        maxCrashes = Dictionary(topology.queues.map { ($0.name, $0.maxCrashes) }, uniquingKeysWith: { $1 })
        for queueTopology in topology.queues {
            let queue = try Queue(queueTopology.name, redis: pool, settings: QueueSettings(topology: topology, queue: queueTopology))
            let schedules = queueTopology.schedules.map(JobSchedule.init(setting:))
            try BlockingCall.run { try await queue.syncSchedules(schedules) }
        }
    }

    // MARK: WorkerExitObserver

    public func workerExited(_ exit: WorkerExit) throws {
        guard let pool else { return }
        let queue = try Queue(exit.queue, redis: pool, settings: QueueSettings(prefix: prefix))
        let reason = exit.isCrash ? exit.reason : nil
        let limit = maxCrashes[exit.queue] ?? 3
        _ = try BlockingCall.run { try await queue.releaseWorker(exit.workerID, crashReason: reason, maxCrashes: limit) }
        try? BlockingCall.run { try await WorkerStatus.retract(prefix: queue.settings.prefix, id: exit.workerID, on: pool.client()) }
    }

    // MARK: StatusPublisher

    public func publish(_ status: SupervisorStatus) throws {
        // With the embedded Redis stopped (the last step of a drain) there is nowhere to publish.
        guard let pool, status.redis.map({ $0.state == .running }) ?? true else { return }
        let snapshot = SupervisorSnapshot(status)
        let key = QueueKeys.supervisor(prefix: prefix, host: status.hostname, pid: status.pid)
        let index = QueueKeys.supervisors(prefix: prefix)
        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        _ = try BlockingCall.run {
            try await pool.client().pipeline([
                ["SET", key, json, "PX", "30000"], ["ZADD", index, String(snapshot.updatedAt), key],
            ])
        }
    }
}

/// The supervisor's slot table as `bullpen status` reads it.
public struct SupervisorSnapshot: Codable, Sendable, Hashable {
    /// One process slot.
    public struct Slot: Codable, Sendable, Hashable {
        /// Queue, slot index, state (starting, running, backoff, stopping, exited, fatal), pid, restarts.
        public var queue: String, index: Int, state: String, pid: Int32?, restarts: Int, lastExit: String?
    }

    /// The supervisor's pid and host.
    public var pid: Int32, host: String
    /// starting, running, draining or stopping.
    public var phase: String
    /// Its slots.
    public var slots: [Slot]
    /// When written (Unix ms).
    public var updatedAt: Int64

    init(_ status: SupervisorStatus) {
        pid = status.pid
        host = status.hostname
        phase = status.phase.rawValue
        slots = status.slots.map {
            Slot(queue: $0.queue, index: $0.index, state: $0.state.rawValue, pid: $0.pid, restarts: $0.restarts,
                 lastExit: $0.lastExit.map { "\($0)" })
        }
        updatedAt = Int64(Date().timeIntervalSince1970 * 1000)
    }
}
