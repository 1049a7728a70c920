import Glibc

/// Everything about one spawn of a worker that its command line and environment are built from.
public struct WorkerLaunch: Sendable, Hashable {
    /// The queue the worker serves.
    public var queue: String
    /// The slot's index in its queue, from 0.
    public var slot: Int
    /// How many times this slot has spawned a worker, this one included (from 1).
    public var generation: Int
    /// The worker's id, unique per spawn: `<hostname>:<supervisor pid>:<queue>:<slot>:<generation>`.
    public var workerID: String
    /// The topology file, as an absolute path.
    public var configPath: String
    /// The Redis URL the worker must use instead of the file's `redis:`; set only for the embedded Redis
    /// (`unix://<data dir>/redis.sock`), whose address the file does not spell out.
    public var redisURL: String?
    /// The supervisor's pid: the parent the worker expects when it arms its parent-death signal.
    public var supervisorPID: pid_t

    /// Creates a launch description.
    public init(
        queue: String, slot: Int, generation: Int, workerID: String, configPath: String, redisURL: String?,
        supervisorPID: pid_t
    ) {
        self.queue = queue
        self.slot = slot
        self.generation = generation
        self.workerID = workerID
        self.configPath = configPath
        self.redisURL = redisURL
        self.supervisorPID = supervisorPID
    }

    /// `<hostname>:<supervisor pid>:<queue>:<slot>:<generation>`, e.g. `web-1:4242:images:1:3`.
    /// Queue names never hold `:` (the topology refuses them), so the id splits back unambiguously
    /// from the right.
    public static func workerID(
        hostname: String, supervisorPID: pid_t, queue: String, slot: Int, generation: Int
    ) -> String {
        "\(hostname):\(supervisorPID):\(queue):\(slot):\(generation)"
    }
}
