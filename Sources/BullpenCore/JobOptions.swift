/// Options of one job; any option left nil takes the queue's default (see `QueueSettings.defaults`).
public struct JobOptions: Sendable, Hashable, Codable {
    /// A job id of your own: adding a job whose id exists is a no-op that returns the existing job.
    public var jobId: String?
    /// 1 is the highest priority, up to 2,097,152. A job without priority runs before prioritized ones.
    public var priority: Int?
    /// Milliseconds to wait before the job may run.
    public var delay: Int64?
    /// How many times the job may run before it fails for good (1 = no retry).
    public var attempts: Int?
    /// The wait between attempts.
    public var backoff: Backoff?
    /// Run this job before the ones already waiting.
    public var lifo: Bool?
    /// Which completed jobs to keep.
    public var removeOnComplete: JobRetention?
    /// Which failed jobs to keep.
    public var removeOnFail: JobRetention?
    /// Milliseconds the handler may run before it is cancelled and the attempt fails.
    public var timeout: Int64?

    /// The highest priority number.
    public static let maxPriority = 2_097_152
    /// The most attempts a job may have.
    public static let maxAttempts = 1_000_000

    /// Creates options; durations are given as `Duration`.
    public init(
        jobId: String? = nil, priority: Int? = nil, delay: Duration? = nil, attempts: Int? = nil,
        backoff: Backoff? = nil, lifo: Bool? = nil, removeOnComplete: JobRetention? = nil,
        removeOnFail: JobRetention? = nil, timeout: Duration? = nil
    ) {
        self.jobId = jobId
        self.priority = priority
        self.delay = delay?.milliseconds
        self.attempts = attempts
        self.backoff = backoff
        self.lifo = lifo
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
        self.timeout = timeout?.milliseconds
    }

    /// These options with every unset one taken from `defaults`.
    public func merged(over defaults: JobOptions) -> JobOptions {
        JobOptions(
            jobId: jobId, priority: priority ?? defaults.priority, delayMs: delay ?? defaults.delay,
            attempts: attempts ?? defaults.attempts, backoff: backoff ?? defaults.backoff, lifo: lifo ?? defaults.lifo,
            removeOnComplete: removeOnComplete ?? defaults.removeOnComplete,
            removeOnFail: removeOnFail ?? defaults.removeOnFail, timeoutMs: timeout ?? defaults.timeout)
    }

    private init(
        jobId: String?, priority: Int?, delayMs: Int64?, attempts: Int?, backoff: Backoff?, lifo: Bool?,
        removeOnComplete: JobRetention?, removeOnFail: JobRetention?, timeoutMs: Int64?
    ) {
        self.init(
            jobId: jobId, priority: priority, attempts: attempts, backoff: backoff, lifo: lifo,
            removeOnComplete: removeOnComplete, removeOnFail: removeOnFail)
        self.delay = delayMs
        self.timeout = timeoutMs
    }

    /// Checks every option's range; the error names the option and the bad value.
    public func validate() throws(QueueError) {
        if let jobId { try JobID.validate(jobId) }
        if let priority, !(1...Self.maxPriority).contains(priority) {
            throw .option("priority", priority, "must be from 1 (highest) to \(Self.maxPriority)")
        }
        if let delay, delay < 0 { throw .option("delay", "\(delay)ms", "must be 0 or more") }
        if let attempts, !(1...Self.maxAttempts).contains(attempts) {
            throw .option("attempts", attempts, "must be from 1 to \(Self.maxAttempts)")
        }
        try backoff?.validate()
        try removeOnComplete?.validate("removeOnComplete")
        try removeOnFail?.validate("removeOnFail")
        if let timeout, timeout <= 0 { throw .option("timeout", "\(timeout)ms", "must be more than 0") }
    }
}
