/// Where a job is in its life.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting in line to run.
    case waiting
    /// Waiting, ordered by priority.
    case prioritized
    /// Waiting for its time (a delay or a retry backoff).
    case delayed
    /// Running under a worker's lease.
    case active
    /// Finished successfully.
    case completed
    /// Failed for good (attempts used up, or not retryable).
    case failed
    /// Waiting, while the queue is paused.
    case paused
}
