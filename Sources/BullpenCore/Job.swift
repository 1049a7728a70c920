import FoundationEssentials

/// A job as stored in its queue: what to run (name and JSON data), how (options), and what happened so far.
public struct Job: Sendable, Hashable {
    /// The job's id: a number given by the queue, or the `jobId` option.
    public var id: String
    /// The queue it belongs to.
    public var queue: String
    /// The job's name, which selects the handler within a queue.
    public var name: String
    /// The job's data, as the JSON text it was added with (kept verbatim).
    public var data: String
    /// The options, after the queue's defaults were applied.
    public var options: JobOptions
    /// Where the job is now.
    public var state: JobState
    /// Attempts that ended (completed or failed).
    public var attemptsMade: Int
    /// Attempts that started (a drained or crashed run started but did not end).
    public var attemptsStarted: Int
    /// How many attempts the job may have.
    public var maxAttempts: Int
    /// Times its lease expired while running.
    public var stalls: Int
    /// Times its worker died while running it.
    public var crashes: Int
    /// The latest progress, as JSON text (a number or an object).
    public var progress: String?
    /// The handler's return value, as JSON text.
    public var returnValue: String?
    /// Why the last attempt failed.
    public var failedReason: String?
    /// Stack traces of failed attempts, newest first (at most 10).
    public var stacktrace: [String]
    /// When the job was added (Unix ms, Redis clock).
    public var createdAt: Int64
    /// When its latest attempt started.
    public var processedAt: Int64?
    /// When it finished.
    public var finishedAt: Int64?
    /// The delay it was added with, in ms.
    public var delay: Int64
    /// Its priority (0 = none).
    public var priority: Int
    /// The worker holding it, while active.
    public var workerID: String?
    /// Its log lines (filled by `Queue.job(_:)`, empty elsewhere).
    public var logs: [String]

    /// Decodes the data into a `Decodable` type.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(data.utf8))
    }
}
