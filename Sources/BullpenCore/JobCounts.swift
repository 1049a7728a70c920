/// How many jobs a queue has in each state (the queue-health numbers).
public struct JobCounts: Sendable, Hashable, Codable {
    /// Waiting to run (0 while paused: they count as `paused`).
    public var waiting: Int
    /// Waiting, ordered by priority.
    public var prioritized: Int
    /// Waiting for their time.
    public var delayed: Int
    /// Running.
    public var active: Int
    /// Completed (and kept).
    public var completed: Int
    /// Failed for good (and kept).
    public var failed: Int
    /// Waiting while the queue is paused.
    public var paused: Int
    /// In the dead-letter queue.
    public var deadLetter: Int
    /// Whether the queue is paused.
    public var isPaused: Bool

    /// Creates counts.
    public init(
        waiting: Int, prioritized: Int, delayed: Int, active: Int, completed: Int, failed: Int, paused: Int,
        deadLetter: Int, isPaused: Bool
    ) {
        self.waiting = waiting
        self.prioritized = prioritized
        self.delayed = delayed
        self.active = active
        self.completed = completed
        self.failed = failed
        self.paused = paused
        self.deadLetter = deadLetter
        self.isPaused = isPaused
    }
}

/// A job in the dead-letter queue: what it was, why it failed, and when.
public struct DeadLetter: Sendable, Hashable, Codable {
    /// The job's id.
    public var id: String
    /// The job's name.
    public var name: String
    /// The job's original data (JSON text).
    public var data: String
    /// The job's options (JSON text).
    public var opts: String?
    /// The reason it failed for good.
    public var error: String
    /// When (Unix ms, Redis clock).
    public var failedAt: Int64
    /// The queue it came from.
    public var queue: String
    /// Attempts it made.
    public var attemptsMade: Int
    /// Times it crashed its worker.
    public var crashes: Int?
}

/// A page of jobs in one state.
public struct JobPage: Sendable, Hashable {
    /// How many jobs the state holds in all.
    public var total: Int
    /// The jobs of this page.
    public var jobs: [Job]
}

/// States a finished (or dead-lettered) job can be cleaned from.
public enum CleanableState: String, Sendable, Hashable, CaseIterable {
    /// Completed jobs.
    case completed
    /// Failed jobs.
    case failed
    /// Dead-letter entries.
    case dead
}
