/// A worker process of a supervisor, as its command line describes it.
public struct WorkerInfo: Sendable, Hashable {
    /// Its pid.
    public var pid: Int32
    /// The queue it serves (`--queue`).
    public var queue: String
    /// Its worker id (`--worker-id`), the owner of its jobs in Redis.
    public var workerID: String
    /// When it started, in milliseconds of ``ProcessTable/bootClock()``.
    public var startedAt: Double

    /// The worker a process table entry describes, or nil for another process (e.g. a redis-server).
    public init?(_ entry: ProcessTable.Entry) {
        guard entry.arguments.dropFirst().first == "worker",
            let queue = Self.value(of: "--queue", in: entry.arguments),
            let id = Self.value(of: "--worker-id", in: entry.arguments)
        else { return nil }
        pid = entry.pid
        self.queue = queue
        workerID = id
        startedAt = entry.startedAt
    }

    private static func value(of flag: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
