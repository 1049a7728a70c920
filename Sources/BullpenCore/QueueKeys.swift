/// Every Redis key of a queue, built in this one place. Each carries the queue's hash tag
/// (`bullpen:{emails}:wait`), so every script touches one hash slot and a queue works unchanged on Redis
/// Cluster. A job has no keys of its own: it lives in fields of the queue's hashes, so every key a script
/// touches is known before it runs and passed in KEYS.
public struct QueueKeys: Sendable, Hashable {
    /// The queue's name.
    public let queue: String
    /// The key prefix (default `bullpen`).
    public let prefix: String
    /// `prefix:{queue}:`, the start of every key of the queue.
    public let base: String

    /// The keys of queue `queue` under `prefix`. Both must be valid (see `QueueName`).
    public init(queue: String, prefix: String = "bullpen") {
        self.queue = queue
        self.prefix = prefix
        self.base = "\(prefix):{\(queue)}:"
    }

    /// Hash: paused flag, id counter, layout version.
    public var meta: String { base + "meta" }
    /// List of waiting job ids.
    public var wait: String { base + "wait" }
    /// Sorted set of prioritized job ids.
    public var prioritized: String { base + "prioritized" }
    /// Sorted set of delayed job ids by due time.
    public var delayed: String { base + "delayed" }
    /// Sorted set of running job ids by lease expiry.
    public var active: String { base + "active" }
    /// Sorted set of completed job ids by finish time.
    public var completed: String { base + "completed" }
    /// Sorted set of failed job ids by finish time.
    public var failed: String { base + "failed" }
    /// Sorted set of dead-letter entries by time.
    public var dead: String { base + "dead" }
    /// Hash of dead-letter entries.
    public var deadJobs: String { base + "deadjobs" }
    /// Sorted set that wakes workers blocked in BZPOPMIN.
    public var marker: String { base + "marker" }
    /// The queue's capped event stream.
    public var events: String { base + "events" }
    /// The rate limiter's window counter.
    public var limiter: String { base + "limiter" }
    /// Hash of job records.
    public var jobs: String { base + "jobs" }
    /// Hash of job data.
    public var data: String { base + "data" }
    /// Hash of job logs.
    public var logs: String { base + "logs" }
    /// Unused since running jobs' leases live in `active`; still cleared by `obliterate` (older data).
    public var locks: String { base + "locks" }
    /// Sorted set of repeatable-job schedules by next tick.
    public var schedules: String { base + "schedules" }
    /// Hash of repeatable-job schedules.
    public var scheduled: String { base + "scheduled" }

    /// The set of every queue name under a prefix (outside any hash tag: it spans queues, and no script
    /// touches it).
    public static func registry(prefix: String) -> String { "\(prefix):queues" }

    /// The sorted set of live worker ids under a prefix, scored by their latest heartbeat (Unix ms).
    public static func workers(prefix: String) -> String { "\(prefix):workers" }

    /// One worker's heartbeat (a JSON `WorkerStatus` that expires when the worker stops beating).
    public static func worker(prefix: String, id: String) -> String { "\(prefix):worker:\(id)" }

    /// The sorted set of supervisors' status keys under a prefix, scored by their latest update (Unix ms).
    public static func supervisors(prefix: String) -> String { "\(prefix):supervisors" }

    /// One supervisor's status (a JSON slot table that expires when the supervisor stops updating it).
    public static func supervisor(prefix: String, host: String, pid: Int32) -> String { "\(prefix):supervisor:\(host):\(pid)" }

    /// The KEYS every queue script receives, in the order `_queue.lua` documents.
    public var scriptKeys: [String] {
        [meta, wait, prioritized, delayed, active, completed, failed, dead, deadJobs, marker, events, limiter,
         jobs, data, logs, locks, schedules, scheduled]
    }
}
